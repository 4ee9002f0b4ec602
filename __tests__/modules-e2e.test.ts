/**
 * End to end through real Terraform (offline: provider mirror, skip flags): the
 * default example and the presets example, each as `.tf.json` and as `.tf`
 * modules, all called from one root. One init, one plan. The plan validates
 * every module (its diagnostics are those of `terraform validate`: see
 * `planWithDiagnostics`), shows that both forms plan to the same resources,
 * and gives the planned trust policy of every preset.
 *
 * The same root also plans class 1 of issue 26: why two condition blocks on one
 * operator and key widen trust (the provider merges them into one list, which
 * IAM reads as OR: a hand-written document in `control.tf`), and that the
 * modules synth writes for a spec repeating a pinned key with the same values
 * plan with exactly that one value.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, PlanJson } from './helpers/terraform/run';
import { changesByModule, type ModuleSet, type ResourceChange } from './helpers/terraform/modules-root';
import { preparePart } from './helpers/terraform/parts/modules-e2e';
import { sharedPlan } from './helpers/terraform/shared-plan';
import { findTerraform } from '../src/terraform/find';

const work = mkdtempSync(join(tmpdir(), 'modules-e2e-'));
/** The examples whose modules are written in both forms. */
const EXAMPLES = ['default', 'presets'] as const;

let plan: PlanJson;
let byModule: Map<string, Map<string, ResourceChange>>;
let sets: ModuleSet[];
let tfBin: string;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  tfBin = findTerraform(join(work, 'tf'), process.env).bin;
  // The sets and control.tf (helpers/terraform/parts/modules-e2e.ts), planned with the run's other module roots: one provider process
  // for the plan, one for `show`, and the plan's diagnostics are the validation's (planWithDiagnostics).
  const prepared = preparePart(work);
  sets = prepared.sets;
  ({ plan, diagnostics } = await sharedPlan('modules-e2e', prepared.part));
  byModule = changesByModule(plan);
}, 300_000);

const ident = (s: string) => s.replace(/-/g, '_');
const changes = (prefix: string, account: string) => byModule.get(`${prefix}_${ident(account)}`) ?? new Map<string, ResourceChange>();
const trustOf = (prefix: string, account: string, roleTfId: string) =>
  JSON.parse(changes(prefix, account).get(`aws_iam_role.${roleTfId}`)!.change.after!.assume_role_policy as string);

describe('HCL and JSON modules', () => {
  test('THEN terraform validates the root and all 22 modules it calls (the presets management account holds the guardrails), without a single warning but the control one', () => {
    expect(sets.reduce((n, s) => n + s.model.accounts.length, 0)).toBe(22);
    // The plan succeeded (a validation error fails it); its one diagnostic is the control.tf role's deprecated argument.
    expect(diagnostics.map((d) => [d.severity, d.summary, d.range?.filename])).toEqual([['warning', 'Argument is deprecated', 'control.tf']]);
  });

  test('THEN the HCL files are formatted as terraform fmt writes them', () => {
    for (const name of EXAMPLES) expect(() => execFileSync(tfBin, ['fmt', '-check', '-recursive', join(work, `${name}-hcl`)], { stdio: 'pipe' })).not.toThrow();
  });

  test.each(EXAMPLES)('%s: every account plans the same resources with the same values in both forms', (name) => {
    const set = sets.find((s) => s.prefix === `json_${name}`)!;
    for (const account of set.model.accounts) {
      const json = changes(`json_${name}`, account.name);
      const hcl = changes(`hcl_${name}`, account.name);
      expect(json.size).toBeGreaterThan(0);
      expect([...hcl.keys()].sort()).toEqual([...json.keys()].sort());
      for (const [address, rc] of json) {
        expect({ address, actions: hcl.get(address)!.change.actions, after: hcl.get(address)!.change.after }).toEqual({
          address,
          actions: rc.change.actions,
          after: rc.change.after,
        });
      }
    }
  });
});

describe('planned trust policies of the presets', () => {
  const gh = 'token.actions.githubusercontent.com';

  test('GitHub Actions: sub and aud exact; idsIn migration: both subject forms with the two id claims; the branch pattern alone under StringLike', () => {
    expect(trustOf('hcl_presets', 'ci', 'deploy-main').Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::666666666666:oidc-provider/${gh}` },
        Condition: {
          StringEquals: {
            [`${gh}:sub`]: [
              'repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main',
              'repo:octo-org@1234567/deploy@89012345:environment:production',
              'repo:octo-org/deploy:ref:refs/heads/main',
              'repo:octo-org/deploy:environment:production',
            ],
            [`${gh}:aud`]: 'sts.amazonaws.com',
            [`${gh}:repository_owner_id`]: '1234567',
            [`${gh}:repository_id`]: '89012345',
          },
        },
      },
    ]);
    expect(trustOf('json_presets', 'ci', 'deploy-immutable').Statement[0].Condition.StringEquals[`${gh}:sub`]).toEqual([
      'repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main',
      'repo:octo-org@1234567/deploy@89012345:pull_request',
    ]);
    const release = trustOf('json_presets', 'ci', 'release-builds').Statement;
    expect(release.map((s: { Condition: Record<string, unknown> }) => s.Condition)).toEqual([
      { StringEquals: { [`${gh}:sub`]: 'repo:octo-org/deploy:ref:refs/heads/main', [`${gh}:aud`]: 'sts.amazonaws.com' } },
      { StringLike: { [`${gh}:sub`]: 'repo:octo-org/deploy:ref:refs/heads/release/*' }, StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' } },
    ]);
  });

  test('GitHub Enterprise Cloud: the enterprise issuer, the reusable workflow and the enterprise id pinned beside sub and aud', () => {
    const ent = `${gh}/octo-enterprise`;
    expect(trustOf('hcl_presets', 'ci', 'enterprise-deploy').Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::666666666666:oidc-provider/${ent}` },
        Condition: {
          StringEquals: {
            [`${ent}:sub`]: 'repo:octo-org/payments:environment:production',
            [`${ent}:aud`]: 'sts.amazonaws.com',
            [`${ent}:enterprise_id`]: '4242',
            [`${ent}:repository_id`]: '77001234',
          },
          StringLike: { [`${ent}:job_workflow_ref`]: 'octo-org/shared-workflows/.github/workflows/deploy.yml@refs/tags/v*' },
        },
      },
    ]);
  });

  test('organisation-wide trust: AWS "*" only with StringEquals aws:PrincipalOrgID', () => {
    expect(trustOf('json_presets', 'apps', 'org-audit-reader').Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalTag/team': 'audit' } },
      },
    ]);
  });

  test('a customer-managed policy: planned once in its account with its document, attached by name to the plan role', () => {
    for (const prefix of ['json_presets', 'hcl_presets']) {
      const pipelines = changes(prefix, 'pipelines');
      const policy = pipelines.get('aws_iam_policy.ci-state-read')!;
      expect(policy.change.actions).toEqual(['create']);
      expect(policy.change.after).toMatchObject({ name: 'ci-state-read', path: '/', description: 'Read the Terraform state of the CI pipelines.' });
      // The provider renders actions and resources as sets, in its own order.
      const statements = JSON.parse(policy.change.after!.policy as string).Statement as { Action: string[]; Resource: string[] }[];
      expect(statements.map((st) => ({ ...st, Action: [...st.Action].sort(), Resource: [...st.Resource].sort() }))).toEqual([
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-ci-state', 'arn:aws:s3:::acme-ci-state/*'] },
      ]);
      const attachments = [...pipelines.values()].filter((rc) => rc.type === 'aws_iam_role_policy_attachment');
      expect(attachments.map((rc) => rc.change.after!.role)).toEqual(['terraform-plan']);
      expect(attachments[0].change.after_unknown).toMatchObject({ policy_arn: true });
    }
  });

  test('EKS Pod Identity: the role trust and the association', () => {
    const statements = trustOf('json_presets', 'apps', 'orders-pod-identity').Statement;
    // The provider renders actions as a set: the order is its own.
    expect(statements.map((s: { Action: string[] }) => ({ ...s, Action: [...s.Action].sort() }))).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:777777777777:cluster/apps-prod',
            'aws:RequestTag/kubernetes-namespace': 'orders',
            'aws:RequestTag/kubernetes-service-account': 'orders-api',
          },
        },
      },
    ]);
    const association = changes('hcl_presets', 'apps').get('aws_eks_pod_identity_association.orders-pod-identity_orders_orders-api')!;
    expect(association.change.actions).toEqual(['create']);
    expect(association.change.after).toMatchObject({ cluster_name: 'apps-prod', namespace: 'orders', service_account: 'orders-api' });
    expect(association.change.after_unknown).toMatchObject({ role_arn: true });
  });

  test('several issuers on one role: one statement per issuer, aud StringEquals in each', () => {
    const statements = trustOf('json_presets', 'apps', 'shared-reader').Statement as {
      Principal: { Federated: string };
      Condition: Record<string, Record<string, unknown>>;
    }[];
    expect(statements).toHaveLength(2);
    expect(statements.map((s) => s.Principal.Federated)).toEqual([
      'arn:aws:iam::777777777777:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1',
      'arn:aws:iam::777777777777:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/9A9A9A9A9A9A9A9A9A9A9A9A9A9A9A9A',
    ]);
    for (const s of statements) {
      const host = s.Principal.Federated.split('oidc-provider/')[1];
      expect(Object.keys(s.Condition)).toEqual(['StringEquals']);
      expect(s.Condition.StringEquals[`${host}:aud`]).toBe('sts.amazonaws.com');
    }
    expect(statements[1].Condition.StringEquals['oidc.eks.eu-central-1.amazonaws.com/id/9A9A9A9A9A9A9A9A9A9A9A9A9A9A9A9A:sub']).toEqual([
      'system:serviceaccount:prod:reader',
      'system:serviceaccount:prod:reporting',
    ]);
    expect(trustOf('json_presets', 'apps', 'partner-uploader').Statement[0].Condition.StringEquals['idp.partner.example.com:aud']).toBe('aws-federation');
  });

  test('CI issuers: every subject and aud as the vendor writes it; a plan-only HCP Terraform role names only the plan phase', () => {
    const cond = (prefix: string, role: string) =>
      (trustOf(prefix, 'pipelines', role).Statement as { Condition: Record<string, Record<string, unknown>> }[]).map((s) => s.Condition);
    expect(cond('hcl_presets', 'terraform-plan')).toEqual([
      {
        StringEquals: {
          'app.terraform.io:sub': 'organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan',
          'app.terraform.io:aud': 'aws.workload.identity',
        },
      },
    ]);
    expect(cond('json_presets', 'terraform-apply')).toEqual([
      {
        StringEquals: {
          'app.terraform.io:sub': 'organization:acme:project:Platform:workspace:networking-prod:run_phase:apply',
          'app.terraform.io:aud': 'aws.workload.identity',
        },
      },
    ]);
    // projectId: the immutable project id ANDed to every statement.
    expect(cond('json_presets', 'gitlab-deploy')).toEqual([
      {
        StringEquals: {
          'gitlab.com:sub': 'project_path:platform/deploy:ref_type:branch:ref:main',
          'gitlab.com:aud': 'https://gitlab.com',
          'gitlab.com:project_id': '45821937',
        },
      },
      {
        StringLike: { 'gitlab.com:sub': 'project_path:platform/deploy:ref_type:tag:ref:v*' },
        StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:project_id': '45821937' },
      },
    ]);
    expect(cond('hcl_presets', 'gitlab-release-tools')).toEqual([
      {
        StringLike: { 'gitlab.example.com:sub': 'project_path:infra/ops/tools:ref_type:branch:ref:release/*' },
        StringEquals: { 'gitlab.example.com:aud': 'aws-prod' },
      },
    ]);
    // Every workspace of one project: workspace:* between the pinned project and run phase.
    expect(cond('hcl_presets', 'terraform-platform-apply')).toEqual([
      {
        StringLike: { 'app.terraform.io:sub': 'organization:acme:project:Platform:workspace:*:run_phase:apply' },
        StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
      },
    ]);
    const org = '0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c';
    const circle = `oidc.circleci.com/org/${org}`;
    expect(cond('json_presets', 'circleci-build')).toEqual([
      { StringLike: { [`${circle}:sub`]: `org/${org}/project/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9/user/*` }, StringEquals: { [`${circle}:aud`]: org } },
    ]);
    // The V2 token, one user, one repository, main: exact.
    expect(cond('hcl_presets', 'circleci-orb-deploy')).toEqual([
      {
        StringEquals: {
          [`${circle}:sub`]: `org/${org}/project/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9/user/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`,
          [`${circle}:aud`]: org,
        },
      },
    ]);
    expect(cond('hcl_presets', 'buildkite-deploy')).toEqual([
      {
        StringLike: {
          'agent.buildkite.com:sub': [
            'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*',
            'organization:acme:pipeline:deploy:ref:refs/tags/v1.0.0:commit:*',
          ],
        },
        StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'agent.buildkite.com:pipeline_id': '01919c01-132f-46f1-803f-2efc0c444af7' },
      },
    ]);
    // The provider renders actions as a set: the order is its own.
    expect([...(trustOf('json_presets', 'pipelines', 'buildkite-deploy').Statement[0].Action as string[])].sort()).toEqual([
      'sts:AssumeRoleWithWebIdentity',
      'sts:TagSession',
    ]);
    const bb = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
    expect(cond('json_presets', 'bitbucket-deploy-production')).toEqual([
      {
        StringLike: { [`${bb}:sub`]: '{3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912}:{8d9e0f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a}:*' },
        StringEquals: { [`${bb}:aud`]: 'ari:cloud:bitbucket::workspace/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' },
      },
    ]);
    const providers = [...changes('json_presets', 'pipelines').values()]
      .filter((rc) => rc.type === 'aws_iam_openid_connect_provider')
      .map((rc) => rc.change.after!.url);
    expect(providers.sort()).toEqual(
      [
        `https://${bb}`,
        'https://agent.buildkite.com',
        'https://app.terraform.io',
        'https://gitlab.com',
        'https://gitlab.example.com',
        `https://${circle}`,
      ].sort(),
    );
  });

  test('IAM-user fallback: the role trusts only the user, the user may assume only the role, the key is PGP-encrypted when asked', () => {
    expect(trustOf('hcl_presets', 'legacy', 'airflow-legacy-reader').Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::888888888888:user/airflow-legacy-reader' } },
    ]);
    const legacy = changes('hcl_presets', 'legacy');
    expect(JSON.parse(legacy.get('aws_iam_user_policy.airflow-legacy-reader')!.change.after!.policy as string).Statement).toEqual([
      { Sid: 'AssumeOneRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::888888888888:role/airflow-legacy-reader' },
    ]);
    expect(legacy.get('aws_iam_access_key.airflow-legacy-reader')!.change.after).toMatchObject({ pgp_key: 'keybase:airflow_ops' });
    expect(legacy.get('aws_iam_access_key.airflow-legacy-writer')!.change.after!.pgp_key).toBeNull();
  });

  test('IAM-user fallback: the key output is sensitive in both forms', () => {
    const calls = (
      plan as unknown as { configuration: { root_module: { module_calls: Record<string, { module: { outputs: Record<string, { sensitive?: boolean }> } }> } } }
    ).configuration.root_module.module_calls;
    for (const prefix of ['json_presets', 'hcl_presets']) {
      const outputs = calls[`${prefix}_legacy`].module.outputs;
      expect(outputs.iam_user_access_keys.sensitive).toBe(true);
      expect(outputs.role_arns.sensitive).toBeUndefined();
    }
  });
});

describe('one condition block per operator and key (issue 26, class 1)', () => {
  test('GIVEN a hand-written document with two blocks on one key THEN the provider plans them as one list, which IAM reads as OR', () => {
    const control = plan.resource_changes!.find((rc) => rc.address === 'aws_iam_role.two_blocks')!;
    expect(JSON.parse(control.change.after!.assume_role_policy as string).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'] },
    });
  });

  test('GIVEN a spec repeating pinned keys with the same values THEN the generated trusts plan with exactly the one value', () => {
    expect(trustOf('exact', 'exact-platform', 'org-reader').Statement.map((st: { Condition: unknown }) => st.Condition)).toEqual([
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    ]);
    expect(trustOf('exact', 'exact-platform', 'vendor').Statement.map((st: { Condition: unknown }) => st.Condition)).toEqual([
      { StringEquals: { 'sts:ExternalId': 'x-1', 'aws:SourceAccount': '999000000001' } },
    ]);
  });
});
