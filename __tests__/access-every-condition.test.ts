/**
 * The evaluator's `everyCondition` (what `explain` asks for) reports each
 * condition of a statement and changes no decision: over every role and
 * identity of the presets example, the decision with and
 * without it is the same, and the reported checks agree with the statement.
 */
import { join } from 'node:path';
import { evaluateAssumeRole } from '../src/access/evaluate/assume-role';
import { deriveIdentities, requestFor } from '../src/access/identities/identities';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile } from '../src/input/load';

describe.each(['presets'])('GIVEN the %s example, every role and every identity of its proof', (name) => {
  const model = resolveModel(loadSpecFile(join(__dirname, '..', 'examples', name, 'spec.yaml')));
  const policies = policySetFromModel(model);
  const identities = deriveIdentities(model);

  it('WHEN evaluated with everyCondition THEN the decision is the same, and each statement reports its conditions consistently', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const role of policies.roles) {
      for (const identity of identities) {
        const request = requestFor(identity.caller, role.partition, role.accountId, role.arn);
        const input = { roleArn: role.arn, trust: role.trust, caller: request.principal!, action: request.action, context: request.context };
        const plain = evaluateAssumeRole(input);
        const every = evaluateAssumeRole({ ...input, everyCondition: true });
        const { statements: _s, trust, ...rest } = every;
        const { statements: plainStatements, trust: plainTrust, ...plainRest } = plain;
        const at = `${role.name} <- ${identity.id}`;
        if (JSON.stringify(rest) !== JSON.stringify(plainRest)) wrong.push(`${at}: decision differs`);
        if (JSON.stringify(trust.statements.map(({ conditions: _c, ...s }) => s)) !== JSON.stringify(plainTrust.statements))
          wrong.push(`${at}: statements differ`);
        if (plainTrust.statements.some((s) => s.conditions !== undefined)) wrong.push(`${at}: conditions reported unasked`);
        for (const s of trust.statements) {
          if (s.conditions === undefined) continue;
          checked++;
          const failed = s.conditions.filter((c) => c.outcome === 'false');
          if ((s.failedOn === 'condition') !== failed.length > 0 || (failed.length > 0 && s.detail !== failed[0].detail))
            wrong.push(`${at}: S${s.index} failure not the first failing check`);
          for (const c of s.conditions) {
            const sent = Object.entries(request.context ?? {}).find(([k]) => k.toLowerCase() === c.key.toLowerCase());
            if ((c.actual === undefined) !== (sent === undefined)) wrong.push(`${at}: ${c.key} present/absent wrong`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
