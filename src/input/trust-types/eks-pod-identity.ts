/**
 * `type: eks-pod-identity`: an EKS service account through Pod Identity, with
 * its association; on a cluster of another account through `clusterAccount`
 * and `via`, or chaining into a role outside the spec (`targetRoleArn`).
 */
import { z } from 'zod';
import { fix, iamPath, policyRef, roleArnField, tagsField } from '../primitives/fields';
import { trustFields } from './controls';
import { deploymentField, k8sNamespaceField, k8sServiceAccountField } from './shared-fields';

const viaName = z
  .string({ error: fix('expected the name of the role to create in the cluster account', 'write a role name, e.g. via: spark-driver-pod-identity', 'IAM001') })
  .regex(/^[\w+=,.@-]{1,64}$/, fix('via is a role name: 1 to 64 letters, digits and + = , . @ _ -', 'shorten or rename the role', 'IAM001'))
  .meta({
    description: 'The name of the role created in the cluster account for the association: 1 to 64 letters, digits and + = , . @ _ -.',
    examples: ['spark-driver-pod-identity'],
  });

export const eksPodIdentitySchema = z
  .strictObject({
    type: z.literal('eks-pod-identity').meta({
      description:
        'eks-pod-identity: an EKS service account through Pod Identity, with its association; on a cluster of another account through clusterAccount and via.',
    }),
    ...trustFields,
    /** The EKS cluster, in `clusterAccount`'s region (by default the role's own account). */
    cluster: z
      .string()
      .regex(
        /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
        fix('an EKS cluster name has 1 to 100 letters, digits, "-" and "_"', 'write the cluster name as `aws eks list-clusters` shows it'),
      )
      .meta({
        description: "The EKS cluster name as aws eks list-clusters shows it, in clusterAccount's region (by default the role's own account).",
        examples: ['core'],
      }),
    namespace: k8sNamespaceField,
    serviceAccount: k8sServiceAccountField,
    deployment: deploymentField,
    /**
     * The spec account that runs the cluster, when it is not the role's own. The
     * association there then uses the role `via` and names this role as its
     * target (`target_role_arn`): EKS assumes `via`, then this role.
     */
    clusterAccount: z
      .string({
        error: fix('expected the name of the account that runs the cluster', 'write the account name as the spec declares it, e.g. clusterAccount: platform'),
      })
      .regex(
        /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
        fix('clusterAccount names a spec account: a letter, then at most 63 letters, digits, "-" or "_"', 'write the account name as the spec declares it'),
      )
      .optional()
      .meta({
        description:
          "The spec account that runs the cluster, when it is not the role's own: the association there uses the role via and names this role as its target (EKS assumes via, then this role). Goes with via.",
        examples: ['platform'],
      }),
    /**
     * With `clusterAccount`: the role created there for the association, which may only chain into
     * this role. Its name, or `{ name, path, permissionsBoundary, tags }` where the cluster's account
     * asks for them (a boundary an SCP requires, say).
     */
    via: z
      .union([viaName, z.strictObject({ name: viaName, path: iamPath.optional(), permissionsBoundary: policyRef.optional(), tags: tagsField.optional() })])
      .optional()
      .meta({
        description:
          'With clusterAccount: the role created there for the association, which may only chain into this role. Its name, or { name, path, permissionsBoundary, tags }.',
        examples: ['spark-driver-pod-identity'],
      }),
    /**
     * The association's `disable_session_tags`. Without session tags a trust cannot
     * pin the cluster, namespace and service account (TRUST021), except a target
     * role's, which then pins `sts:ExternalId`.
     * @default false
     */
    disableSessionTags: z
      .boolean({ error: fix('expected true or false', 'write disableSessionTags: true, or remove it') })
      .optional()
      .meta({
        description:
          "The association's disable_session_tags. Without session tags a trust cannot pin the cluster, namespace and service account (TRUST021), except a target role's, which then pins sts:ExternalId.",
        default: false,
      }),
    /**
     * A role of an account outside the spec that the association chains into
     * (`target_role_arn`): this role gets `sts:AssumeRole` and `sts:TagSession`
     * on it, and the module README gives the trust that role needs. A target
     * role in the spec takes the entry itself, with `clusterAccount` and `via`.
     */
    targetRoleArn: roleArnField('targetRoleArn', 'arn:aws:iam::999999999999:role/partner-reader')
      .optional()
      .meta({
        description:
          'A role of an account outside the spec that the association chains into (target_role_arn), as a full role ARN; the module README gives the trust that role needs.',
        examples: ['arn:aws:iam::999999999999:role/partner-reader'],
      }),
  })
  .refine((t) => (t.clusterAccount === undefined) === (t.via === undefined), {
    error: fix('clusterAccount and via go together', 'give both (the cluster runs in another account, the association there uses the role `via`), or neither'),
  })
  .refine((t) => t.targetRoleArn === undefined || t.clusterAccount === undefined, {
    error: fix(
      "targetRoleArn is for the association's own role, clusterAccount for a target role of the spec",
      'keep one: on a target role, clusterAccount and via; on the role the association uses, targetRoleArn',
    ),
  })
  .meta({
    title: 'trust: eks-pod-identity',
    description:
      'An EKS service account through Pod Identity: cluster, namespace and serviceAccount; clusterAccount and via for a cluster of another spec account; targetRoleArn to chain into a role outside the spec.',
  });
