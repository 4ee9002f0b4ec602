/**
 * GitHub Actions: the job permissions and the configure-aws-credentials step
 * that assume the role, the action pinned to a commit SHA (ci-pins.ts).
 */
import type { AccountModel, RoleModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { yamlFragment } from './ci-fragment';
import { actionRef, CONFIGURE_AWS_CREDENTIALS } from './ci-pins';

/** One file per role, `github-actions/<role>.yaml`: each is merged into the job that assumes that role. */
export function githubArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => githubStep(account, role, spec));
}

function githubStep(account: AccountModel, role: RoleModel, spec: string): Artifact[] {
  const t = role.trust.find((x) => x.spec.type === 'github-actions');
  if (!t || !('provider' in t)) return [];
  const value = {
    permissions: { 'id-token': 'write', contents: 'read' },
    steps: [
      {
        name: 'Configure AWS credentials',
        uses: actionRef(CONFIGURE_AWS_CREDENTIALS),
        with: { 'role-to-assume': role.arn, 'aws-region': account.region, audience: t.provider.audience },
      },
    ],
  };
  return [
    {
      account: account.name,
      roles: [role.name],
      path: accountPath(account.name, `github-actions/${role.name}.yaml`),
      kind: 'github-actions-step',
      use: 'merge into the workflow job: its permissions and first step',
      content: yamlFragment(value, spec, ['Merge into the job that assumes the role.'], [[['steps', 0, 'uses'], CONFIGURE_AWS_CREDENTIALS.version]]),
    },
  ];
}
