/**
 * Bitbucket Pipelines: a step with `oidc: true`, whose token (in
 * `BITBUCKET_STEP_OIDC_TOKEN`) the step writes to a file for the AWS SDK and
 * CLI, with `AWS_ROLE_ARN`. Bitbucket's token carries the workspace's
 * audience, which the role's trust pins.
 */
import type { AccountModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { ciTrustOf, yamlFragment } from './ci-fragment';

export function bitbucketArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => {
    const t = ciTrustOf(role, 'bitbucket-pipelines');
    if (!t) return [];
    const step = {
      name: `aws ${role.name}`,
      oidc: true,
      script: [
        `export AWS_REGION=${account.region}`,
        `export AWS_ROLE_ARN=${role.arn}`,
        'export AWS_WEB_IDENTITY_TOKEN_FILE="$(mktemp)"',
        `printf '%s' "$BITBUCKET_STEP_OIDC_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`,
        'aws sts get-caller-identity',
      ],
    };
    const notes = [
      'Merge into bitbucket-pipelines.yml as a step of the pipeline that assumes the role; replace the last command with yours.',
      `The step's token has aud ${t.audience}, as the role's trust requires.`,
      ...(t.spec.environmentUuid
        ? [`The trust pins deployment environment ${t.spec.environmentUuid}: add \`deployment: <that environment's name>\` to the step.`]
        : []),
    ];
    return [
      {
        account: account.name,
        roles: [role.name],
        path: accountPath(account.name, `bitbucket-pipelines/${role.name}.yml`),
        kind: 'bitbucket-pipelines-step' as const,
        use: 'merge into bitbucket-pipelines.yml: a step with oidc: true',
        content: yamlFragment({ step }, spec, notes),
      },
    ];
  });
}
