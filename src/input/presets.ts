/**
 * Schemas of the trust presets added for workloads (GitHub Actions, EKS Pod
 * Identity, several OIDC issuers on one role, the IAM-user access-key
 * fallback), the consumer fields shared with the older trust types, and the
 * spec's `options`. `schema.ts` puts them into the trust union.
 *
 * Messages carry their fix as data (`fix()` and `idString` of `fields.ts`).
 */
import { z } from 'zod';
import { oidcTrustFields, trustFields } from './trust-controls';
import { fix, iamPath, idString, policyRef, roleArnField, tagsField } from './fields';
import { awsProviderVersionField, DEFAULT_AWS_PROVIDER_VERSION } from './provider-version';

/** Kubernetes object names (RFC 1123 subdomain), no wildcards. */
export const K8S_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
/** Kubernetes namespaces (RFC 1123 label), no wildcards. */
export const K8S_NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** STS role session names: 2-64 characters of `[\w+=,.@-]`. */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Characters that make an IAM string condition a pattern. */
export const WILDCARD = /[*?]/;

const k8sNamespace = z
  .string()
  .regex(K8S_NAMESPACE, fix('a namespace is a DNS label without wildcards', 'name the one namespace whose service account may assume the role'))
  .meta({ description: 'The one namespace whose service account may assume the role: a DNS label, no wildcard.', examples: ['jobs'] });
const k8sServiceAccount = z
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

const numericId = (what: string, key: string) =>
  idString({
    what: `GitHub ${what}`,
    pattern: /^\d{1,20}$/,
    form: "GitHub's numeric id",
    key,
    example: '123456789',
    source: 'gh api repos/OWNER/REPO --jq .owner.id,.id',
  });

/** Git ref names cannot hold `*` or `?`, so those characters can only mean a pattern. */
const branch = z
  .string()
  .min(1)
  .regex(/^[^\s~^:\\[]+$/, fix('not a branch name', 'write a branch name such as main, or a pattern such as release/*'));

export const githubActionsSchema = z
  .strictObject({
    type: z
      .literal('github-actions')
      .meta({ description: 'github-actions: GitHub Actions workflow runs of one repository, by branch, environment or pull request.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://token.actions.githubusercontent.com (or an enterprise's issuer below it), a GHE.com one or GitHub Enterprise Server's (docs/issuers.md). */
    issuer: z.string().meta({
      description:
        "The spec issuer whose URL is https://token.actions.githubusercontent.com (or an enterprise's issuer below it), a GHE.com one or GitHub Enterprise Server's (docs/issuers.md).",
      examples: ['github'],
    }),
    /** `owner/repo`. */
    repository: z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/,
        fix('a repository is written owner/repo', 'write it as shown on GitHub, e.g. octo-org/deploy'),
      )
      .meta({ description: 'The repository, owner/repo, as shown on GitHub.', examples: ['octo-org/deploy'] }),
    /** GitHub's immutable owner id: with `repositoryId`, subjects use the `repo:owner@ID/repo@ID:` form (see `idsIn`). */
    ownerId: numericId('owner id', 'ownerId')
      .optional()
      .meta({
        description: "GitHub's immutable owner id (gh api repos/OWNER/REPO --jq .owner.id), with repositoryId: pinned where idsIn says.",
        examples: ['123456789'],
      }),
    repositoryId: numericId('repository id', 'repositoryId')
      .optional()
      .meta({ description: "GitHub's immutable repository id (gh api repos/OWNER/REPO --jq .id), with ownerId.", examples: ['987654321'] }),
    /**
     * Where `ownerId` and `repositoryId` are pinned: in the subject (`repo:owner@ID/repo@ID:`, what
     * GitHub sends for repositories created, renamed or transferred since 2026-07-15), as the
     * `repository_owner_id` and `repository_id` claims beside the name-only subject (repositories that
     * still send `repo:owner/repo:`), both, or `migration`: both subject forms, each with the two id
     * claims, for a repository about to switch (a rename, a transfer, or GitHub's opt-in). @default "subject"
     */
    idsIn: z
      .enum(['subject', 'claims', 'both', 'migration'], {
        error: fix(
          'idsIn is subject, claims, both or migration',
          'write idsIn: claims for a repository whose tokens still carry the name-only subject, migration while it switches to the id form',
        ),
      })
      .optional()
      .meta({
        description:
          'Where ownerId and repositoryId are pinned: subject (repo:owner@ID/repo@ID:), claims (repository_owner_id and repository_id beside the name-only subject), both, or migration (both subject forms, each with the two id claims, while the repository switches to the id form).',
        default: 'subject',
      }),
    /** Branches (exact, or patterns with `*`) whose workflow runs may assume the role. */
    branches: z
      .array(branch)
      .default([])
      .meta({ description: 'Branches (exact, or patterns with *) whose workflow runs may assume the role.', examples: [['main', 'release/*']] }),
    /** GitHub environments whose jobs may assume the role. */
    environments: z
      .array(z.string().regex(/^[^*?\s:][^*?:]{0,254}$/, fix('an environment name has no wildcards or ":"', 'name each environment exactly')))
      .default([])
      .meta({ description: 'GitHub environments whose jobs may assume the role, each named exactly.', examples: [['production']] }),
    /** Workflow runs triggered by pull requests. */
    pullRequests: z.boolean().default(false).meta({ description: 'true: workflow runs triggered by pull requests may assume the role.' }),
    /** Every ref, environment and event of the repository (`repo:owner/repo:*`): an explicit opt-in. */
    allRefs: z
      .literal(true)
      .optional()
      .meta({ description: 'true: every ref, environment and event of the repository (repo:owner/repo:*), an explicit opt-in.' }),
    /** GitHub Enterprise Cloud: the enterprise slug. The issuer must then be https://token.actions.githubusercontent.com/<enterprise>. */
    enterprise: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/,
        fix('an enterprise slug has letters, digits and "-"', 'copy the slug from https://github.com/enterprises/<slug>'),
      )
      .optional()
      .meta({
        description: 'GitHub Enterprise Cloud: the enterprise slug; the issuer must then be https://token.actions.githubusercontent.com/<enterprise>.',
        examples: ['octo-enterprise'],
      }),
    /**
     * Reusable workflows allowed to run the job (`job_workflow_ref`, a condition key STS accepts for
     * GitHub): `owner/repo/.github/workflows/file.yml@ref`, a `*` only in the ref after `@`.
     */
    jobWorkflowRefs: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+\/[^@\s*?]+@[^\s?]+$/,
            fix(
              'a workflow ref is owner/repo/path/to/workflow.yml@ref, with a wildcard only in the ref',
              'write e.g. octo-org/shared/.github/workflows/deploy.yml@refs/heads/main',
            ),
          ),
      )
      .default([])
      .meta({
        description: 'Reusable workflows allowed to run the job (job_workflow_ref): owner/repo/path/to/workflow.yml@ref, a * only in the ref.',
        examples: [['octo-org/shared/.github/workflows/deploy.yml@refs/heads/main']],
      }),
    /** GitHub user ids whose runs may assume the role (`actor_id`). */
    actorIds: z
      .array(numericId('actor id', 'actorIds'))
      .default([])
      .meta({ description: 'GitHub user ids whose runs may assume the role (actor_id).', examples: [['123456789']] }),
    /** The enterprise's numeric id (`enterprise_id`). */
    enterpriseId: numericId('enterprise id', 'enterpriseId')
      .optional()
      .meta({ description: "The enterprise's numeric id (enterprise_id).", examples: ['123456'] }),
  })
  .refine((t) => (t.ownerId === undefined) === (t.repositoryId === undefined), {
    error: fix('give both ownerId and repositoryId, or neither', 'add the missing id, or remove both to use the name-only subject form'),
  })
  .refine((t) => t.idsIn === undefined || t.ownerId !== undefined, {
    path: ['idsIn'],
    error: fix(
      'idsIn says where ownerId and repositoryId are pinned, but neither is given',
      'add ownerId and repositoryId (gh api repos/OWNER/REPO --jq .owner.id,.id), or remove idsIn',
    ),
  })
  .refine((t) => t.allRefs === true || t.branches.length + t.environments.length > 0 || t.pullRequests, {
    error: fix(
      'a GitHub Actions trust names no branch, environment or pull-request subject',
      'add branches: [main], environments: [production] or pullRequests: true (or allRefs: true to allow every ref)',
    ),
  })
  .meta({
    title: 'trust: github-actions',
    description: 'GitHub Actions runs of one repository: at least one of branches, environments, pullRequests: true or allRefs: true.',
  });

const viaName = z
  .string({ error: fix('expected the name of the role to create in the cluster account', 'write a role name, e.g. via: spark-driver-pod-identity', 'IAM001') })
  .regex(/^[\w+=,.@-]{1,64}$/, fix('via is a role name: 1 to 64 letters, digits and + = , . @ _ -', 'shorten or rename the role', 'IAM001'))
  .meta({
    description: 'The name of the role created in the cluster account for the association: 1 to 64 letters, digits and + = , . @ _ -.',
    examples: ['spark-driver-pod-identity'],
  });

/** An eks-pod-identity entry's `via`, written as a name or as an object, as the object. */
export function viaRole(
  via: string | { readonly name: string; readonly path?: string; readonly permissionsBoundary?: string; readonly tags?: Readonly<Record<string, string>> },
) {
  return typeof via === 'string' ? { name: via } : via;
}

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
    namespace: k8sNamespace,
    serviceAccount: k8sServiceAccount,
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

export const webIdentitySchema = z
  .strictObject({
    type: z.literal('web-identity').meta({ description: 'web-identity: any OIDC issuers, each with its own subjects.' }),
    ...oidcTrustFields,
    /** One statement per issuer, each with its own subjects; `aud` is always pinned with StringEquals. */
    issuers: z
      .array(
        z
          .strictObject({
            issuer: z.string().meta({ description: 'The spec issuer.', examples: ['partner-idp'] }),
            /** Exact subjects use StringEquals; a subject with `*` or `?` is a pattern and uses StringLike. */
            subjects: z
              .array(z.string().min(1).max(255))
              .min(1, fix('an issuer needs at least one subject', 'list the `sub` values allowed to assume the role'))
              .optional()
              .meta({
                description:
                  'The sub values allowed to assume the role, at least one: exact subjects use StringEquals, a subject with * or ? is a pattern and uses StringLike. Required unless anySubject: true.',
                examples: [['system:serviceaccount:jobs:runner']],
              }),
            /**
             * Instead of `subjects`: no `sub` condition, so every workload the issuer
             * serves can assume the role. Only for trust imported as it was: TRUST003
             * (and TRUST001 without `aud`) stop synth until a suppression says why.
             */
            anySubject: z
              .literal(true, { error: fix('anySubject is true or absent', 'remove anySubject and list the subjects') })
              .optional()
              .meta({
                description:
                  'true instead of subjects: no sub condition, every workload the issuer serves can assume the role (TRUST003; for trust imported as it was). Never implied: without it, subjects are required.',
              }),
            /** @default true */
            pinAudience: z.literal(false).optional().meta({
              description:
                'false: no aud condition for this issuer, any audience it mints is accepted (TRUST002; for imported roles only). By default aud is pinned.',
            }),
          })
          .refine((e) => (e.subjects === undefined) !== (e.anySubject === undefined), {
            error: fix(
              'an issuer needs its subjects (or, for trust imported as it was, anySubject: true instead)',
              'list the `sub` values allowed to assume the role',
            ),
            path: ['subjects'],
          }),
      )
      .min(1, fix('a web-identity trust needs at least one issuer', 'list the issuers with their subjects'))
      .meta({ description: 'One statement per issuer, each with its own subjects; aud is always pinned with StringEquals.' }),
    tokenFile: tokenFileField,
    sessionName: sessionNameField,
  })
  .meta({ title: 'trust: web-identity', description: 'Any OIDC issuers, each with its subjects (one statement per issuer).' });

export const iamUserSchema = z
  .strictObject({
    type: z
      .literal('iam-user')
      .meta({ description: 'iam-user: the discouraged access-key fallback (long-lived keys), refused unless options.allowIamUserAccessKeys: true.' }),
    ...trustFields,
    /** The IAM user created in the role's account, whose access key may assume only this role. */
    user: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, fix('an IAM user name has 1 to 64 characters of letters, digits and + = , . @ _ -', 'rename the user'))
      .meta({
        description: "The IAM user created in the role's account, whose access key may assume only this role: 1 to 64 letters, digits and + = , . @ _ -.",
        examples: ['legacy-etl'],
      }),
    /** A base64 PGP public key or `keybase:<name>`: the secret is then only output encrypted. */
    pgpKey: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A base64 PGP public key or keybase:<name>: the secret is then only output encrypted.', examples: ['keybase:alice'] }),
    airflowConnection: airflowConnectionField,
  })
  .meta({
    title: 'trust: iam-user',
    description: 'An IAM user with an access key that may assume only this role; needs options.allowIamUserAccessKeys: true.',
  });

export const optionsSchema = z
  .strictObject({
    /** Plain modules as Terraform JSON (`.tf.json`, the default) or HCL (`.tf`). `MODULES_FORMAT` overrides it. */
    moduleFormat: z
      .enum(['json', 'hcl'])
      .default('json')
      .meta({ description: 'Plain modules as Terraform JSON (json, .tf.json) or HCL (hcl, .tf). MODULES_FORMAT overrides it.' }),
    /** Allow the `iam-user` trust: long-lived access keys. Off by default. */
    allowIamUserAccessKeys: z.boolean().default(false).meta({ description: 'true: allow the iam-user trust (long-lived access keys). Off by default.' }),
    /** The hashicorp/aws versions the modules and stacks accept, a Terraform version constraint. @default ">= 5.100, < 7.0" */
    awsProviderVersion: awsProviderVersionField.optional().meta({
      description:
        'The hashicorp/aws versions the modules and stacks accept: a Terraform version constraint that admits some version from 5.100.0 up to, not including, 7.0.0.',
      default: DEFAULT_AWS_PROVIDER_VERSION,
      examples: ['~> 6.0'],
    }),
  })
  .default({ moduleFormat: 'json', allowIamUserAccessKeys: false })
  .meta({ description: 'Spec-wide options: the module format, the iam-user opt-in and the AWS provider versions.' });

export type SpecOptions = z.output<typeof optionsSchema>;
