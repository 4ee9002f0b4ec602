/**
 * What this tool knows about the CI and workload issuers it has presets for:
 * their hosted issuer, their audience, the shape of their `sub`, and which
 * part of it may vary. The trust builders, the lint pack (TRUST002, TRUST019)
 * and the access proof all read this one table. Sources: docs/issuers.md.
 */

export type CiVendor = 'gitlab' | 'hcp-terraform' | 'circleci' | 'buildkite' | 'bitbucket';

export interface VendorFormat {
  /** The vendor's name in messages. */
  readonly name: string;
  /** The trust type that builds its trust. */
  readonly trustType: 'gitlab-ci' | 'hcp-terraform' | 'circleci' | 'buildkite' | 'bitbucket-pipelines';
  /** The condition-key prefix of the hosted issuer (the issuer URL without `https://`). */
  readonly host: RegExp;
  /** Whether customers run their own issuer (GitLab Self-Managed, Terraform Enterprise) at any URL. */
  readonly selfHosted: boolean;
  /**
   * The fixed part of a `sub`: in a StringLike pattern, the text before the
   * first wildcard must start with a match, so that wildcards only stand for
   * the parts the vendor puts last.
   */
  readonly fixedPrefix: RegExp;
  /** The `sub` format, with the trailing part that may be a wildcard. */
  readonly subject: string;
  /** What `aud` carries, for messages. */
  readonly audience: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A UUID as CircleCI and Bitbucket write them: lower-case hex. */
export const UUID_RE = new RegExp(`^${UUID}$`);

export const VENDORS: Readonly<Record<CiVendor, VendorFormat>> = {
  gitlab: {
    name: 'GitLab CI',
    trustType: 'gitlab-ci',
    host: /^gitlab\.com$/,
    selfHosted: true,
    fixedPrefix: /^project_path:[^:*?]+\/[^:*?]+:ref_type:(branch|tag):ref:/,
    subject: 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name, may be a pattern>',
    audience: 'the aud of the job\u2019s id_tokens',
  },
  'hcp-terraform': {
    name: 'HCP Terraform',
    trustType: 'hcp-terraform',
    host: /^app\.terraform\.io$/,
    selfHosted: true,
    fixedPrefix: /^organization:[^:*?]+:project:[^:*?]+:workspace:[^:*?]+:run_phase:/,
    subject: 'organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>',
    audience: 'aws.workload.identity',
  },
  circleci: {
    name: 'CircleCI',
    trustType: 'circleci',
    host: new RegExp(`^oidc\\.circleci\\.com/org/${UUID}$`),
    selfHosted: false,
    fixedPrefix: new RegExp(`^org/${UUID}/project/${UUID}/user/`),
    subject: 'org/<org-id>/project/<project-id>/user/<user-id, may be a wildcard>',
    audience: 'the organization id',
  },
  buildkite: {
    name: 'Buildkite',
    trustType: 'buildkite',
    host: /^agent\.buildkite\.com$/,
    selfHosted: false,
    fixedPrefix: /^organization:[^:*?]+:pipeline:[^:*?]+:ref:[^:*?]+:commit:/,
    subject: 'organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha, may be a wildcard>:step:<step>',
    audience: 'sts.amazonaws.com (as the agent requests it)',
  },
  bitbucket: {
    name: 'Bitbucket Pipelines',
    trustType: 'bitbucket-pipelines',
    host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/,
    selfHosted: false,
    fixedPrefix: new RegExp(`^\\{${UUID}\\}`),
    subject: '{<repository-uuid>}[:{<environment-uuid>}]:{<step-uuid>, may be a wildcard}',
    audience: 'ari:cloud:bitbucket::workspace/<workspace-uuid>',
  },
};

/** The vendor whose hosted issuer this condition-key prefix is, if any. */
export function vendorOfHost(host: string): CiVendor | undefined {
  const h = host.toLowerCase();
  return (Object.keys(VENDORS) as CiVendor[]).find((v) => VENDORS[v].host.test(h));
}

/** The vendor of a trust type. */
export function vendorOfTrust(type: string): CiVendor | undefined {
  return (Object.keys(VENDORS) as CiVendor[]).find((v) => VENDORS[v].trustType === type);
}

/** The hosted issuer URLs whose host is fixed. */
export const CIRCLECI_ISSUER = (organizationId: string) => `https://oidc.circleci.com/org/${organizationId}`;
export const BUILDKITE_ISSUER = 'https://agent.buildkite.com';
export const BITBUCKET_ISSUER = (workspace: string) => `https://api.bitbucket.org/2.0/workspaces/${workspace}/pipelines-config/identity/oidc`;
export const BITBUCKET_AUDIENCE = (workspaceUuid: string) => `ari:cloud:bitbucket::workspace/${workspaceUuid}`;
export const HCP_TERRAFORM_AUDIENCE = 'aws.workload.identity';
