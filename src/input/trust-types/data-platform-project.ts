/**
 * `type: data-platform-project`: a data-platform project's jobs (IRSA on the
 * platform's cluster), in one environment or all.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';

export const dataPlatformProjectSchema = z
  .strictObject({
    type: z
      .literal('data-platform-project')
      .meta({ description: "data-platform-project: a data-platform project's jobs (IRSA on the platform's cluster), in one environment or all." }),
    ...oidcTrustFields,
    /** The issuer (cluster) whose service-account tokens are trusted. */
    issuer: z.string().meta({ description: 'The spec issuer (the cluster) whose service-account tokens are trusted.', examples: ['data-platform-cluster'] }),
    /** The data platform's project name; `_` becomes `.` in the service-account name. */
    project: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/,
        fix('a project name has lower-case letters, digits, "-", "_" and "."', 'use the project name exactly as the data platform shows it'),
      )
      .meta({
        description: 'The data platform\'s project name, exactly as the platform shows it; "_" becomes "." in the service-account name.',
        examples: ['sample'],
      }),
    /** The environment whose jobs may assume the role. */
    environment: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
        fix(
          'an environment is a Kubernetes namespace name (lower-case letters, digits, "-") without wildcards',
          'name one environment, or set `allEnvironments: true` to allow every environment',
        ),
      )
      .optional()
      .meta({
        description: 'The one environment whose jobs may assume the role (a namespace name, no wildcard). Give exactly one of environment and allEnvironments.',
        examples: ['dev'],
      }),
    /** Explicitly allow every environment (the documented `*`). */
    allEnvironments: z
      .literal(true)
      .optional()
      .meta({ description: 'true: every environment of the project may assume the role (the documented `*`), an explicit opt-in instead of environment.' }),
    /** `false`: no `aud` condition, as the data platform's documents write it (TRUST002; imported roles only). */
    pinAudience: z.literal(false).optional().meta({
      description: "false: no aud condition, as the data platform's documents write it (TRUST002; for imported roles only). By default aud is pinned.",
    }),
  })
  .refine((t) => (t.environment === undefined) !== (t.allEnvironments === undefined), {
    error: fix(
      'give exactly one of `environment` and `allEnvironments: true`',
      'name the environment (e.g. environment: dev), or allow all environments explicitly with allEnvironments: true',
    ),
  })
  .meta({ title: 'trust: data-platform-project', description: "A data-platform project's jobs: issuer, project, and environment or allEnvironments: true." });
