/**
 * Fields that more than one trust type takes, beyond the trust controls
 * (`controls.ts`): the service account a Kubernetes workload runs as, what a
 * workload needs to be configured (its Deployment, token file, session name,
 * Airflow connection) and the external id a third party sends. A new type
 * reuses these, so the same field gets the same checks.
 *
 * Messages carry their fix as data (`fix()` of `primitives/fields.ts`).
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { K8S_NAME, K8S_NAMESPACE, SESSION_NAME } from '../primitives/patterns';

/** The one namespace of a Kubernetes service account (IRSA or Pod Identity): exact, no wildcard. */
export const k8sNamespaceField = z
  .string()
  .regex(K8S_NAMESPACE, fix('a namespace is a DNS label without wildcards', 'name the one namespace whose service account may assume the role'))
  .meta({ description: 'The one namespace whose service account may assume the role: a DNS label, no wildcard.', examples: ['jobs'] });
/** The one service account of a namespace (IRSA or Pod Identity): exact, no wildcard. */
export const k8sServiceAccountField = z
  .string()
  .regex(K8S_NAME, fix('a service-account name is a DNS subdomain without wildcards', 'name the one service account that may assume the role'))
  .meta({ description: 'The one service account that may assume the role: a DNS subdomain, no wildcard.', examples: ['runner'] });

/** The Deployment whose pods run under the service account; the workload artifacts patch its `serviceAccountName`. */
export const deploymentField = z
  .string()
  .regex(K8S_NAME, fix('a Deployment name is a DNS subdomain', 'write the name of the Deployment, e.g. connections-app'))
  .optional()
  .meta({
    description: 'The Deployment whose pods run under the service account; the workload artifacts patch its serviceAccountName.',
    examples: ['connections-app'],
  });

/** Where the workload finds its OIDC token, for the AWS SDK settings (`AWS_WEB_IDENTITY_TOKEN_FILE`). */
export const tokenFileField = z
  .string()
  .regex(/^\/[^\s'"]*[^/\s'"]$/, fix('a token file is an absolute path without spaces or quotes', 'write a path such as /var/run/secrets/aws/token'))
  .optional()
  .meta({
    description: 'Where the workload finds its OIDC token, for the AWS SDK settings (AWS_WEB_IDENTITY_TOKEN_FILE): an absolute path.',
    examples: ['/var/run/secrets/aws/token'],
  });

/** `AWS_ROLE_SESSION_NAME` for SDK settings. Default: the role name. */
export const sessionNameField = z
  .string()
  .regex(SESSION_NAME, fix('a role session name has 2 to 64 characters of letters, digits and + = , . @ _ -', 'shorten or rename the session name'))
  .optional()
  .meta({
    description: 'AWS_ROLE_SESSION_NAME for the SDK settings: 2 to 64 letters, digits and + = , . @ _ -. Default: the role name.',
    examples: ['dataflow'],
  });

/** Airflow connection id for a role assumed through `aws-role` or `iam-user`; `false` for none. */
export const airflowConnectionField = z
  .union([
    z.literal(false),
    z
      .string()
      .regex(
        /^[A-Za-z0-9_]{1,200}$/,
        fix('an Airflow connection id here has letters, digits and "_"', 'write an id such as aws_raw_data (it becomes AIRFLOW_CONN_AWS_RAW_DATA)'),
      ),
  ])
  .optional()
  .meta({
    description:
      'The Airflow connection id for this hop (letters, digits and "_"; aws_raw_data becomes AIRFLOW_CONN_AWS_RAW_DATA), or false for none. By default an aws-role entry gets one only when its caller is a role marked airflow: true, an iam-user entry always.',
    examples: ['aws_raw_data', false],
  });

// Its source is the published JSON Schema's `pattern`: without the "\/" that schema's bytes would change.
// eslint-disable-next-line no-useless-escape
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;

/** Required as `sts:ExternalId` (StringEquals), e.g. when a third party assumes the role. */
export const externalIdField = z
  .string({ error: fix('expected the external id as text', 'quote the external id') })
  .regex(EXTERNAL_ID, fix('an external id has 2 to 1224 characters of letters, digits and + = , . @ : / _ -', 'use the external id the other party gave you'))
  .optional()
  .meta({
    description:
      'Required as sts:ExternalId (StringEquals), e.g. when a third party assumes the role: the external id the other party gave you, 2 to 1224 letters, digits and + = , . @ : / _ -.',
    examples: ['acme-7f3c2b'],
  });
