/**
 * The third-party CI steps the workload fragments use, each pinned: a GitHub
 * action to a full commit SHA (a tag can be moved; the SHA cannot), a CircleCI
 * orb and a Buildkite plugin to an exact version (the orb registry does not
 * let a published version change; the plugin's version is a git tag). The
 * version is written beside every pin as a comment, so a reader and a
 * dependency bot see which release it is. Update here, in one place.
 */

export interface Pin {
  /** What goes after `@` (or `#`): the commit SHA or the exact version. */
  readonly ref: string;
  /** The release the ref is, for the comment. */
  readonly version: string;
}

/** `aws-actions/configure-aws-credentials`, the current major (v5): the commit of tag v5.1.1. */
export const CONFIGURE_AWS_CREDENTIALS: Pin & { readonly action: string } = {
  action: 'aws-actions/configure-aws-credentials',
  ref: '61815dcd50bd041e203e49132bacad1fd04d2708',
  version: 'v5.1.1',
};

/** CircleCI's `circleci/aws-cli` orb (its `setup` command assumes a role with the job's OIDC token). */
export const CIRCLECI_AWS_CLI_ORB: Pin & { readonly orb: string } = { orb: 'circleci/aws-cli', ref: '5.4.1', version: '5.4.1' };

/** Buildkite's `aws-assume-role-with-web-identity` plugin (it asks for a token with audience sts.amazonaws.com). */
export const BUILDKITE_WEB_IDENTITY_PLUGIN: Pin & { readonly plugin: string } = {
  plugin: 'aws-assume-role-with-web-identity',
  ref: 'v1.8.1',
  version: 'v1.8.1',
};

/** `<action>@<sha>` for a workflow's `uses:`. */
export const actionRef = (p: typeof CONFIGURE_AWS_CREDENTIALS) => `${p.action}@${p.ref}`;
