/** `type: kubernetes-service-account`: one service account of an EKS (or other OIDC) cluster, through IRSA. */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { deploymentField } from './shared-fields';

export const kubernetesServiceAccountSchema = z
  .strictObject({
    type: z
      .literal('kubernetes-service-account')
      .meta({ description: 'kubernetes-service-account: one service account of an EKS (or other OIDC) cluster, through IRSA (web identity).' }),
    ...oidcTrustFields,
    issuer: z.string().meta({ description: "The spec issuer: the cluster's OIDC issuer.", examples: ['data-platform-cluster'] }),
    namespace: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
        fix('a namespace is a DNS label without wildcards', 'name the one namespace whose service account may assume the role'),
      )
      .meta({ description: 'The one namespace whose service account may assume the role: a DNS label, no wildcard.', examples: ['jobs'] }),
    serviceAccount: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/,
        fix('a service-account name is a DNS subdomain without wildcards', 'name the one service account that may assume the role'),
      )
      .meta({ description: 'The one service account that may assume the role: a DNS subdomain, no wildcard.', examples: ['runner'] }),
    deployment: deploymentField,
    /** `false`: no `aud` condition, any audience the issuer mints is accepted (TRUST002; imported roles only). */
    pinAudience: z.literal(false).optional().meta({
      description: 'false: no aud condition, any audience the issuer mints is accepted (TRUST002; for imported roles only). By default aud is pinned.',
    }),
  })
  .meta({ title: 'trust: kubernetes-service-account', description: 'An EKS service account through IRSA: issuer, namespace and serviceAccount, each exact.' });
