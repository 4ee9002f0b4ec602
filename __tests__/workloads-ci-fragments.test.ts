/**
 * Issue 27 item 9: a fragment for every CI preset, parsed back, with the role
 * ARN and the audience of the spec, and every third-party step pinned (a
 * GitHub action to a full commit SHA with its version in a comment, the orb
 * and the plugin to an exact version).
 *
 * Each fragment is parsed with the YAML parser and its structure asserted
 * field by field: the keys each vendor documents, and nothing else at the top
 * level. The GitHub and GitLab fragments are also checked by their vendor's
 * checker (actionlint, GitLab's CI schema) in workloads-ci-vendor-schemas.test.ts.
 */
import { join } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import type { Model, RoleModel } from '../src/model/types';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';
import { workloadArtifacts, type Artifact } from '../src/workloads';
import { BUILDKITE_WEB_IDENTITY_PLUGIN, CIRCLECI_AWS_CLI_ORB, CONFIGURE_AWS_CREDENTIALS } from '../src/workloads/ci-pins';
import { model } from './helpers/model';

const presets = resolveModel(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')));
const artifacts = workloadArtifacts(presets);

/** The role and the audience its (first) trust entry of `type` pins, from the model. */
function expected(m: Model, account: string, roleName: string, type: string): { role: RoleModel; audience: string; region: string } {
  const a = m.accounts.find((x) => x.name === account)!;
  const role = a.roles.find((r) => r.name === roleName)!;
  const t = role.trust.find((x) => x.spec.type === type)!;
  const audience = 'audience' in t ? (t.audience as string) : (t as { provider: { audience: string } }).provider.audience;
  return { role, audience, region: a.region };
}

const file = (path: string, from: readonly Artifact[] = artifacts) => {
  const a = from.find((x) => x.path === path);
  if (!a) throw new Error(`no artifact ${path}; have ${from.map((x) => x.path).join(', ')}`);
  return a;
};

/** `KEY=value` lines of an env file, comments skipped. */
const env = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('GIVEN the presets example', () => {
  test('THEN every role with a CI preset trust gets exactly one fragment, of its vendor', () => {
    const ci = presets.accounts.flatMap((a) =>
      a.roles.flatMap((r) =>
        r.trust.filter((t) => ['github-actions', 'gitlab-ci', 'circleci', 'buildkite', 'bitbucket-pipelines'].includes(t.spec.type)).map(() => r.name),
      ),
    );
    const fragments = artifacts.filter((a) =>
      ['github-actions-step', 'gitlab-ci-job', 'circleci-step', 'buildkite-step', 'bitbucket-pipelines-step'].includes(a.kind),
    );
    expect(fragments.flatMap((a) => a.roles).sort()).toEqual([...new Set(ci)].sort());
  });

  test.each([['gitlab-deploy'], ['gitlab-release-tools']])(
    'GitLab %s: a hidden job with id_tokens of the trust audience, AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, which before_script fills',
    (name) => {
      const { role, audience, region } = expected(presets, 'pipelines', name, 'gitlab-ci');
      const doc = parseYaml(file(`workloads/pipelines/gitlab-ci/${name}.yml`).content);
      expect(Object.keys(doc)).toEqual([`.aws-${name}`]);
      const job = doc[`.aws-${name}`];
      expect(Object.keys(job)).toEqual(['id_tokens', 'variables', 'before_script']);
      const [tokenVar] = Object.keys(job.id_tokens);
      expect(job.id_tokens[tokenVar]).toEqual({ aud: audience });
      expect(job.variables).toEqual({ AWS_ROLE_ARN: role.arn, AWS_WEB_IDENTITY_TOKEN_FILE: expect.stringMatching(/^\//), AWS_REGION: region });
      expect(job.before_script).toEqual([`printf '%s' "$${tokenVar}" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`]);
    },
  );

  test('HCP Terraform: the split plan/apply pair of one workspace in one file, with provider auth on and the trust audience', () => {
    const plan = expected(presets, 'pipelines', 'terraform-plan', 'hcp-terraform');
    const apply = expected(presets, 'pipelines', 'terraform-apply', 'hcp-terraform');
    const a = file('workloads/pipelines/hcp-terraform/acme/networking-prod.env');
    expect(a.roles).toEqual(['terraform-plan', 'terraform-apply']);
    expect(env(a.content)).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_PLAN_ROLE_ARN: plan.role.arn,
      TFC_AWS_APPLY_ROLE_ARN: apply.role.arn,
      TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE: plan.audience,
    });
  });

  test('HCP Terraform workspace "*": the variables of a variable set for every workspace of the project, in projects/, not a workspace file', () => {
    const { role, audience } = expected(presets, 'pipelines', 'terraform-platform-apply', 'hcp-terraform');
    const a = file('workloads/pipelines/hcp-terraform/acme/projects/Platform.env');
    expect(a.roles).toEqual(['terraform-platform-apply']);
    expect(a.content).toContain(
      '# Environment variables (category env) of HCP Terraform a variable set of project "Platform" (organization acme), applied to every workspace of the project.',
    );
    expect(env(a.content)).toEqual({ TFC_AWS_PROVIDER_AUTH: 'true', TFC_AWS_APPLY_ROLE_ARN: role.arn, TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE: audience });
  });

  test.each([
    ['circleci-release', true],
    ['circleci-build', false],
    ['circleci-orb-deploy', false],
  ])('CircleCI %s: the note that the orb sends the V2 token, which a v1 trust with users refuses: %s', (name, noted) => {
    expect(file(`workloads/pipelines/circleci/${name}.yml`).content.includes('set tokenVersion: v2 on the trust')).toBe(noted);
  });

  test.each([['circleci-build'], ['circleci-release'], ['circleci-orb-deploy']])(
    "CircleCI %s: the aws-cli orb's setup step with the role, the orb at an exact version, the org id audience named",
    (name) => {
      const { role, audience, region } = expected(presets, 'pipelines', name, 'circleci');
      const a = file(`workloads/pipelines/circleci/${name}.yml`);
      const doc = parseYaml(a.content);
      expect(doc).toEqual({
        orbs: { 'aws-cli': `circleci/aws-cli@${CIRCLECI_AWS_CLI_ORB.ref}` },
        steps: [{ 'aws-cli/setup': { role_arn: role.arn, region } }],
      });
      expect(CIRCLECI_AWS_CLI_ORB.ref).toMatch(/^\d+\.\d+\.\d+$/);
      expect(a.content).toContain(`circleci/aws-cli@${CIRCLECI_AWS_CLI_ORB.ref} # ${CIRCLECI_AWS_CLI_ORB.version}\n`);
      // CircleCI's token carries the organization id as aud; the job cannot pick it, so the fragment names it.
      expect(a.content).toContain(`aud ${audience} (the organization id)`);
    },
  );

  test('Buildkite with pipelineId: the agent requests the token with the trust audience and --claim pipeline_id, for AWS_ROLE_ARN', () => {
    const { role, audience, region } = expected(presets, 'pipelines', 'buildkite-deploy', 'buildkite');
    const [step] = parseYaml(file('workloads/pipelines/buildkite/buildkite-deploy.yml').content).steps;
    expect(step.env).toEqual({ AWS_ROLE_ARN: role.arn, AWS_REGION: region });
    expect(step.plugins).toBeUndefined();
    expect(step.command).toContain(`buildkite-agent oidc request-token --audience ${audience} --claim pipeline_id > "$$AWS_WEB_IDENTITY_TOKEN_FILE"`);
    expect(step.command[0]).toBe('export AWS_WEB_IDENTITY_TOKEN_FILE="$$(mktemp)"');
  });

  test.each([
    ['bitbucket-build', false],
    ['bitbucket-deploy-production', true],
  ])('Bitbucket %s: a step with oidc: true writing BITBUCKET_STEP_OIDC_TOKEN to the token file, for the role', (name, pinsEnvironment) => {
    const { role, audience, region } = expected(presets, 'pipelines', name, 'bitbucket-pipelines');
    const a = file(`workloads/pipelines/bitbucket-pipelines/${name}.yml`);
    const { step } = parseYaml(a.content);
    expect(Object.keys(step)).toEqual(['name', 'oidc', 'script']);
    expect(step.oidc).toBe(true);
    expect(step.script.slice(0, 4)).toEqual([
      `export AWS_REGION=${region}`,
      `export AWS_ROLE_ARN=${role.arn}`,
      'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
      `printf '%s' "$BITBUCKET_STEP_OIDC_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`,
    ]);
    expect(a.content).toContain(`aud ${audience},`);
    expect(a.content.includes('add `deployment:')).toBe(pinsEnvironment);
  });

  test.each([['deploy-main'], ['enterprise-deploy']])(
    'GitHub %s: configure-aws-credentials of the current major, pinned to a full commit SHA with its version in a comment',
    (name) => {
      const { role, audience, region } = expected(presets, 'ci', name, 'github-actions');
      const a = file(`workloads/ci/github-actions/${name}.yaml`);
      const doc = parseYaml(a.content);
      expect(doc.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
      expect(doc.steps[0].uses).toMatch(/^aws-actions\/configure-aws-credentials@[0-9a-f]{40}$/);
      expect(doc.steps[0].with).toEqual({ 'role-to-assume': role.arn, 'aws-region': region, audience });
      const uses = parseDocument(a.content).getIn(['steps', 0, 'uses'], true) as { comment?: string };
      expect(uses.comment?.trim()).toBe(CONFIGURE_AWS_CREDENTIALS.version);
      expect(CONFIGURE_AWS_CREDENTIALS.version).toMatch(/^v5\.\d+\.\d+$/);
      expect(a.content).not.toMatch(/@v\d+\s*$/m);
    },
  );
});

describe('GIVEN variants the example does not have', () => {
  const pipelines = (trust: unknown[]): SpecInput =>
    ({
      version: 1,
      issuers: {
        buildkite: { url: 'https://agent.buildkite.com' },
        tfc: { url: 'https://app.terraform.io', clientIds: ['aws.workload.identity', 'tfc-prod'] },
      },
      accounts: [
        {
          name: 'p',
          id: '121212121212',
          region: 'us-east-2',
          oidcProviders: { buildkite: 'create', tfc: 'create' },
          roles: trust.map((t, i) => ({ name: `r${i}`, trust: [t] })),
        },
      ],
    }) as SpecInput;

  test('Buildkite without pipelineId and with the default audience THEN the pinned plugin step carries the role', () => {
    const out = workloadArtifacts(model(pipelines([{ type: 'buildkite', issuer: 'buildkite', organization: 'acme', pipeline: 'deploy', branches: ['main'] }])));
    const [step] = parseYaml(file('workloads/p/buildkite/r0.yml', out).content).steps;
    const plugin = `${BUILDKITE_WEB_IDENTITY_PLUGIN.plugin}#${BUILDKITE_WEB_IDENTITY_PLUGIN.ref}`;
    expect(plugin).toMatch(/#v\d+\.\d+\.\d+$/);
    expect(step.plugins).toEqual([{ [plugin]: { 'role-arn': 'arn:aws:iam::121212121212:role/r0', region: 'us-east-2' } }]);
  });

  test('Buildkite with another audience THEN the agent asks for that audience, without --claim', () => {
    const s = pipelines([{ type: 'buildkite', issuer: 'buildkite', organization: 'acme', pipeline: 'deploy', branches: ['main'], audience: 'aws-prod' }]);
    s.issuers!.buildkite.clientIds = ['aws-prod'];
    const [step] = parseYaml(file('workloads/p/buildkite/r0.yml', workloadArtifacts(model(s))).content).steps;
    expect(step.command[1]).toBe('buildkite-agent oidc request-token --audience aws-prod > "$$AWS_WEB_IDENTITY_TOKEN_FILE"');
  });

  test('HCP Terraform with runPhase both and another audience THEN TFC_AWS_RUN_ROLE_ARN and that audience', () => {
    const out = workloadArtifacts(
      model(pipelines([{ type: 'hcp-terraform', issuer: 'tfc', organization: 'acme', workspace: 'net', runPhase: 'both', audience: 'tfc-prod' }])),
    );
    expect(env(file('workloads/p/hcp-terraform/acme/net.env', out).content)).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_RUN_ROLE_ARN: 'arn:aws:iam::121212121212:role/r0',
      TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE: 'tfc-prod',
    });
  });

  test('HCP Terraform with two roles for the same phase of one workspace THEN the first is set and the second is named in a comment, not set', () => {
    const entry = { type: 'hcp-terraform', issuer: 'tfc', organization: 'acme', workspace: 'net', runPhase: 'apply' };
    const a = file('workloads/p/hcp-terraform/acme/net.env', workloadArtifacts(model(pipelines([entry, entry]))));
    expect(env(a.content).TFC_AWS_APPLY_ROLE_ARN).toBe('arn:aws:iam::121212121212:role/r0');
    expect(a.content).toContain("# TFC_AWS_APPLY_ROLE_ARN is r0's; r1 (arn:aws:iam::121212121212:role/r1) is trusted for the same phase");
  });
});
