/**
 * GitLab CI: a hidden job to `extends:` from the job that assumes the role. GitLab
 * mints the token through `id_tokens` with the audience the role's trust pins;
 * the job writes it to a file and the AWS SDK and CLI do the web-identity
 * exchange from `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`.
 */
import type { AccountModel, RoleModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { ciTrustOf, yamlFragment } from './ci-fragment';

/** The CI/CD variable GitLab puts the ID token in. */
export const GITLAB_TOKEN_VARIABLE = 'AWS_ID_TOKEN';
/** Where the job writes it: outside the checkout, so no artifact or cache picks it up. */
export const GITLAB_TOKEN_FILE = '/tmp/aws-web-identity-token';

/** `.aws-<role>`: the hidden job's name. */
export const gitlabJobName = (role: RoleModel) => `.aws-${role.name}`;

export function gitlabArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => {
    const t = ciTrustOf(role, 'gitlab-ci');
    if (!t) return [];
    const job = {
      id_tokens: { [GITLAB_TOKEN_VARIABLE]: { aud: t.audience } },
      variables: { AWS_ROLE_ARN: role.arn, AWS_WEB_IDENTITY_TOKEN_FILE: GITLAB_TOKEN_FILE, AWS_REGION: account.region },
      before_script: [`printf '%s' "$${GITLAB_TOKEN_VARIABLE}" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`],
    };
    const notes = [
      `Add to .gitlab-ci.yml (or include it) and give the job that assumes the role \`extends: ${gitlabJobName(role)}\`.`,
      'A job with a before_script of its own replaces this one: add the printf line to it.',
      `The role trusts project ${t.spec.project}, on ${[...t.spec.branches.map((b) => `branch ${b}`), ...t.spec.tags.map((x) => `tag ${x}`)].join(', ')}.`,
    ];
    return [
      {
        account: account.name,
        roles: [role.name],
        path: accountPath(account.name, `gitlab-ci/${role.name}.yml`),
        kind: 'gitlab-ci-job' as const,
        use: `add to .gitlab-ci.yml; the job that assumes the role extends ${gitlabJobName(role)}`,
        content: yamlFragment({ [gitlabJobName(role)]: job }, spec, notes),
      },
    ];
  });
}
