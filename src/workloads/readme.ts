import { generatedNotice } from '../names';
import type { Model } from '../model/types';
import type { Artifact } from './artifact';
import { WORKLOADS_DIR } from './artifact';
import { DEFAULT_TOKEN_FILE } from './aws-sdk';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** `modules/workloads/README.md`: every artifact, what it is for, and the rules behind the values. */
export function workloadsIndex(model: Model, artifacts: readonly Omit<Artifact, 'content'>[]): string {
  const lines = [
    '# Workload settings',
    '',
    generatedNotice(model.file, 'markdown'),
    '',
    "What each workload needs to use its role, by the account the role is in. A file holds every role of its account that needs it; only one role's SDK environment, CI step or kustomize Component has a file of its own (HCP Terraform variables: one file per workspace). Paths are relative to this folder.",
    '',
  ];
  if (artifacts.length === 0) lines.push('No role in the spec has a workload consumer.', '');
  else {
    lines.push('| account | roles | file | use |', '|---|---|---|---|');
    for (const a of artifacts) {
      const rel = a.path.slice(WORKLOADS_DIR.length + 1);
      lines.push(`| \`${a.account}\` | ${a.roles.map((r) => `\`${r}\``).join(', ')} | [\`${rel}\`](./${rel}) | ${cell(a.use)} |`);
    }
    lines.push('');
  }
  lines.push(
    '## Rules',
    '',
    "- **IRSA** (`kubernetes-service-account`): `kubernetes/<cluster>.yaml` holds every ServiceAccount on that cluster (the issuer's `cluster`, else the issuer's name) bound to a role of the account, each annotated with `eks.amazonaws.com/role-arn`. A binding with `deployment` is a kustomize Component instead, `kustomize/<cluster>/<namespace>/<service account>/`: the ServiceAccount, a JSON 6902 patch (`op: add`, so it works whether or not the field is set) setting `serviceAccountName`, and `kustomization.yaml` with both. Each ServiceAccount is in one file.",
    "- **EKS Pod Identity**: the same files without the annotation (the cluster is the EKS cluster's name, so an issuer with that `cluster` shares the manifest); the `aws_eks_pod_identity_association` in the module binds the service account.",
    "- **Airflow**: one connection per role assumed from another account (`aws-role`) by a role marked `airflow: true`, or with an IAM user key (`iam-user`), all of the account's in `airflow-connections.env` and `airflow-connections.json`; id `aws_<account>_<role>` unless the trust gives `airflowConnection` (`false` for none). Ids are unique across the spec.",
    `- **AWS SDK web identity** (\`google-service-account\`, \`web-identity\`): \`aws-sdk/<role>.env\` per role, and one \`aws-config.ini\` profile \`<account>-<role>\` per role. The token file defaults to \`${DEFAULT_TOKEN_FILE}\` and the session name to the role name (\`tokenFile\`, \`sessionName\`).`,
    "- **Data platform**: `data-platform.json` by role; `aws_role` is the role name in the account that runs the issuer's cluster and the full ARN elsewhere. That account is the issuer's `account`, else the one account whose provider for it is `existing`; when unknown, every value is the ARN.",
    '- **GitHub Actions**: `github-actions/<role>.yaml`, the job permissions and the `configure-aws-credentials` step, pinned to a full commit SHA with its version in a comment.',
    "- **GitLab CI**: `gitlab-ci/<role>.yml`, a hidden job `.aws-<role>` to `extends:`, with `id_tokens` of the trust's audience, `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`.",
    "- **HCP Terraform**: `hcp-terraform/<organization>/<workspace>.env`, the workspace's environment variables: `TFC_AWS_PROVIDER_AUTH`, `TFC_AWS_RUN_ROLE_ARN` (or the plan/apply pair when the roles split the phases) and `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`.",
    '- **CircleCI**: `circleci/<role>.yml`, the `aws-cli` orb at an exact version and its `setup` step.',
    "- **Buildkite**: `buildkite/<role>.yml`, a step: the pinned `aws-assume-role-with-web-identity` plugin when the trust's audience is `sts.amazonaws.com` and it pins no `pipelineId`; else `buildkite-agent oidc request-token` with the audience (and `--claim pipeline_id`) into the SDK's token file.",
    "- **Bitbucket Pipelines**: `bitbucket-pipelines/<role>.yml`, a step with `oidc: true` writing its token to the SDK's token file.",
    '',
  );
  return lines.join('\n');
}
