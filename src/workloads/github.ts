/** GitHub Actions: the job permissions and the configure-aws-credentials step that assume the role. */
import { Document } from 'yaml';
import type { AccountModel, RoleModel } from '../model/types';
import { generatedHeader, rolePath, type Artifact } from './artifact';

export function githubArtifacts(account: AccountModel, role: RoleModel, spec: string): Artifact[] {
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
      role: role.name,
      path: rolePath(account.name, role.name, 'github-actions.yaml'),
      kind: 'github-actions-step',
      use: 'merge into the workflow job: its permissions and first step',
      content: doc.toString({ lineWidth: 0 }),
    },
  ];
}
