/**
 * The spec: one description of accounts, identity issuers and the roles their
 * workloads assume. The YAML file and the TypeScript API share this schema, so
 * `SpecInput` is exactly what a YAML file may contain.
 *
 * Messages follow the form `what is wrong | fix: what to write instead`; the
 * loader splits them into the two halves of a {@link Problem}.
 */
import { z } from 'zod';
import { airflowConnectionField, deploymentField, eksPodIdentitySchema, githubActionsSchema, iamUserSchema, optionsSchema, sessionNameField, tokenFileField, webIdentitySchema } from './presets';

const fix = (message: string, howToFix: string) => `${message} | fix: ${howToFix}`;

/** AWS limits, spelled out where they are enforced. */
export const LIMITS = {
  /** IAM role names: 1-64 characters of `[\w+=,.@-]`. */
  roleName: 64,
  /** IAM paths: up to 512 characters, `/` or `/segment/.../`. */
  path: 512,
  /** Role max session duration, in seconds. */
  minSession: 3600,
  maxSession: 43200,
  /** OIDC provider thumbprints: at most 5, each 40 hex characters. */
  thumbprints: 5,
  /** OIDC provider client ids: at most 100, each up to 255 characters. */
  clientIds: 100,
  clientIdLength: 255,
} as const;

export const ACCOUNT_ID = /^\d{12}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

const accountId = z
  .union([z.string(), z.number()], { error: fix('expected a 12-digit AWS account id', 'write it as a quoted string, e.g. id: "111111111111"') })
  .transform((v) => String(v))
  .pipe(
    z
      .string()
      .regex(
        ACCOUNT_ID,
        fix('an AWS account id is exactly 12 digits', 'write the 12-digit id as a quoted string, e.g. id: "011111111111" (unquoted numbers lose leading zeros)'),
      ),
  );

const identifier = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as a string`, `write the ${what} as text`) })
    .regex(NAME, fix(`a ${what} starts with a letter and has at most 64 letters, digits, "-" or "_"`, `rename it, e.g. "data-lake"`));

const roleName = z
  .string({ error: fix('expected a role name', 'write the IAM role name as text') })
  .regex(ROLE_NAME, fix(`an IAM role name has 1 to ${LIMITS.roleName} characters of letters, digits and + = , . @ _ -`, 'shorten or rename the role'));

const iamPath = z
  .string()
  .max(LIMITS.path, fix(`an IAM path has at most ${LIMITS.path} characters`, 'shorten the path'))
  .regex(/^\/([\x21-\x7e]+\/)?$/, fix('an IAM path starts and ends with "/"', 'write it like "/" or "/data-platform/"'))
  .refine((p) => !p.includes('//'), fix('an IAM path has no empty segment', 'remove the doubled "/"'));

const tags = z.record(
  z.string().min(1).max(128),
  z.string().max(256, fix('a tag value has at most 256 characters', 'shorten the tag value')),
);

/** A role or policy named by name (resolved in the role's own account) or by full ARN (used as is). */
const policyRef = z.string().min(1, fix('empty policy reference', 'write a policy name or a full policy ARN'));

const statement = z.strictObject({
  sid: z.string().regex(/^[A-Za-z0-9]*$/, fix('a Sid has only letters and digits', 'remove other characters from the sid')).optional(),
  effect: z.enum(['Allow', 'Deny']).default('Allow'),
  actions: z.array(z.string().min(1)).min(1, fix('a statement needs at least one action', 'list the actions, e.g. ["s3:GetObject"]')),
  resources: z.array(z.string().min(1)).min(1, fix('a statement needs at least one resource', 'list the resources, e.g. ["arn:aws:s3:::my-bucket/*"]')),
  conditions: z
    .array(
      z.strictObject({
        test: z.string().min(1),
        variable: z.string().min(1),
        values: z.array(z.string()).min(1),
      }),
    )
    .default([]),
});

const inlinePolicy = z.strictObject({
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/, fix('an inline policy name has 1 to 128 characters of letters, digits and + = , . @ _ -', 'rename the policy')),
  statements: z.array(statement).min(1, fix('an inline policy needs at least one statement', 'add a statement or remove the policy')),
});

const dataPlatformProject = z
  .strictObject({
    type: z.literal('data-platform-project'),
    /** The issuer (cluster) whose service-account tokens are trusted. */
    issuer: z.string(),
    /** The data platform's project name; `_` becomes `.` in the service-account name. */
    project: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/, fix('a project name has lower-case letters, digits, "-", "_" and "."', 'use the project name exactly as the data platform shows it')),
    /** The environment whose jobs may assume the role. */
    environment: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
        fix('an environment is a Kubernetes namespace name (lower-case letters, digits, "-") without wildcards', 'name one environment, or set `allEnvironments: true` to allow every environment'),
      )
      .optional(),
    /** Explicitly allow every environment (the documented `*`). */
    allEnvironments: z.literal(true).optional(),
  })
  .refine((t) => (t.environment === undefined) !== (t.allEnvironments === undefined), {
    error: fix('give exactly one of `environment` and `allEnvironments: true`', 'name the environment (e.g. environment: dev), or allow all environments explicitly with allEnvironments: true'),
  });

const kubernetesServiceAccount = z.strictObject({
  type: z.literal('kubernetes-service-account'),
  issuer: z.string(),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, fix('a namespace is a DNS label without wildcards', 'name the one namespace whose service account may assume the role')),
  serviceAccount: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/,
      fix('a service-account name is a DNS subdomain without wildcards', 'name the one service account that may assume the role'),
    ),
  deployment: deploymentField,
});

const googleServiceAccount = z.strictObject({
  type: z.literal('google-service-account'),
  /** The service account's numeric unique id (`gcloud iam service-accounts describe --format='value(uniqueId)'`). */
  uniqueId: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(/^\d{10,30}$/, fix('a Google service account unique id is a string of digits', 'quote the uniqueId printed by gcloud, e.g. "112233445566778899000"'))),
  /** Also require `accounts.google.com:sub` to equal the unique id. */
  requireSubject: z.boolean().default(false),
  tokenFile: tokenFileField,
  sessionName: sessionNameField,
});

const awsRole = z.strictObject({
  type: z.literal('aws-role'),
  /** A role name (in `account`, or else in the trusting role's own account) or a full role ARN. */
  role: z.string().min(1),
  /** The spec account the named role lives in. Only with a role name. */
  account: z.string().optional(),
  airflowConnection: airflowConnectionField,
});

const awsService = z.strictObject({
  type: z.literal('aws-service'),
  service: z
    .string()
    .regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, fix('a service principal looks like "s3.amazonaws.com"', 'write the service principal of the AWS service')),
});

const trustTypes = [
  dataPlatformProject,
  kubernetesServiceAccount,
  googleServiceAccount,
  awsRole,
  awsService,
  githubActionsSchema,
  eksPodIdentitySchema,
  webIdentitySchema,
  iamUserSchema,
] as const;

export const trustSchema = z.discriminatedUnion('type', trustTypes, {
  error: fix('unknown trust type', `use one of: ${trustTypes.map((t) => t.shape.type.value).join(', ')}`),
});

const role = z.strictObject({
  name: roleName,
  description: z.string().max(1000).optional(),
  path: iamPath.default('/'),
  maxSessionDuration: z
    .number()
    .int()
    .min(LIMITS.minSession, fix(`max session duration is at least ${LIMITS.minSession} seconds`, 'use a value from 3600 to 43200'))
    .max(LIMITS.maxSession, fix(`max session duration is at most ${LIMITS.maxSession} seconds`, 'use a value from 3600 to 43200'))
    .optional(),
  permissionsBoundary: policyRef.optional(),
  managedPolicies: z.array(policyRef).default([]),
  inlinePolicies: z.array(inlinePolicy).default([]),
  tags: tags.default({}),
  trust: z.array(trustSchema).min(1, fix('a role needs at least one trust entry', 'say who may assume the role under trust')),
});

const account = z.strictObject({
  name: identifier('account name'),
  id: accountId,
  region: z.string().regex(REGION, fix('not an AWS region name', 'write a region such as eu-west-1')),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).default('aws'),
  /** A role the AWS provider assumes to deploy this account's stack. */
  deployRole: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, fix('deployRole must be a role ARN', 'write the full ARN, e.g. arn:aws:iam::111111111111:role/terraform'))
    .optional(),
  /** Per issuer: create its IAM OIDC provider here, or reference the one that already exists. */
  oidcProviders: z.record(z.string(), z.enum(['create', 'existing'], { error: fix('expected create or existing', 'write `create` to add the provider in this account, or `existing` if it is already there') })).default({}),
  roles: z.array(role).default([]),
});

const issuer = z
  .strictObject({
    /** The issuer URL, e.g. an EKS cluster's `https://oidc.eks.<region>.amazonaws.com/id/<ID>`. */
    url: z
      .string()
      .regex(/^https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~%/-]*)?$/, fix('an issuer URL starts with https:// and has no port, query or fragment', 'copy the issuer URL, e.g. from `aws eks describe-cluster --query cluster.identity.oidc.issuer`'))
      .refine((u) => !u.endsWith('/'), fix('an issuer URL has no trailing "/"', 'remove the trailing "/"')),
    /** Audiences (client ids) registered with the provider. */
    clientIds: z
      .array(z.string().min(1).max(LIMITS.clientIdLength, fix(`a client id has at most ${LIMITS.clientIdLength} characters`, 'shorten the client id')))
      .min(1)
      .max(LIMITS.clientIds, fix(`a provider has at most ${LIMITS.clientIds} client ids`, 'remove client ids'))
      .default(['sts.amazonaws.com']),
    /** Server certificate thumbprints; optional for providers AWS verifies itself. */
    thumbprints: z
      .array(z.string().regex(/^[0-9a-fA-F]{40}$/, fix('a thumbprint is 40 hex characters', 'copy the SHA-1 thumbprint of the issuer certificate')))
      .max(LIMITS.thumbprints, fix(`a provider has at most ${LIMITS.thumbprints} thumbprints`, 'keep at most 5 thumbprints'))
      .default([]),
    /** The `aud` every trust on this issuer requires; one of clientIds. */
    audience: z.string().optional(),
    /** The spec account the issuer's cluster runs in (data platform `aws_role` values are role names there). */
    account: z.string().optional(),
  })
  .refine((i) => i.audience === undefined || i.clientIds.includes(i.audience), {
    error: fix('audience is not one of clientIds', 'add the audience to clientIds or pick one of them'),
    path: ['audience'],
  });

export const specSchema = z.strictObject({
  version: z.literal(1, { error: fix('unsupported spec version', 'write version: 1') }).default(1),
  issuers: z.record(identifier('issuer name'), issuer).default({}),
  accounts: z.array(account).min(1, fix('the spec declares no account', 'add at least one account under accounts')),
  options: optionsSchema,
});

/** What a spec file or `defineSpec` call may contain. */
export type SpecInput = z.input<typeof specSchema>;
/** A spec after validation and defaults. */
export type Spec = z.output<typeof specSchema>;
export type AccountSpec = Spec['accounts'][number];
export type RoleSpec = AccountSpec['roles'][number];
export type TrustSpec = z.output<typeof trustSchema>;
export type IssuerSpec = Spec['issuers'][string];
export type StatementSpec = RoleSpec['inlinePolicies'][number]['statements'][number];
