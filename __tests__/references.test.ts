/**
 * References and options beyond the default example: roles named by name in
 * another account, by ARN (in the spec, managed elsewhere, or a third party's),
 * policies by name, paths, boundaries, tags and the deploy role.
 */
import type { SpecInput } from '../src/input/schema';
import { synthTo, type Synthesized } from './helpers/synth';

const spec: SpecInput = {
  issuers: { ci: { url: 'https://oidc.eks.us-east-1.amazonaws.com/id/CI', clientIds: ['sts.amazonaws.com', 'other'], audience: 'other' } },
  accounts: [
    {
      name: 'tools',
      id: '010000000000',
      region: 'us-east-1',
      deployRole: 'arn:aws:iam::010000000000:role/terraform',
      oidcProviders: { ci: 'existing' },
      roles: [
        { name: 'runner', path: '/ci/', trust: [{ type: 'kubernetes-service-account', issuer: 'ci', namespace: 'ci', serviceAccount: 'runner' }] },
        { name: 'batch', trust: [{ type: 'aws-service', service: 'batch.amazonaws.com' }] },
      ],
    },
    {
      name: 'prod',
      id: '020000000000',
      region: 'eu-central-1',
      roles: [
        {
          name: 'deployer',
          permissionsBoundary: 'boundary',
          managedPolicies: ['deploy-policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
          tags: { team: 'platform' },
          trust: [
            { type: 'aws-role', role: 'runner', account: 'tools' },
            { type: 'aws-role', role: 'arn:aws:iam::010000000000:role/legacy' },
            { type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor', externalId: 'vendor-42' },
          ],
        },
      ],
    },
  ],
};

let out: Synthesized;
beforeAll(() => {
  out = synthTo(spec);
});

test('the provider assumes the deploy role and stays pinned to the account', () => {
  expect(out.stack('tools').provider.aws).toEqual([
    { region: 'us-east-1', allowed_account_ids: ['010000000000'], assume_role: [{ role_arn: 'arn:aws:iam::010000000000:role/terraform' }] },
  ]);
});

test('a role named with account: resolves to its ARN, path included; ARNs are used as is', () => {
  const trust = out.stack('prod').data.aws_iam_policy_document.deployer_trust.statement;
  expect(trust).toEqual([
    {
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::010000000000:role/ci/runner', 'arn:aws:iam::010000000000:role/legacy'] }],
    },
    {
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::999999999999:role/vendor'] }],
      condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['vendor-42'] }],
    },
  ]);
});

test('the trusted account gets grants for the roles it manages; one it does not manage gets a statement to add by hand; a third party gets none', () => {
  const tools = out.stack('tools');
  expect(Object.keys(tools.resource.aws_iam_role_policy).sort()).toEqual(['runner_assume_cross_account']);
  expect(tools.resource.aws_iam_role_policy.runner_assume_cross_account.role).toBe('${aws_iam_role.runner.name}');
  // `legacy` is not managed by this spec: nothing writes to it; the module README gives the statement to add.
  expect(JSON.stringify(tools)).not.toContain('legacy');
  const readme = out.module('tools', 'README.md') as string;
  expect(readme).toContain('Role `legacy` of account');
  expect(readme.slice(readme.indexOf('Role `legacy`'))).toContain('"Resource": "arn:aws:iam::020000000000:role/deployer"');
});

test('only roles declared in the spec order the stacks', () => {
  const manifest = require(`${out.outdir}/manifest.json`);
  expect(manifest.stacks.prod.dependencies).toEqual(['tools']);
});

test("policy names resolve in the role's own account; boundary, tags and path are set", () => {
  const prod = out.stack('prod');
  const role = prod.resource.aws_iam_role.deployer;
  expect(role.permissions_boundary).toBe('arn:aws:iam::020000000000:policy/boundary');
  expect(role.tags).toBe('${merge({"team" = "platform"}, var.tags)}');
  expect(
    Object.values(prod.resource.aws_iam_role_policy_attachment)
      .map((a: any) => a.policy_arn)
      .sort(),
  ).toEqual(['arn:aws:iam::020000000000:policy/deploy-policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
  expect(out.stack('tools').resource.aws_iam_role.runner.path).toBe('/ci/');
});

test('the issuer audience is what trusts pin aud to', () => {
  const [s] = out.stack('tools').data.aws_iam_policy_document.runner_trust.statement;
  expect(s.condition).toContainEqual({ test: 'StringEquals', variable: 'oidc.eks.us-east-1.amazonaws.com/id/CI:aud', values: ['other'] });
});

test('roles that trust each other across accounts are refused, naming the cycle', () => {
  const cyclic: SpecInput = {
    accounts: [
      { name: 'a', id: '100000000000', region: 'eu-west-1', roles: [{ name: 'x', trust: [{ type: 'aws-role', role: 'y', account: 'b' }] }] },
      { name: 'b', id: '200000000000', region: 'eu-west-1', roles: [{ name: 'y', trust: [{ type: 'aws-role', role: 'x', account: 'a' }] }] },
    ],
  };
  expect(() => synthTo(cyclic)).toThrow(/a\/x -> b\/y -> a\/x/);
});
