/**
 * The patterns the whole tool shares: ids, names, regions and partitions, and
 * the characters that make a condition value a pattern. The schema refuses
 * values outside them; the resolver, the lint pack, the access proof and
 * `import` test values against the same expressions.
 */

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** IAM role names: 1-64 characters of `[\w+=,.@-]`. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** A rule id as the lint pack and the limits name them: TRUST001, IAM004, ... */
export const RULE_ID = /^[A-Z]{3,5}\d{3}$/;
/** A name the spec gives an account or an issuer: a letter, then at most 63 letters, digits, "-" or "_". */
export const SPEC_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** An AWS region name of any partition (`eu-west-1`, `us-gov-west-1`, `us-isob-east-1`). */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/**
 * Every AWS partition, as ARNs spell it. An ARN of any other partition names
 * nothing: refuse it where it is written, not when Terraform or STS fails on it.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/** An AWS Organizations id: `o-` and 10 to 32 lower-case letters or digits. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Kubernetes object names (RFC 1123 subdomain), no wildcards. */
export const K8S_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
/** Kubernetes namespaces (RFC 1123 label), no wildcards. */
export const K8S_NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** STS role session names: 2-64 characters of `[\w+=,.@-]`. */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Characters that make an IAM string condition a pattern. */
export const WILDCARD = /[*?]/;
