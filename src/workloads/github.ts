/** GitHub Actions: the job permissions and the configure-aws-credentials step that assume the role. */
import { Document } from 'yaml';
import type { AccountModel, RoleModel } from '../model/types';
import { accountPath, generatedHeader, type Artifact } from './artifact';

/** One file per role, `github-actions/<role>.yaml`: each is merged into the job that assumes that role. */
export function githubArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => githubStep(account, role, spec));
}

function githubStep(account: AccountModel, role: RoleModel, spec: string): Artifact[] {
  const t = role.trust.find((x) => x.spec.type === 'github-actions');
  if (!t || !('provider' in t)) return [];
  const doc = new Document({
    permissions: { 'id-token': 'write', contents: 'read' },
    steps: [
      {
        name: 'Configure AWS credentials',
        uses: 'aws-actions/configure-aws-credentials@v4',
        with: { 'role-to-assume': role.arn, 'aws-region': account.region, audience: t.provider.audience },
      },
    ],
  });
  doc.commentBefore = ` ${generatedHeader(spec)}\n Merge into the job that assumes the role.`;
  return [
    {
      account: account.name,
      roles: [role.name],
      path: accountPath(account.name, `github-actions/${role.name}.yaml`),
      kind: 'github-actions-step',
      use: 'merge into the workflow job: its permissions and first step',
      content: doc.toString({ lineWidth: 0 }),
    },
  ];
}
