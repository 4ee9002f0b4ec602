/**
 * A second opinion on the evaluator from @cloud-copilot/iam-simulate (AGPL:
 * a devDependency, imported only here, never from src/).
 *
 * How its results are read:
 * - Strict mode drops context keys it does not know for the action, such as
 *   `oidc.eks.<region>.amazonaws.com/id/<id>:sub` and `:aud`; it reports them
 *   in `ignoredContextKeys`. A condition on a dropped key then sees a missing
 *   key, so it denies every EKS web identity, right or wrong. Comparing those
 *   verdicts would be meaningless, so for EKS trust policies the `sub`/`aud`
 *   conditions are moved onto a key it knows (`aws:PrincipalTag/sub`, `/aud`)
 *   with the same operator and values, and the identity's claims with them:
 *   this compares StringLike/StringEquals semantics on exactly our patterns.
 *   One test pins the dropping itself, so a simulator that learns the keys
 *   makes this header out of date visibly.
 * - It treats a Federated caller as coming from another account, which then
 *   also needs an identity policy; STS needs none for AssumeRoleWithWebIdentity.
 *   For web identities the trust policy's own verdict
 *   (`analysis.resourceAnalysis.result`) is compared, not the overall result.
 * - For AWS callers (roles and role sessions), the overall result is compared
 *   with the caller's real identity policies (the spec's cross-account grants):
 *   this is where it is fully meaningful, including "trust allows but the
 *   caller's account does not grant". A caller outside the spec (the member of
 *   an organisation-wide trust) gets the identity policy ours assumes it has.
 * - A GitHub token presented to Google (the access proof's "another issuer")
 *   carries GitHub's id claims when the trust pins them; they are not passed
 *   to it as `accounts.google.com:` keys, which it does not know and no Google
 *   trust tests.
 * - A property test compares the condition operators on keys it knows
 *   (single-valued `aws:PrincipalTag/team`, multi-valued `aws:TagKeys`, Bool
 *   `aws:SecureTransport`, ARN `aws:SourceArn`) over random policies and
 *   requests, asserting that it dropped no key.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { join } from 'node:path';
import { evaluatePolicy } from '../src/access/evaluate/evaluate';
import { deriveIdentities, requestFor } from '../src/access/identities/identities';
import { evaluateAssumeRole } from '../src/access/evaluate/assume-role';
import { callerKey, policySetFromModel } from '../src/access/evaluate/policy-set';
import { awsPrincipalParts } from '../src/access/evaluate/request';
import { resolveModel } from '../src/model/resolve';
import { toIamPolicy } from '../src/policy/document';
import { rekey } from './helpers/rekey';
import { loadSpecFile } from '../src/input/load';
import { loadSpec } from '../src/synth';

/**
 * For every request the simulator works out which of the action's resource types the resource ARN matches
 * (`mostSpecificMatchingResourceTypePatterns` of @cloud-copilot/iam-utils: string automata, about 40% of this
 * suite's CPU), though the requests here name a handful of ARNs. That function is pure (an ARN and a list of
 * patterns in, the matching patterns out), so each answer is computed once, by the simulator's own code, and
 * a copy of it is returned for the same ARN and patterns: the simulator decides with the answers it would compute.
 */
jest.mock('@cloud-copilot/iam-utils', () => {
  const real = jest.requireActual('@cloud-copilot/iam-utils');
  const answers = new Map<string, string[]>();
  return {
    ...real,
    mostSpecificMatchingResourceTypePatterns: (resource: string, patterns: string[]) => {
      const key = JSON.stringify([resource, patterns]);
      if (!answers.has(key)) answers.set(key, real.mostSpecificMatchingResourceTypePatterns(resource, patterns));
      return [...answers.get(key)!];
    },
  };
});

/** The default example and the presets example (GitHub Actions, EKS Pod Identity, several issuers, IAM users). */
const examples = [resolveModel(loadSpec('')), resolveModel(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')))].map((model) => ({
  model,
  policies: policySetFromModel(model),
  identities: deriveIdentities(model),
  roles: model.accounts.flatMap((a) => a.roles.map((r) => ({ account: a, role: r, trust: toIamPolicy(r.trustPolicy) }))),
}));
const [{ identities, roles }] = examples;

type Sim = Awaited<ReturnType<typeof runSimulation>>;

async function simulate(input: {
  principal: string;
  action: string;
  resource: string;
  accountId: string;
  resourcePolicy?: unknown;
  identityPolicies?: unknown[];
  context?: Record<string, string | string[]>;
}): Promise<Exclude<Sim, { resultType: 'error' }>> {
  const r = await runSimulation(
    {
      request: {
        principal: input.principal,
        action: input.action,
        resource: { resource: input.resource, accountId: input.accountId },
        contextVariables: input.context ?? {},
      },
      identityPolicies: (input.identityPolicies ?? []).map((policy, i) => ({ name: `p${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: input.resourcePolicy,
    },
    { simulationMode: 'Strict' },
  );
  if (r.resultType === 'error') throw new Error(`the simulator rejected the input: ${JSON.stringify(r.errors)}`);
  return r;
}

const ignored = (r: Exclude<Sim, { resultType: 'error' }>) => (r.resultType === 'single' ? (r.result.ignoredContextKeys ?? []) : []);
const resourceVerdict = (r: Exclude<Sim, { resultType: 'error' }>) => (r.resultType === 'single' ? r.result.analysis.resourceAnalysis?.result : undefined);

describe('role, user and service callers of the examples: overall result, with the real grants', () => {
  const cases = examples.flatMap(({ roles, identities, policies }) =>
    roles.flatMap(({ role, trust }) =>
      identities
        .filter((i) => i.caller.kind !== 'web-identity')
        .map((identity) => [`${role.name} <- ${identity.id}`, role, trust, identity, policies] as const),
    ),
  );

  it.each(cases)('%s', async (_name, role, trust, identity, policies) => {
    const request = requestFor(identity.caller, 'aws', awsPrincipalParts(role.arn)!.account, role.arn);
    const parts = request.principal!.type === 'AWS' ? awsPrincipalParts(request.principal!.arn) : undefined;
    const callerPolicies = parts?.roleName ? policies.callers.get(callerKey(parts.account, parts.roleName)) : undefined;
    const ours = evaluateAssumeRole({ roleArn: role.arn, trust, caller: request.principal!, context: request.context, callerPolicies });
    const principal = request.principal!.type === 'AWS' ? request.principal!.arn : request.principal!.id;
    const theirs = await simulate({
      principal,
      action: 'sts:AssumeRole',
      resource: role.arn,
      accountId: awsPrincipalParts(role.arn)!.account,
      resourcePolicy: trust,
      // A caller outside the spec (organisation-wide trust) has identity policies we cannot read; ours assumes,
      // and says in its notes, that they allow the call: the simulator is given exactly that policy.
      identityPolicies: ours.notes.some((n) => n.includes('assumed to allow'))
        ? [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.arn }] }]
        : (callerPolicies?.policies ?? []).map((p) => p.document),
      context: request.context as Record<string, string> | undefined,
    });
    expect(ignored(theirs)).toEqual([]);
    expect(ours.verdict).toBe(theirs.overallResult === 'Allowed' ? 'allow' : 'deny');
  });

  it('both deny airflow -> airflow-emr when the grant is missing, though the trust names airflow', async () => {
    const emr = roles.find((r) => r.role.name === 'airflow-emr')!;
    const caller = { type: 'AWS', arn: 'arn:aws:iam::333333333333:role/airflow' } as const;
    expect(evaluateAssumeRole({ roleArn: emr.role.arn, trust: emr.trust, caller, callerPolicies: { policies: [], unread: [] } }).verdict).toBe('deny');
    const theirs = await simulate({
      principal: caller.arn,
      action: 'sts:AssumeRole',
      resource: emr.role.arn,
      accountId: '444444444444',
      resourcePolicy: emr.trust,
    });
    expect(theirs.overallResult).toBe('ImplicitlyDenied');
    expect(resourceVerdict(theirs)).toBe('Allowed');
  });
});

describe('web identities of the examples: the trust policy verdict', () => {
  const cases = examples.flatMap(({ roles, identities }) =>
    roles.flatMap(({ role, trust }) =>
      identities.filter((i) => i.caller.kind === 'web-identity').map((identity) => [`${role.name} <- ${identity.id}`, role, trust, identity] as const),
    ),
  );

  it.each(cases)('%s', async (_name, role, trust, identity) => {
    const account = awsPrincipalParts(role.arn)!.account;
    const request = requestFor(identity.caller, 'aws', account, role.arn);
    const ours = evaluatePolicy(trust, request, 'trust').verdict;
    const host = identity.caller.kind === 'web-identity' ? identity.caller.issuerHost : '';
    const google = host === 'accounts.google.com';
    // A GitHub token presented to Google (the "another issuer" near-miss) keeps its id claims; the simulator knows no
    // accounts.google.com:repository_id key and no Google trust tests one, so only Google's own claims are passed.
    const googleKnown = ([k]: [string, unknown]) => /^accounts\.google\.com:(sub|aud|oaud|amr|azp|email)$/.test(k);
    const context = google
      ? Object.fromEntries(Object.entries(request.context as Record<string, string>).filter(googleKnown))
      : Object.fromEntries(Object.entries(request.context ?? {}).map(([k, v]) => [`aws:PrincipalTag/${k.slice(host.length + 1)}`, String(v)]));
    const theirs = await simulate({
      principal: request.principal!.type === 'Federated' ? request.principal!.id : '',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role.arn,
      accountId: account,
      resourcePolicy: google ? trust : rekey(trust, host),
      context,
    });
    expect(ignored(theirs)).toEqual([]);
    expect(ours).toBe(resourceVerdict(theirs) === 'Allowed' ? 'allow' : 'deny');
  });

  it('in strict mode it drops the EKS keys, so it would deny even the declared workload (why the keys are moved)', async () => {
    const dev = roles.find((r) => r.role.name === 'sample-dev')!;
    const host = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
    const request = requestFor(identities[0].caller, 'aws', '111111111111', dev.role.arn);
    expect(evaluatePolicy(dev.trust, request, 'trust').verdict).toBe('allow');
    const theirs = await simulate({
      principal: (request.principal as { id: string }).id,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: dev.role.arn,
      accountId: '111111111111',
      resourcePolicy: dev.trust,
      context: request.context as Record<string, string>,
    });
    expect([...ignored(theirs)].sort()).toEqual([`${host}:aud`, `${host}:sub`]);
    expect(resourceVerdict(theirs)).not.toBe('Allowed');
  });
});

describe('condition operators on keys the simulator knows, over random policies and requests', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', ':', '-', '*', '?');
  const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
  const literal = fc.array(fc.constantFrom('a', 'b', 'A', ':', '-'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
  const stringOps = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
  const caseOf = (key: string) => fc.constantFrom(key, key.toUpperCase(), key.toLowerCase());
  const segment = fc.constantFrom('a', 'b', '*', '?', 'a*', '');
  const arnPattern = fc.tuple(segment, segment, segment).map(([x, y, z]) => `arn:aws:${x || 'iam'}::${y || '1'}:role/${z || 'r'}`);
  const arnValue = fc
    .tuple(fc.constantFrom('iam', 'a', 'b'), fc.constantFrom('1', 'a', '1:2'), fc.constantFrom('r', 'a', 'ab', 'b/c'))
    .map(([x, y, z]) => `arn:aws:${x}::${y}:role/${z}`);

  const single = fc.record({
    op: fc.constantFrom(...stringOps),
    ifExists: fc.boolean(),
    key: caseOf('aws:PrincipalTag/team'),
    values: fc.array(word, { minLength: 1, maxLength: 3 }),
  });
  const multi = fc.record({
    set: fc.constantFrom('ForAnyValue', 'ForAllValues'),
    op: fc.constantFrom(...stringOps),
    ifExists: fc.boolean(),
    key: caseOf('aws:TagKeys'),
    values: fc.array(word, { minLength: 1, maxLength: 3 }),
  });
  const bool = fc.record({ ifExists: fc.boolean(), value: fc.constantFrom('true', 'false') });
  const arn = fc.record({
    op: fc.constantFrom('ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals'),
    ifExists: fc.boolean(),
    values: fc.array(arnPattern, { minLength: 1, maxLength: 2 }),
  });
  const nul = fc.record({ key: fc.constantFrom('aws:PrincipalTag/team', 'aws:TagKeys', 'aws:SecureTransport'), value: fc.constantFrom('true', 'false') });

  const request = fc.record({
    team: fc.option(literal, { nil: undefined }),
    tagKeys: fc.option(fc.array(literal, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    secure: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
    sourceArn: fc.option(arnValue, { nil: undefined }),
  });

  it('agrees with the simulator on every generated case, allows and denies alike', async () => {
    const seen = { allow: 0, deny: 0, 'cannot-decide': 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.option(single, { nil: undefined, freq: 2 }),
        fc.option(multi, { nil: undefined, freq: 2 }),
        fc.option(bool, { nil: undefined, freq: 2 }),
        fc.option(arn, { nil: undefined, freq: 2 }),
        fc.option(nul, { nil: undefined, freq: 2 }),
        request,
        async (s, m, b, a, n, req) => {
          const condition: Record<string, Record<string, string | string[]>> = {};
          if (s) condition[`${s.op}${s.ifExists ? 'IfExists' : ''}`] = { [s.key]: s.values };
          if (m) (condition[`${m.set}:${m.op}${m.ifExists ? 'IfExists' : ''}`] ??= {})[m.key] = m.values;
          if (b) (condition[`Bool${b.ifExists ? 'IfExists' : ''}`] ??= {})['aws:SecureTransport'] = b.value;
          if (a) (condition[`${a.op}${a.ifExists ? 'IfExists' : ''}`] ??= {})['aws:SourceArn'] = a.values;
          if (n) (condition.Null ??= {})[n.key] = n.value;
          const statement: Record<string, unknown> = { Effect: 'Allow', Action: 'iam:TagRole', Resource: '*' };
          if (Object.keys(condition).length > 0) statement.Condition = condition;
          const policy = { Version: '2012-10-17', Statement: [statement] };
          const context: Record<string, string | string[]> = {};
          if (req.team !== undefined) context['aws:PrincipalTag/team'] = req.team;
          if (req.tagKeys !== undefined) context['aws:TagKeys'] = req.tagKeys;
          if (req.secure !== undefined) context['aws:SecureTransport'] = req.secure;
          if (req.sourceArn !== undefined) context['aws:SourceArn'] = req.sourceArn;
          const resource = 'arn:aws:iam::111111111111:role/target';
          const ours = evaluatePolicy(policy, { action: 'iam:TagRole', resource, context }, 'identity');
          const theirs = await simulate({
            principal: 'arn:aws:iam::111111111111:role/caller',
            action: 'iam:TagRole',
            resource,
            accountId: '111111111111',
            identityPolicies: [policy],
            context,
          });
          expect(ignored(theirs)).toEqual([]);
          seen[ours.verdict]++;
          expect({ policy, context, verdict: ours.verdict }).toEqual({ policy, context, verdict: theirs.overallResult === 'Allowed' ? 'allow' : 'deny' });
        },
      ),
      { numRuns: 250, seed: 4 },
    );
    // The comparison means something only if both verdicts occur often. (Each condition is absent half the time.)
    expect(seen.allow).toBeGreaterThan(40);
    expect(seen.deny).toBeGreaterThan(40);
    expect(seen['cannot-decide']).toBe(0);
  });
});
