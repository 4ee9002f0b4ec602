/**
 * A second opinion on the guardrail checks from @cloud-copilot/iam-simulate,
 * which evaluates resource control policies (with AWS's RCPFullAWSAccess
 * added). Each check of an AWS or service caller (identity perimeter,
 * external ids, confused deputy) is run through it with the organization's
 * policies attached at one OU, the hypothetical role's trust as the resource
 * policy and the context our RCPs see; the verdicts must agree and no context
 * key may be dropped. Web-identity checks are compared on the RCPs' own
 * verdict with the issuer's keys moved onto `aws:PrincipalTag/<claim>` (its
 * strict mode drops `<issuer>:<claim>` keys it does not know, as the header
 * of access-second-opinion.test.ts explains).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { join } from 'node:path';
import { guardrailProof, type GuardrailCheck } from '../src/access/proof/guardrail-proof';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import type { IamPolicy } from '../src/policy/document';
import { rekey } from './helpers/rekey';
import { loadSpecFile, validateSpec } from '../src/input/load';

const presets = resolveModel(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')));
const thirdParties = resolveModel(
  validateSpec(
    {
      accounts: [
        {
          name: 'apps',
          id: '111111111111',
          region: 'eu-west-1',
          roles: [
            { name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::333333333333:role/vendor', externalId: 'acme-7f3c2b' }] },
            { name: 'auditor', trust: [{ type: 'aws-account', accountId: '444444444444' }] },
            { name: 'partner-org', trust: [{ type: 'aws-organization', organizationId: 'o-zzzzzzzzzz' }] },
          ],
        },
        { name: 'mgmt', id: '999999999999', region: 'us-east-1' },
      ],
      organization: { id: 'o-a1b2c3d4e5', managementAccount: 'mgmt', attachTo: ['r-ab12'] },
    },
    'spec.yaml',
  ),
);

type Sim = Exclude<Awaited<ReturnType<typeof runSimulation>>, { resultType: 'error' }>;

async function simulate(
  model: Model,
  check: GuardrailCheck,
  rcps: unknown[],
  context: Record<string, string>,
  resourcePolicy: IamPolicy,
  principal: string,
): Promise<Sim> {
  const proof = guardrailProof(model);
  const account = /^arn:[\w-]+:iam::(\d{12}):/.exec(proof.role!)![1];
  const r = await runSimulation(
    {
      request: { principal, action: check.request.action, resource: { resource: proof.role!, accountId: account }, contextVariables: context },
      // A caller of another account needs its own allow; ours assumes it (and says so in its notes).
      identityPolicies: [
        { name: 'caller', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: check.request.action, Resource: proof.role! }] } },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [{ orgIdentifier: model.organization!.targets[0], policies: rcps.map((policy, i) => ({ name: `rcp${i}`, policy })) }],
      resourcePolicy,
    },
    { simulationMode: 'Strict' },
  );
  if (r.resultType === 'error') throw new Error(`the simulator rejected the input: ${JSON.stringify(r.errors)}`);
  return r;
}

const stringContext = (c: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)]));
const ignored = (r: Sim) => (r.resultType === 'single' ? (r.result.ignoredContextKeys ?? []) : []);

describe.each([
  ['the presets example', presets],
  ['third parties with external ids and another organization', thirdParties],
])('GIVEN %s', (_, model) => {
  const proof = guardrailProof(model);
  const rcps = model.organization!.policies.map((p) => p.document);
  const aws = proof.checks.filter((c) => c.request.principal.type !== 'Federated');

  test('WHEN the guardrail checks are made THEN there are AWS and service callers to compare', () => {
    expect(aws.some((c) => c.expected === 'deny')).toBe(true);
    expect(aws.some((c) => c.expected === 'allow')).toBe(true);
  });

  it.each(aws.map((c) => [c.caller, c] as const))('WHEN %s calls THEN the simulator agrees', async (_name, check) => {
    const p = check.request.principal;
    const theirs = await simulate(
      model,
      check,
      rcps,
      stringContext(check.request.context),
      check.request.trust,
      p.type === 'AWS' ? p.arn : p.type === 'Service' ? p.id : '',
    );
    expect(ignored(theirs)).toEqual([]);
    expect(check.actual).toBe(theirs.overallResult === 'Allowed' ? 'allow' : 'deny');
    if (check.expected === 'deny') expect(theirs.overallResult).toBe('ExplicitlyDenied');
  });
});

describe('GIVEN the presets example: a sample of tenant checks, keys moved onto principal tags', () => {
  const proof = guardrailProof(presets);
  const tenantChecks = proof.checks.filter((c) => c.fence === 'oidc-tenants');
  const hostOf = (c: GuardrailCheck) => Object.keys(c.request.context)[0].replace(/:[^:]+$/, '');

  it.each(tenantChecks.map((c) => [c.caller, c] as const))('WHEN %s calls THEN the simulator\u2019s RCP verdict agrees', async (_name, check) => {
    const host = hostOf(check);
    // Only this issuer's statements: the providers fence names other issuers' keys, which cannot all be moved onto one tag.
    const rcps = presets.organization!.policies.map((p) =>
      rekey(
        {
          ...p.document,
          Statement: p.document.Statement.filter((s) => Object.values(s.Condition ?? {}).some((b) => Object.keys(b).some((k) => k.startsWith(`${host}:`)))),
        },
        host,
        'sts:AssumeRole',
      ),
    );
    const context = Object.fromEntries(Object.entries(check.request.context).map(([k, v]) => [`aws:PrincipalTag/${k.slice(host.length + 1)}`, String(v)]));
    const trust: IamPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] };
    const theirs = await simulate(
      presets,
      { ...check, request: { ...check.request, action: 'sts:AssumeRole' } },
      rcps,
      context,
      trust,
      'arn:aws:iam::666666666666:role/tagged-caller',
    );
    expect(ignored(theirs)).toEqual([]);
    const rcp = theirs.resultType === 'single' ? theirs.result.analysis.rcpAnalysis?.result : undefined;
    expect(check.actual === 'deny').toBe(rcp === 'ExplicitlyDenied');
  });
});
