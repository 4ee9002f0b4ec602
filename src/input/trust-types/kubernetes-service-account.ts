/** `type: kubernetes-service-account`: one service account of an EKS (or other OIDC) cluster, through IRSA. */
import { z } from 'zod';
import { oidcTrustFields } from './controls';
import { deploymentField, k8sNamespaceField, k8sServiceAccountField } from './shared-fields';

export const kubernetesServiceAccountSchema = z
  .strictObject({
    type: z
      .literal('kubernetes-service-account')
      .meta({ description: 'kubernetes-service-account: one service account of an EKS (or other OIDC) cluster, through IRSA (web identity).' }),
    ...oidcTrustFields,
    issuer: z.string().meta({ description: "The spec issuer: the cluster's OIDC issuer.", examples: ['data-platform-cluster'] }),
    namespace: k8sNamespaceField,
    serviceAccount: k8sServiceAccountField,
    deployment: deploymentField,
    /** `false`: no `aud` condition, any audience the issuer mints is accepted (TRUST002; imported roles only). */
    pinAudience: z.literal(false).optional().meta({
      description: 'false: no aud condition, any audience the issuer mints is accepted (TRUST002; for imported roles only). By default aud is pinned.',
    }),
  })
  .meta({ title: 'trust: kubernetes-service-account', description: 'An EKS service account through IRSA: issuer, namespace and serviceAccount, each exact.' });
