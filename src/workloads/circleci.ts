/**
 * CircleCI: the `aws-cli` orb's `setup` step, which installs the AWS CLI and
 * assumes the role with the job's OIDC token. CircleCI's token carries the
 * organization id as its audience (the job cannot choose another), which is
 * what the role's trust pins.
 */
import type { AccountModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { ciTrustOf, yamlFragment } from './ci-fragment';
import { CIRCLECI_AWS_CLI_ORB } from './ci-pins';

export function circleciArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => {
    const t = ciTrustOf(role, 'circleci');
    if (!t) return [];
    const value = {
      orbs: { 'aws-cli': `${CIRCLECI_AWS_CLI_ORB.orb}@${CIRCLECI_AWS_CLI_ORB.ref}` },
      steps: [{ 'aws-cli/setup': { role_arn: role.arn, region: account.region } }],
    };
    const notes = [
      'Merge `orbs` into .circleci/config.yml and put the step first in the job that assumes the role.',
      `The job's OIDC token has aud ${t.audience} (the organization id), as the role's trust requires; project ${t.spec.projectId}.`,
      // The orb presents $CIRCLE_OIDC_TOKEN_V2; a v1 trust with users pins the V1 subject exactly.
      ...(t.spec.tokenVersion === 'v1' && t.spec.userIds.length > 0
        ? [
            'The orb presents $CIRCLE_OIDC_TOKEN_V2, whose sub continues /vcs-origin/.../vcs-ref/...: this trust (tokenVersion v1, with userIds) refuses it; set tokenVersion: v2 on the trust.',
          ]
        : []),
    ];
    return [
      {
        account: account.name,
        roles: [role.name],
        path: accountPath(account.name, `circleci/${role.name}.yml`),
        kind: 'circleci-step' as const,
        use: 'merge into .circleci/config.yml: the orb, and the first step of the job',
        content: yamlFragment(value, spec, notes, [[['orbs', 'aws-cli'], CIRCLECI_AWS_CLI_ORB.version]]),
      },
    ];
  });
}
