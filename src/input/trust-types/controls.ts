/**
 * The trust controls every trust type takes (`trustFields`, and for OIDC
 * types `oidcTrustFields`): typed extra conditions, and the session-tags
 * opt-in (docs/trust-controls.md). Messages follow the form `what is wrong |
 * fix: what to write instead`.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { parseBlock } from '../../ip';

/**
 * Operators an extra condition may use: no IfExists, no set operator, and of
 * the negated ones only NotIpAddress, so a condition ANDed to a statement can
 * only narrow it. NotIpAddress holds where the key is absent (aws:SourceIp on
 * a call through a VPC endpoint), which docs/trust-controls.md says.
 */
export const CONDITION_OPERATORS = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike', 'Bool', 'IpAddress', 'NotIpAddress'] as const;

/** The operators on IP addresses, and the keys they take. */
export const IP_OPERATORS: readonly string[] = ['IpAddress', 'NotIpAddress'];
export const IP_CONDITION_KEY = /^aws:(SourceIp|VpcSourceIp)$/;

/** Global and STS condition keys an extra condition may test. */
export const GLOBAL_CONDITION_KEY =
  /^(aws:(SourceIp|VpcSourceIp|SourceVpce|SourceVpc|SourceAccount|SourceArn|SourceOrgID|PrincipalOrgID|PrincipalAccount|PrincipalArn|MultiFactorAuthPresent|SecureTransport|RequestedRegion|PrincipalTag\/[\w+=,.@:/-]{1,128}|RequestTag\/[\w+=,.@:/-]{1,128})|sts:(ExternalId|RoleSessionName|SourceIdentity))$/;

/**
 * A condition ANDed to every statement of a trust entry: on a global key
 * (`key: aws:SourceIp`) or, for OIDC trusts, on a claim of the entry's issuer
 * (`claim: repository_id` becomes `<issuer host>:repository_id`).
 */
const extraCondition = z
  .strictObject({
    test: z
      .enum(CONDITION_OPERATORS, {
        error: fix(
          `an extra condition's test is one of ${CONDITION_OPERATORS.join(', ')}`,
          'use a positive operator (or NotIpAddress): an extra condition may only narrow the trust',
        ),
      })
      .meta({
        description: `The operator, one of ${CONDITION_OPERATORS.join(', ')}: of the negated ones only NotIpAddress, which holds where the key is absent; a condition can only narrow the trust.`,
      }),
    key: z
      .string()
      .regex(
        GLOBAL_CONDITION_KEY,
        fix(
          'not a condition key an extra condition may test',
          'use a global key such as aws:SourceIp, aws:PrincipalTag/<tag>, sts:SourceIdentity, or claim: <name> for a claim of the issuer',
        ),
      )
      .optional()
      .meta({
        description:
          'A global or STS condition key (aws:SourceIp, aws:PrincipalOrgID, aws:PrincipalTag/<tag>, sts:ExternalId, sts:SourceIdentity, ...). Exactly one of key and claim.',
        examples: ['aws:SourceIp'],
      }),
    claim: z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
        fix(
          'a claim name has letters, digits, "_", "-", "." and "/"',
          'write the claim as the token names it, e.g. repository_id or oidc.circleci.com/project-id',
        ),
      )
      .max(64, fix('a claim name has at most 64 characters', 'write the claim as the token names it'))
      .refine(
        (c) => c !== 'sub' && c !== 'aud',
        fix('sub and aud are what the trust itself pins', 'use the trust fields for sub and aud; extra conditions are for other claims'),
      )
      .optional()
      .meta({
        description:
          "OIDC trusts: a claim of the entry's issuer, written as the token names it; it becomes <issuer host>:<claim>. Not sub or aud. Exactly one of key and claim.",
        examples: ['repository_id'],
      }),
    values: z
      .array(
        z
          .string()
          .min(1)
          .max(1024)
          .refine((v) => !v.includes('${'), fix('a condition value has "${"', 'write the literal value; policy variables are not allowed here')),
      )
      .min(1, fix('an extra condition needs at least one value', 'list the values'))
      .meta({ description: 'The values, at least one, each taken literally (no policy variables).', examples: [['203.0.113.0/24']] }),
  })
  .refine((c) => (c.key === undefined) !== (c.claim === undefined), {
    error: fix('an extra condition names exactly one of key and claim', 'write key: <global key> or claim: <claim of the issuer>'),
  })
  .refine((c) => !IP_OPERATORS.includes(c.test) || (c.key !== undefined && IP_CONDITION_KEY.test(c.key)), {
    error: fix('IpAddress and NotIpAddress test an address key', 'write key: aws:SourceIp or key: aws:VpcSourceIp'),
    path: ['key'],
  })
  .refine((c) => !IP_OPERATORS.includes(c.test) || c.values.every((v) => parseBlock(v) !== undefined), {
    error: fix('an IpAddress or NotIpAddress value is an IPv4 or IPv6 CIDR block or address', 'write e.g. 203.0.113.0/24 or 2001:db8::/32'),
    path: ['values'],
  });

/** Typed extra conditions, on any trust entry. */
export const extraConditionsField = z.array(extraCondition).optional().meta({
  description:
    'Typed extra conditions, ANDed to every statement of this trust entry: each narrows it on a global key or a claim of the issuer (docs/trust-controls.md).',
});

/** Let the OIDC issuer pass session tags (`sts:TagSession` beside the assume action): an opt-in per trust entry. */
export const sessionTagsField = z
  .boolean()
  .optional()
  .meta({ description: 'true: let the OIDC issuer pass session tags (sts:TagSession beside the assume action). Off by default.' });

/** The fields every trust entry takes. */
export const trustFields = { conditions: extraConditionsField };
/** The fields every OIDC trust entry takes. */
export const oidcTrustFields = { conditions: extraConditionsField, sessionTags: sessionTagsField };

export type ExtraCondition = z.output<typeof extraCondition>;
