/**
 * The spec: one description of accounts, identity issuers and the roles their
 * workloads assume. The YAML file and the TypeScript API share this schema, so
 * `SpecInput` is exactly what a YAML file may contain.
 *
 * Every message carries its fix (and rule id) as data: static messages through
 * `fix()`, messages that name the value read through `issue()` (`fields.ts`).
 * Id-like values use `idString`, tags `tagsField`; the loader refuses control
 * characters and unquoted numbers that YAML does not read back as written, in
 * every field.
 */
import { z } from 'zod';
import { quoteValue, withArticle } from '../errors';
import { accountBackendSchema, backendIssues, backendSchema } from './backend';
import { awsOrganizationSchema, oidcTrustFields, trustFields } from './trust-controls';
import { CI_PRESET_SCHEMAS } from './ci-preset-records';
import { fix, IAM_DESCRIPTION, iamPath, iamText, idString, issue, policyRef, REGION, roleArnField, tagsField } from './fields';
import { LIMITS } from './limits';
import { organizationSchema } from './organization';
import {
  airflowConnectionField,
  deploymentField,
  eksPodIdentitySchema,
  githubActionsSchema,
  iamUserSchema,
  optionsSchema,
  sessionNameField,
  tokenFileField,
  webIdentitySchema,
} from './presets';

export { LIMITS };

export const ACCOUNT_ID = /^\d{12}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** A rule id as the lint pack and the limits name them: TRUST001, IAM004, ... */
export const RULE_ID = /^[A-Z]{3,5}\d{3}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const accountId = idString({
  what: 'AWS account id',
  pattern: ACCOUNT_ID,
  form: 'exactly 12 digits',
  key: 'id',
  example: '011111111111',
  source: 'the id as the console or `aws sts get-caller-identity` shows it, leading zeros included',
});

const identifier = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as a string`, `write the ${what} as text`) })
    .regex(NAME, fix(`${withArticle(what)} starts with a letter and has at most 64 letters, digits, "-" or "_"`, `rename it, e.g. "data-lake"`));

const quote = (v: string) => quoteValue(v, 40);

/** IAM001: 1-64 characters of `[\w+=,.@-]`. */
const roleName = z.string({ error: fix('expected a role name', 'write the IAM role name as text', 'IAM001') }).superRefine((name, ctx) => {
  if (name.length === 0) issue(ctx, 'the role name is empty', 'write the IAM role name', 'IAM001');
  if (name.length > LIMITS.roleName) {
    issue(
      ctx,
      `the role name has ${name.length} characters; IAM allows at most ${LIMITS.roleName}`,
      `shorten the role name to ${LIMITS.roleName} characters or fewer`,
      'IAM001',
    );
  }
  const bad = [...new Set(name.replace(/[\w+=,.@-]/g, ''))];
  if (bad.length > 0) {
    issue(
      ctx,
      `the role name has characters IAM does not allow: ${bad.map((c) => JSON.stringify(c)).join(' ')}`,
      'use only letters, digits and + = , . @ _ -',
      'IAM001',
    );
  }
});

/** IAM009: `https://host/path`, no port, query or fragment, at most 255 characters. */
const issuerUrl = z
  .string({ error: fix('expected the issuer URL as text', 'write the URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE', 'IAM009') })
  .superRefine((url, ctx) => {
    const copy = 'copy the issuer URL exactly, e.g. from `aws eks describe-cluster --query cluster.identity.oidc.issuer`';
    if (!url.startsWith('https://')) {
      issue(ctx, `the issuer URL ${quote(url)} does not start with https://`, 'IAM accepts only https issuers: write https://host/path', 'IAM009');
      return;
    }
    const rest = url.slice('https://'.length);
    const authority = rest.split(/[/?#]/)[0];
    if (/:/.test(authority))
      issue(
        ctx,
        `the issuer URL has a port (${quote(authority.slice(authority.indexOf(':')))})`,
        'remove the port: IAM OIDC providers are reached on port 443',
        'IAM009',
      );
    if (url.includes('?')) issue(ctx, 'the issuer URL has a query ("?...")', 'remove everything from "?" on', 'IAM009');
    if (url.includes('#')) issue(ctx, 'the issuer URL has a fragment ("#...")', 'remove everything from "#" on', 'IAM009');
    if (url.length > LIMITS.issuerUrl) issue(ctx, `the issuer URL has ${url.length} characters; IAM allows at most ${LIMITS.issuerUrl}`, copy, 'IAM009');
    if (/[:?#]/.test(rest)) return;
    if (url.endsWith('/')) issue(ctx, 'an issuer URL has no trailing "/"', 'remove the trailing "/"', 'IAM009');
    else if (!/^https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~%/-]*)?$/.test(url)) {
      issue(ctx, 'the issuer URL has characters that are not allowed (host in lower case; path of letters, digits and . _ ~ % / -)', copy, 'IAM009');
    }
  });

/**
 * Accepting a finding of the lint pack: the rule id and a written reason (at
 * least 10 characters, as in cdk-nag). The finding still shows, marked suppressed.
 */
const suppression = z.strictObject({
  rule: z
    .string({ error: fix('a suppression names the rule it accepts', 'write the rule id, e.g. rule: TRUST005') })
    .regex(RULE_ID, fix('not a rule id', 'write the id shown with the finding, e.g. TRUST005'))
    .meta({ description: 'The id of the lint rule whose finding is accepted, as shown with the finding (docs/rules.md).', examples: ['TRUST005'] }),
  reason: z
    .string({
      error: fix(
        'a suppression needs a written reason',
        'say why the finding is acceptable here, e.g. reason: "vendor role; the vendor cannot send an ExternalId"',
      ),
    })
    .trim()
    .min(10, fix('a suppression reason has at least 10 characters', 'say why the finding is acceptable here, in a sentence'))
    .meta({
      description: 'Why the finding is acceptable here: a sentence of at least 10 characters.',
      examples: ['vendor role; the vendor cannot send an ExternalId'],
    }),
});
const suppressions = z
  .array(suppression)
  .default([])
  .meta({ description: 'Lint findings accepted here, each with its rule id and a written reason; the finding still shows, marked suppressed.' });

const statement = z.strictObject({
  sid: z
    .string()
    .regex(/^[A-Za-z0-9]*$/, fix('a Sid has only letters and digits', 'remove other characters from the sid'))
    .optional()
    .meta({ description: "The statement's Sid: letters and digits only.", examples: ['ReadRawData'] }),
  effect: z.enum(['Allow', 'Deny']).default('Allow').meta({ description: 'Allow or Deny.' }),
  actions: z
    .array(z.string().min(1))
    .min(1, fix('a statement needs at least one action', 'list the actions, e.g. ["s3:GetObject"]'))
    .meta({ description: 'IAM actions, at least one; written to AWS as typed.', examples: [['s3:GetObject']] }),
  resources: z
    .array(z.string().min(1))
    .min(1, fix('a statement needs at least one resource', 'list the resources, e.g. ["arn:aws:s3:::my-bucket/*"]'))
    .meta({
      description: 'Resource ARNs, at least one; `${aws:username}` and other policy variables reach IAM as typed.',
      examples: [['arn:aws:s3:::my-bucket/*']],
    }),
  conditions: z
    .array(
      z.strictObject({
        test: z
          .string()
          .min(1)
          .meta({ description: 'The condition operator.', examples: ['StringEquals'] }),
        variable: z
          .string()
          .min(1)
          .meta({ description: 'The condition key.', examples: ['aws:PrincipalTag/team'] }),
        values: z
          .array(z.string())
          .min(1)
          .meta({ description: 'The values, at least one; IAM reads a list as OR.', examples: [['data-platform']] }),
      }),
    )
    .default([])
    .meta({ description: "The statement's conditions, each an operator, a key and values; one condition per operator and key." }),
});

const inlinePolicy = z.strictObject({
  name: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, fix('an inline policy name has 1 to 128 characters of letters, digits and + = , . @ _ -', 'rename the policy'))
    .meta({ description: 'The inline policy name: 1 to 128 letters, digits and + = , . @ _ -.', examples: ['read-raw-data'] }),
  statements: z
    .array(statement)
    .min(1, fix('an inline policy needs at least one statement', 'add a statement or remove the policy'))
    .meta({ description: "The policy's statements, at least one." }),
});

/** A customer-managed policy (`aws_iam_policy`), defined once per account; roles attach it by name in managedPolicies. */
const managedPolicy = z.strictObject({
  name: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, fix('a policy name has 1 to 128 characters of letters, digits and + = , . @ _ -', 'rename the policy'))
    .meta({
      description: 'The policy name (1 to 128 letters, digits and + = , . @ _ -); roles of the account attach it with managedPolicies: [<name>].',
      examples: ['data-reader'],
    }),
  path: iamPath.default('/').meta({ description: 'The policy\'s IAM path (IAM003): "/" or "/segment/.../".', examples: ['/data-platform/'] }),
  description: iamText('description', IAM_DESCRIPTION, 1000, 'letters, digits, spaces and the printable characters of Latin-1')
    .optional()
    .meta({ description: "The policy's description: at most 1000 letters, digits, spaces and printable Latin-1 characters." }),
  statements: z
    .array(statement)
    .min(1, fix('a policy needs at least one statement', 'add a statement or remove the policy'))
    .meta({ description: "The policy's statements, at least one." }),
});

const dataPlatformProject = z
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

const kubernetesServiceAccount = z
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

const googleServiceAccount = z
  .strictObject({
    type: z
      .literal('google-service-account')
      .meta({ description: 'google-service-account: a GCP service account, by its numeric unique id (accounts.google.com).' }),
    ...oidcTrustFields,
    /** The service account's numeric unique id (`gcloud iam service-accounts describe --format='value(uniqueId)'`). */
    uniqueId: idString({
      what: 'Google service account unique id',
      pattern: /^\d{10,30}$/,
      form: 'a string of 10 to 30 digits',
      key: 'uniqueId',
      example: '112233445566778899000',
      source: "gcloud iam service-accounts describe SA --format='value(uniqueId)'",
    }).meta({
      description: "The service account's numeric unique id (10 to 30 digits), quoted: `gcloud iam service-accounts describe SA --format='value(uniqueId)'`.",
      examples: ['112233445566778899000'],
    }),
    /** Also require `accounts.google.com:sub` to equal the unique id. */
    requireSubject: z.boolean().default(false).meta({ description: 'Also require accounts.google.com:sub to equal the unique id.' }),
    tokenFile: tokenFileField,
    sessionName: sessionNameField,
  })
  .meta({ title: 'trust: google-service-account', description: 'A GCP service account by its unique id (aud is the unique id).' });

// Its source is the published JSON Schema's `pattern`: without the "\/" that schema's bytes would change.
// eslint-disable-next-line no-useless-escape
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;

/** Required as `sts:ExternalId` (StringEquals), e.g. when a third party assumes the role. */
const externalIdField = z
  .string({ error: fix('expected the external id as text', 'quote the external id') })
  .regex(EXTERNAL_ID, fix('an external id has 2 to 1224 characters of letters, digits and + = , . @ : / _ -', 'use the external id the other party gave you'))
  .optional()
  .meta({
    description:
      'Required as sts:ExternalId (StringEquals), e.g. when a third party assumes the role: the external id the other party gave you, 2 to 1224 letters, digits and + = , . @ : / _ -.',
    examples: ['acme-7f3c2b'],
  });

const awsRole = z
  .strictObject({
    type: z
      .literal('aws-role')
      .meta({ description: 'aws-role: one IAM role, of a spec account (by name) or any account (by full ARN); externalId for third parties.' }),
    ...trustFields,
    /** A role name (in `account`, or else in the trusting role's own account) or a full role ARN. */
    role: z
      .string()
      .min(1)
      .meta({
        description: "A role name (in account, or else in the trusting role's own account) or a full role ARN.",
        examples: ['airflow-worker', 'arn:aws:iam::999999999999:role/vendor-reader'],
      }),
    /** The spec account the named role lives in. Only with a role name. */
    account: z
      .string()
      .optional()
      .meta({ description: 'The spec account the named role lives in. Only with a role name.', examples: ['data-platform'] }),
    /** Required as `sts:ExternalId` (StringEquals), e.g. when a third party assumes the role. */
    externalId: externalIdField,
    airflowConnection: airflowConnectionField,
  })
  .meta({
    title: 'trust: aws-role',
    description: 'An IAM role, by name or ARN; a role of another spec account also gets the inline policy allowing exactly this ARN.',
  });

/** Every principal of one AWS account that its own policies allow: the account root (TRUST014). Written by `import` for trust that exists. */
const awsAccount = z
  .strictObject({
    type: z.literal('aws-account').meta({
      description:
        'aws-account: every principal of one AWS account that its own policies allow (the account root, TRUST014); written by import for trust that exists.',
    }),
    ...trustFields,
    /** The 12-digit account id whose principals are trusted. */
    accountId: accountId.meta({ description: 'The 12-digit account id whose principals are trusted, quoted.', examples: ['333333333333'] }),
    /** Required as `sts:ExternalId` (StringEquals). */
    externalId: externalIdField,
  })
  .meta({ title: 'trust: aws-account', description: 'A whole AWS account (its root), as import writes it for trust that exists.' });

const awsService = z
  .strictObject({
    type: z.literal('aws-service').meta({ description: 'aws-service: an AWS service principal.' }),
    ...trustFields,
    /** The service may tag the session: `sts:TagSession` beside `sts:AssumeRole`, as EKS Pod Identity (`pods.eks.amazonaws.com`) does. */
    sessionTags: z
      .boolean({ error: fix('sessionTags is true or false', 'write sessionTags: true, or remove it') })
      .optional()
      .meta({
        description:
          'true: the service may tag the session (sts:TagSession beside sts:AssumeRole); only for EKS Pod Identity (pods.eks.amazonaws.com). import writes it for a Pod Identity role whose associations are outside the spec. Off by default.',
      }),
    service: z
      .string()
      .regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, fix('a service principal looks like "s3.amazonaws.com"', 'write the service principal of the AWS service'))
      .meta({ description: 'The service principal of the AWS service.', examples: ['lambda.amazonaws.com'] }),
  })
  .refine((t) => t.sessionTags !== true || t.service === 'pods.eks.amazonaws.com', {
    error: fix('sessionTags on a service trust is for EKS Pod Identity (pods.eks.amazonaws.com) only', 'remove sessionTags'),
    path: ['sessionTags'],
  })
  .meta({ title: 'trust: aws-service', description: 'An AWS service principal, e.g. lambda.amazonaws.com.' });

const trustTypes = [
  dataPlatformProject,
  kubernetesServiceAccount,
  googleServiceAccount,
  awsRole,
  awsService,
  awsAccount,
  githubActionsSchema,
  eksPodIdentitySchema,
  webIdentitySchema,
  iamUserSchema,
  ...CI_PRESET_SCHEMAS,
  awsOrganizationSchema,
] as const;

export const trustSchema = z.discriminatedUnion('type', trustTypes, {
  error: fix('unknown trust type', `use one of: ${trustTypes.map((t) => t.shape.type.value).join(', ')}`),
});

/** Prepended to role names: the IAM name is `<namePrefix><name>`; references in the spec keep the short name. */
const namePrefix = z
  .string({ error: fix('expected the name prefix as text', 'write the prefix, e.g. namePrefix: "team-a-"') })
  .regex(/^[\w+=,.@-]{1,32}$/, fix('a name prefix has 1 to 32 letters, digits and + = , . @ _ -', 'shorten or rename the prefix', 'IAM001'))
  .optional()
  .meta({
    description:
      "Prepended to role names: the IAM name is <namePrefix><name>, references in the spec keep the short name. On an account, for every role of it; on a role, instead of the account's. 1 to 32 letters, digits and + = , . @ _ -.",
    examples: ['team-a-'],
  });

const role = z.strictObject({
  name: roleName.meta({
    description: 'The IAM role name (IAM001): 1 to 64 letters, digits and + = , . @ _ -, unique in the account; the namePrefix, if any, is prepended.',
    examples: ['dataflow-s3-reader'],
  }),
  /** Overrides the account's namePrefix for this role. */
  namePrefix,
  description: iamText('description', IAM_DESCRIPTION, 1000, 'letters, digits, spaces and the printable characters of Latin-1')
    .optional()
    .meta({
      description: "The role's description: at most 1000 letters, digits, spaces and printable Latin-1 characters.",
      examples: ['Reads the raw zone for Dataflow'],
    }),
  path: iamPath
    .default('/')
    .meta({ description: 'The role\'s IAM path (IAM003): "/" or "/segment/.../"; part of the role\'s ARN.', examples: ['/data-platform/'] }),
  /** IAM006: 3600 (1 hour) to 43200 (12 hours) seconds. */
  maxSessionDuration: z
    .number({ error: fix('expected the max session duration as a number of seconds', 'write a whole number from 3600 to 43200', 'IAM006') })
    .int(fix('max session duration is a whole number of seconds', 'write a whole number from 3600 to 43200', 'IAM006'))
    .min(LIMITS.minSession, fix(`max session duration is below ${LIMITS.minSession} seconds`, 'use a value from 3600 (1 hour) to 43200 (12 hours)', 'IAM006'))
    .max(LIMITS.maxSession, fix(`max session duration is above ${LIMITS.maxSession} seconds`, 'use a value from 3600 (1 hour) to 43200 (12 hours)', 'IAM006'))
    .optional()
    .meta({
      description: 'The longest session, in seconds (IAM006): 3600 (1 hour) to 43200 (12 hours); IAM uses 3600 when it is not given.',
      examples: [3600],
    }),
  permissionsBoundary: policyRef.optional().meta({
    description: "The role's permissions boundary: a policy name of the role's account or a full policy ARN.",
    examples: ['arn:aws:iam::111111111111:policy/boundary'],
  }),
  managedPolicies: z
    .array(policyRef)
    .default([])
    .meta({
      description:
        "Managed policies attached to the role: AWS managed policies by ARN, the account's own policies by name (IAM005: 10 per role unless limits raise it).",
      examples: [['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']],
    }),
  inlinePolicies: z.array(inlinePolicy).default([]).meta({ description: 'Inline policies of the role, each a name and statements.' }),
  tags: tagsField
    .default({})
    .meta({ description: 'IAM tags of the role, key: value (at most 50; no key starting with "aws:").', examples: [{ team: 'data-platform' }] }),
  trust: z
    .array(trustSchema)
    .min(1, fix('a role needs at least one trust entry', 'say who may assume the role under trust'))
    .meta({
      description: `Who may assume the role, at least one entry. Each entry is one kind of caller, chosen by type: ${trustTypes.map((t) => t.shape.type.value).join(', ')}.`,
    }),
  /** Lint findings accepted for this role, each with a reason. */
  suppressions,
  /** The role already exists: Terraform takes it over with an `import` block instead of creating it. Remove once applied. */
  adopt: z
    .boolean()
    .optional()
    .meta({ description: 'true: the role already exists; Terraform takes it over with an import block instead of creating it. Remove once applied.' }),
  /** Airflow runs as this role: each role of another spec account that trusts it (`aws-role`) gets an Airflow connection (docs/workloads.md). */
  airflow: z
    .boolean({ error: fix('airflow marks the role Airflow runs as: true or false', 'write airflow: true on the role Airflow runs as') })
    .optional()
    .meta({
      description:
        'true: Airflow runs as this role; each role of another spec account that trusts it (aws-role) gets an Airflow connection. Without it, only entries that name an airflowConnection get one.',
    }),
});

/** Raised IAM quotas of one account. */
const accountLimits = z.strictObject({
  /** IAM004: the trust policy size quota, 2048 by default; AWS raises it up to 8192 on request. */
  trustPolicySize: z
    .number({ error: fix('expected a number of characters', `write a whole number from ${LIMITS.trustPolicySize} to ${LIMITS.maxTrustPolicySize}`, 'IAM004') })
    .int(
      fix(
        'the trust policy size is a whole number of characters',
        `write a whole number from ${LIMITS.trustPolicySize} to ${LIMITS.maxTrustPolicySize}`,
        'IAM004',
      ),
    )
    .min(
      LIMITS.trustPolicySize,
      fix(`the trust policy size quota is at least ${LIMITS.trustPolicySize}`, 'remove the setting to use the default quota', 'IAM004'),
    )
    .max(
      LIMITS.maxTrustPolicySize,
      fix(
        `IAM raises the trust policy size quota to at most ${LIMITS.maxTrustPolicySize}`,
        `write at most ${LIMITS.maxTrustPolicySize}, and split the trust across roles beyond that`,
        'IAM004',
      ),
    )
    .default(LIMITS.trustPolicySize)
    .meta({
      description: `The trust policy size quota in characters (IAM004): ${LIMITS.trustPolicySize} by default; AWS raises it up to ${LIMITS.maxTrustPolicySize} on request.`,
      examples: [4096],
    }),
  /** IAM005: managed policies per role, 10 by default; AWS raises it up to 20 on request. */
  managedPoliciesPerRole: z
    .number({
      error: fix(
        'expected a number of policies',
        `write a whole number from ${LIMITS.managedPoliciesPerRole} to ${LIMITS.maxManagedPoliciesPerRole}`,
        'IAM005',
      ),
    })
    .int(
      fix(
        'the managed policy quota is a whole number',
        `write a whole number from ${LIMITS.managedPoliciesPerRole} to ${LIMITS.maxManagedPoliciesPerRole}`,
        'IAM005',
      ),
    )
    .min(
      LIMITS.managedPoliciesPerRole,
      fix(`the managed policy quota is at least ${LIMITS.managedPoliciesPerRole}`, 'remove the setting to use the default quota', 'IAM005'),
    )
    .max(
      LIMITS.maxManagedPoliciesPerRole,
      fix(
        `IAM raises the managed policies per role quota to at most ${LIMITS.maxManagedPoliciesPerRole}`,
        `write at most ${LIMITS.maxManagedPoliciesPerRole}, and merge policies beyond that`,
        'IAM005',
      ),
    )
    .default(LIMITS.managedPoliciesPerRole)
    .meta({
      description: `Managed policies per role (IAM005): ${LIMITS.managedPoliciesPerRole} by default; AWS raises it up to ${LIMITS.maxManagedPoliciesPerRole} on request.`,
      examples: [20],
    }),
});

const account = z.strictObject({
  name: identifier('account name').meta({
    description:
      'The account name: a letter, then at most 63 letters, digits, "-" or "_". It becomes the stack name and modules/<name>; trust entries and issuers refer to it.',
    examples: ['data-platform'],
  }),
  /** Prepended to the IAM name of every role of the account, unless a role sets its own. */
  namePrefix,
  id: accountId.meta({ description: 'The 12-digit AWS account id, quoted: unquoted numbers lose leading zeros.', examples: ['111111111111'] }),
  region: z
    .string()
    .regex(REGION, fix('not an AWS region name', 'write a region such as eu-west-1'))
    .meta({ description: "The account's AWS region (of its partition).", examples: ['eu-west-1'] }),
  partition: z
    .enum(['aws', 'aws-cn', 'aws-us-gov'])
    .default('aws')
    .meta({ description: "The account's partition: aws, aws-cn or aws-us-gov; ARNs of another partition are refused." }),
  /** A role the AWS provider assumes to deploy this account's stack. */
  deployRole: roleArnField('deployRole', 'arn:aws:iam::111111111111:role/terraform')
    .optional()
    .meta({
      description: "A role the AWS provider assumes to deploy this account's stack: a full role ARN of the account's partition.",
      examples: ['arn:aws:iam::111111111111:role/terraform'],
    }),
  /** Per issuer: create its IAM OIDC provider here, or reference the one that already exists. */
  oidcProviders: z
    .record(
      z.string(),
      z.union(
        [
          z.enum(['create', 'existing']),
          /** A provider that already exists and that Terraform takes over (an `import` block) instead of creating. */
          z.strictObject({
            adopt: z
              .literal(true)
              .meta({ description: 'true: the provider already exists and Terraform takes it over (an import block) instead of creating it.' }),
          }),
        ],
        {
          error: fix(
            'expected create, existing or { adopt: true }',
            'write `create` to add the provider in this account, `existing` if it is already there, or `{ adopt: true }` to take the existing one over',
          ),
        },
      ),
    )
    .default({})
    .meta({
      description:
        'Per issuer name, its IAM OIDC provider in this account: create (add it here), existing (it is already there; referenced) or { adopt: true } (take the existing one over).',
      examples: [{ 'data-platform-cluster': 'create' }],
    }),
  roles: z.array(role).default([]).meta({ description: 'The IAM roles of the account, each with who may assume it (trust) and what it may do.' }),
  /** Customer-managed policies of the account, attached to its roles by name (managedPolicies: [<name>]). */
  policies: z
    .array(managedPolicy)
    .default([])
    .meta({ description: 'Customer-managed policies of the account, defined once and attached to its roles by name (managedPolicies: [<name>]).' }),
  /** Raised IAM quotas of this account. */
  limits: accountLimits
    .default({ trustPolicySize: LIMITS.trustPolicySize, managedPoliciesPerRole: LIMITS.managedPoliciesPerRole })
    .meta({ description: 'Raised IAM quotas of this account; the lint pack checks sizes and counts against them.' }),
  /** Lint findings accepted for every role of this account, each with a reason. */
  suppressions,
  /** This account's remote state: fields merged over the spec's `backend`. */
  backend: accountBackendSchema.optional().meta({ description: "This account's remote state: any field of the spec's backend.s3, merged over it." }),
});

const issuer = z
  .strictObject({
    /** The issuer URL, e.g. an EKS cluster's `https://oidc.eks.<region>.amazonaws.com/id/<ID>`. */
    url: issuerUrl.meta({
      description: 'The issuer URL (IAM009): https://host/path, no port, query, fragment or trailing "/", at most 255 characters.',
      examples: ['https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E', 'https://token.actions.githubusercontent.com'],
    }),
    /** IAM008: 1-100 audiences (client ids) registered with the provider, each up to 255 characters. */
    clientIds: z
      .array(
        z
          .string({ error: fix('expected a client id as text', 'quote the client id', 'IAM008') })
          .min(1, fix('a client id is empty', 'remove the empty entry', 'IAM008'))
          .max(
            LIMITS.clientIdLength,
            fix(`a client id has at most ${LIMITS.clientIdLength} characters`, 'use the client id (audience) exactly as the issuer registers it', 'IAM008'),
          ),
        { error: fix('expected a list of client ids', 'write clientIds: [sts.amazonaws.com]', 'IAM008') },
      )
      .min(1, fix('a provider needs at least one client id', 'write clientIds: [sts.amazonaws.com], or remove clientIds for that default', 'IAM008'))
      .max(
        LIMITS.clientIds,
        fix(`a provider has at most ${LIMITS.clientIds} client ids`, 'remove client ids, or split the audiences over two issuers', 'IAM008'),
      )
      .default(['sts.amazonaws.com'])
      .meta({
        description: 'The audiences (client ids) registered with the OIDC provider (IAM008): 1 to 100, each up to 255 characters.',
        examples: [['sts.amazonaws.com']],
      }),
    /** IAM007: at most 5 server certificate thumbprints of 40 hex characters; optional for providers AWS verifies itself. */
    thumbprints: z
      .array(
        z
          .string({ error: fix('expected a thumbprint as text', 'quote the thumbprint', 'IAM007') })
          .regex(/^[0-9a-fA-F]{40}$/, fix('a thumbprint is 40 hex characters', 'copy the SHA-1 thumbprint of the issuer certificate', 'IAM007')),
        { error: fix('expected a list of thumbprints', 'write thumbprints: [<40 hex characters>]', 'IAM007') },
      )
      .max(LIMITS.thumbprints, fix(`a provider has at most ${LIMITS.thumbprints} thumbprints`, 'keep at most 5 thumbprints', 'IAM007'))
      .default([])
      .meta({
        description:
          "SHA-1 thumbprints of the issuer's server certificate (IAM007): at most 5, 40 hex characters each; optional for providers AWS verifies itself.",
      }),
    /** The `aud` every trust on this issuer requires; one of clientIds. */
    audience: z
      .string()
      .optional()
      .meta({
        description:
          'The aud every trust on this issuer requires; one of clientIds. Default: sts.amazonaws.com when clientIds has it, else the first client id.',
        examples: ['sts.amazonaws.com'],
      }),
    /** The spec account the issuer's cluster runs in (data platform `aws_role` values are role names there). */
    account: z
      .string()
      .optional()
      .meta({
        description: "The spec account the issuer's cluster runs in (data platform aws_role values are role names there).",
        examples: ['data-platform'],
      }),
    /** The EKS cluster's name, when this issuer is an EKS cluster's: its IRSA ServiceAccounts share `kubernetes/<cluster>.yaml` with its Pod Identity ones. @default the issuer's name */
    cluster: z
      .string({ error: fix('expected the EKS cluster name as text', 'write the cluster name as `aws eks list-clusters` shows it') })
      .regex(
        /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
        fix('an EKS cluster name has 1 to 100 letters, digits, "-" and "_"', 'write the cluster name as `aws eks list-clusters` shows it'),
      )
      .optional()
      .meta({
        description:
          "The EKS cluster's name (as aws eks list-clusters shows it), when this issuer is an EKS cluster's: its IRSA ServiceAccounts share kubernetes/<cluster>.yaml with its Pod Identity ones. Default: the issuer's name.",
        examples: ['core'],
      }),
  })
  .refine((i) => i.audience === undefined || i.clientIds.includes(i.audience), {
    error: fix('audience is not one of clientIds', 'add the audience to clientIds or pick one of them'),
    path: ['audience'],
  });

export const specSchema = z
  .strictObject({
    version: z
      .literal(1, { error: fix('unsupported spec version', 'write version: 1') })
      .default(1)
      .meta({ description: 'The spec format version: 1.' }),
    issuers: z.record(identifier('issuer name'), issuer).default({}).meta({
      description:
        'OIDC issuers by name (a letter, then at most 63 letters, digits, "-" or "_"): EKS clusters, CI vendors, any OIDC provider. Accounts create or reference their IAM OIDC provider under oidcProviders.',
    }),
    accounts: z
      .array(account)
      .min(1, fix('the spec declares no account', 'add at least one account under accounts'))
      .meta({ description: 'The AWS accounts, at least one; each becomes one cdktf stack and one module under modules/<name>.' }),
    options: optionsSchema,
    /** Remote state of every account stack (S3); none means the local backend. */
    backend: backendSchema.optional().meta({ description: 'Remote state of every account stack (S3); none means the local backend.' }),
    /** The AWS organization and its guardrails (resource control policies derived from the spec). */
    organization: organizationSchema.optional(),
  })
  .superRefine(backendIssues);

/** What a spec file or `defineSpec` call may contain. */
export type SpecInput = z.input<typeof specSchema>;
/** A spec after validation and defaults. */
export type Spec = z.output<typeof specSchema>;
export type AccountSpec = Spec['accounts'][number];
export type RoleSpec = AccountSpec['roles'][number];
export type TrustSpec = z.output<typeof trustSchema>;
export type IssuerSpec = Spec['issuers'][string];
export type StatementSpec = RoleSpec['inlinePolicies'][number]['statements'][number];
