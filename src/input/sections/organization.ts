/**
 * The `organization` block: the AWS organization the spec's accounts belong
 * to, its management account, where the guardrails (resource control
 * policies) are attached, and which fences they hold. The fences' values are
 * never written here: they are derived from the rest of the spec
 * (`model/guardrails.ts`, docs/guardrails.md).
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { ORGANIZATION_ID } from '../primitives/patterns';

/** An organization root id: `r-` and 4 to 32 lower-case letters or digits. */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
/** An organizational unit id: `ou-`, the root's 4 to 32 characters, `-`, and 8 to 32 lower-case letters or digits. */
export const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

/** The fences a spec may choose, in the order their statements are written. */
export const GUARDRAIL_NAMES = ['oidc-providers', 'oidc-tenants', 'identity-perimeter', 'confused-deputy'] as const;
export type GuardrailName = (typeof GUARDRAIL_NAMES)[number];

const target = z
  .string({
    error: fix(
      'expected a root or OU id as text',
      'write the id shown by `aws organizations list-roots` (r-...) or `list-organizational-units-for-parent` (ou-...)',
    ),
  })
  .refine(
    (t) => ROOT_ID.test(t) || OU_ID.test(t),
    fix(
      'not a root id (r- and 4 to 32 lower-case letters or digits) or an OU id (ou-<root part>-<8 to 32 lower-case letters or digits>)',
      'copy the id from `aws organizations list-roots --query Roots[].Id` or `aws organizations list-organizational-units-for-parent`; attach to a test OU first (docs/guardrails.md#rollout)',
    ),
  )
  .meta({ description: 'A root id (r-...) or an organizational unit id (ou-...) the guardrails are attached to.', examples: ['ou-ab12-cdef3456'] });

const managementAccount = z
  .string({ error: fix('expected the management account as text', 'write the name of a spec account, or its quoted 12-digit id') })
  .min(1, fix('the management account is empty', 'write the name of a spec account, or its quoted 12-digit id'))
  .meta({
    description:
      "The organization's management account, where the policies are created: the name of a spec account (it may have no roles), or its quoted 12-digit id.",
    examples: ['management'],
  });

export const organizationSchema = z
  .strictObject({
    id: z
      .string({ error: fix('expected the organization id', 'write the id shown by `aws organizations describe-organization`, e.g. o-a1b2c3d4e5') })
      .regex(
        ORGANIZATION_ID,
        fix(
          'an organization id is "o-" and 10 to 32 lower-case letters or digits',
          'copy the id from `aws organizations describe-organization --query Organization.Id`',
        ),
      )
      .meta({
        description:
          'The AWS Organizations id the spec accounts belong to: "o-" and 10 to 32 lower-case letters or digits (aws organizations describe-organization --query Organization.Id).',
        examples: ['o-a1b2c3d4e5'],
      }),
    managementAccount,
    attachTo: z
      .array(target, { error: fix('expected a list of root or OU ids', 'write attachTo: [ou-...]') })
      .min(1, fix('the guardrails are attached nowhere', 'list a root or OU id under attachTo; attach to a test OU first'))
      .refine((ts) => new Set(ts).size === ts.length, fix('a target is listed twice', 'list each root or OU once'))
      .meta({
        description: 'Where the resource control policies are attached: root (r-...) or OU (ou-...) ids. Attach to a test OU first (docs/guardrails.md).',
        examples: [['ou-ab12-cdef3456']],
      }),
    guardrails: z
      .array(
        z
          .enum(GUARDRAIL_NAMES, { error: fix(`a guardrail is one of ${GUARDRAIL_NAMES.join(', ')}`, 'use one of the listed names') })
          .meta({ description: `One fence: ${GUARDRAIL_NAMES.join(', ')}.` }),
      )
      .default([...GUARDRAIL_NAMES])
      .refine((gs) => new Set(gs).size === gs.length, fix('a guardrail is listed twice', 'list each guardrail once'))
      .meta({
        description:
          'Which fences the resource control policies hold, each derived from the spec: oidc-providers (only the spec\u2019s issuers), oidc-tenants (only the spec\u2019s tenants of each issuer), identity-perimeter (sts:AssumeRole only from the organization and the spec\u2019s third parties), confused-deputy (AWS services only on behalf of the organization). Default: all four.',
        examples: [['oidc-providers', 'oidc-tenants']],
      }),
  })
  .meta({
    title: 'organization',
    description:
      'The AWS organization: its id, its management account, and resource control policies derived from the spec that fence every role of the attached roots or OUs (docs/guardrails.md).',
  });

export type OrganizationSpec = z.output<typeof organizationSchema>;
