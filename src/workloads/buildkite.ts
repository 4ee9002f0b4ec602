/**
 * Buildkite: a step that assumes the role with the job's OIDC token. The
 * `aws-assume-role-with-web-identity` plugin asks for a token with audience
 * sts.amazonaws.com and no optional claim, so it serves a trust with that
 * audience and no `pipelineId`. Otherwise the step asks the agent itself:
 * `buildkite-agent oidc request-token --audience <aud>`, with `--claim
 * pipeline_id` when the trust pins the pipeline's UUID, into the token file
 * the AWS SDK and CLI read with `AWS_ROLE_ARN`.
 */
import type { AccountModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { ciTrustOf, yamlFragment } from './ci-fragment';
import { BUILDKITE_WEB_IDENTITY_PLUGIN } from './ci-pins';

/** The audience the plugin requests, fixed in its source. */
export const PLUGIN_AUDIENCE = 'sts.amazonaws.com';

export function buildkiteArtifacts(account: AccountModel, spec: string): Artifact[] {
  return account.roles.flatMap((role) => {
    const t = ciTrustOf(role, 'buildkite');
    if (!t) return [];
    const plugin = `${BUILDKITE_WEB_IDENTITY_PLUGIN.plugin}#${BUILDKITE_WEB_IDENTITY_PLUGIN.ref}`;
    const usePlugin = t.audience === PLUGIN_AUDIENCE && t.spec.pipelineId === undefined;
    const request = ['buildkite-agent oidc request-token', `--audience ${t.audience}`, ...(t.spec.pipelineId ? ['--claim pipeline_id'] : [])].join(' ');
    // `$$`: the variable is read when the command runs, not when the pipeline is uploaded.
    const step = usePlugin
      ? { label: `:aws: ${role.name}`, command: 'aws sts get-caller-identity', plugins: [{ [plugin]: { 'role-arn': role.arn, region: account.region } }] }
      : {
          label: `:aws: ${role.name}`,
          env: { AWS_ROLE_ARN: role.arn, AWS_REGION: account.region },
          command: [`export AWS_WEB_IDENTITY_TOKEN_FILE="$$(mktemp)"`, `${request} > "$$AWS_WEB_IDENTITY_TOKEN_FILE"`, 'aws sts get-caller-identity'],
        };
    const notes = [
      `Merge into the pipeline's steps; replace the last command with yours. Pipeline ${t.spec.organization}/${t.spec.pipeline}.`,
      usePlugin
        ? `The plugin requests a token with aud ${PLUGIN_AUDIENCE}, as the role's trust requires.`
        : `The agent requests the token with aud ${t.audience}${t.spec.pipelineId ? ' and the pipeline_id claim' : ''}, as the role's trust requires (the plugin sends neither).`,
    ];
    return [
      {
        account: account.name,
        roles: [role.name],
        path: accountPath(account.name, `buildkite/${role.name}.yml`),
        kind: 'buildkite-step' as const,
        use: usePlugin
          ? 'merge into the pipeline: a step with the pinned web-identity plugin'
          : 'merge into the pipeline: a step that requests the OIDC token for the AWS SDK',
        content: yamlFragment({ steps: [step] }, spec, notes),
      },
    ];
  });
}
