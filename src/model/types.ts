/**
 * The resolved model: every reference looked up, every ARN built, every policy
 * document written. The cdktf constructs and the access tools read only this.
 */
import type { PolicyDocument } from '../policy/document';
import type { SpecOptions } from '../input/sections/options';
import type { IssuerSpec } from '../input/schema';
import type { TrustSpec } from '../input/trust-types';
import type { CiTrustType } from '../input/trust-types/ci-presets';
import type { IamPolicy, IamStatement } from '../policy/document';
import type { GuardrailName } from '../input/sections/organization';

export interface Model {
  /** The spec file this model came from, for messages. */
  readonly file: string;
  readonly issuers: Readonly<Record<string, IssuerSpec>>;
  readonly accounts: readonly AccountModel[];
  /** The spec's options, so that nothing after the resolver reads the spec itself. */
  readonly options: SpecOptions;
  /** The spec's organization and its guardrails (resource control policies), when it has an `organization` block. */
  readonly organization?: OrganizationModel;
}

export interface AccountModel {
  readonly name: string;
  readonly id: string;
  readonly region: string;
  readonly partition: string;
  readonly deployRole?: string;
  readonly oidcProviders: readonly OidcProviderModel[];
  readonly roles: readonly RoleModel[];
  /** Identity policies that let roles here assume roles in other accounts. */
  readonly grants: readonly GrantModel[];
  /** Accounts whose resources must exist before this account's (trusted roles, in spec order). */
  readonly dependsOn: readonly string[];
  /** IAM quotas of this account (raised ones from the spec, else the defaults). */
  readonly limits: AccountLimits;
  /** Lint findings accepted for every role of this account. */
  readonly suppressions: readonly Suppression[];
  /** The hashicorp/aws version constraint of the account's stack and module (`options.awsProviderVersion`, else the default). */
  readonly awsProviderVersion: string;
  /** Where the account's stack keeps its state; undefined for the local backend. Modules never get one. */
  readonly backend?: S3BackendModel;
  /** Customer-managed policies defined in this account (`aws_iam_policy`). */
  readonly policies: readonly ManagedPolicyModel[];
  /** The organization's guardrails, on its management account only: the resource control policies it creates and attaches. */
  readonly guardrails?: OrganizationModel;
}

/** A customer-managed policy the spec defines, once per account. */
export interface ManagedPolicyModel {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly document: PolicyDocument;
  /** tfId of the `aws_iam_policy`. */
  readonly tfId: string;
  /** tfId of its `aws_iam_policy_document`. */
  readonly docTfId: string;
}

export interface AccountLimits {
  /** Non-whitespace characters of a trust policy (IAM004). */
  readonly trustPolicySize: number;
  /** Managed policies attached to one role (IAM005). */
  readonly managedPoliciesPerRole: number;
}

/** A lint finding accepted in the spec, with the written reason. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

export interface OidcProviderModel {
  readonly issuer: string;
  readonly url: string;
  /** The condition-key prefix: the URL without `https://`. */
  readonly host: string;
  readonly arn: string;
  readonly mode: 'create' | 'existing';
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  /** The `aud` value trusts require. */
  readonly audience: string;
  readonly tfId: string;
  /** It already exists and is taken over by an `import` block (`mode` is then `create`). */
  readonly adopt?: boolean;
}

export interface RoleModel {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundary?: string;
  /** Attached managed policies; `policyTfId` when the policy is one the spec defines in this account. */
  readonly managedPolicyArns: readonly { readonly arn: string; readonly tfId: string; readonly policyTfId?: string }[];
  readonly inlinePolicies: readonly { readonly name: string; readonly document: PolicyDocument; readonly tfId: string }[];
  readonly tags: Readonly<Record<string, string>>;
  readonly trustPolicy: PolicyDocument;
  /** Each trust entry of the spec, resolved: who is meant to assume the role. */
  readonly trust: readonly ResolvedTrust[];
  readonly tfId: string;
  /** tfId of the trust policy's `aws_iam_policy_document`. */
  readonly trustTfId: string;
  /** tfIds of OIDC providers created in this account that the trust names. */
  readonly dependsOnProviders: readonly string[];
  /** tfIds of roles in this account that the trust names. */
  readonly dependsOnRoles: readonly string[];
  /** Accounts holding spec roles that this role trusts. */
  readonly dependsOnAccounts: readonly string[];
  /** Lint findings accepted for this role. */
  readonly suppressions: readonly Suppression[];
  /** It already exists and is taken over by an `import` block. */
  readonly adopt?: boolean;
  /** Airflow runs as this role: the roles of other accounts it may assume get Airflow connections. */
  readonly airflow?: boolean;
  /**
   * A role the spec does not declare: created for the trust entry at this field
   * path (an eks-pod-identity entry's `via`). Findings on it point there.
   */
  readonly origin?: readonly (string | number)[];
}

/** One trust entry with its references resolved. */
export type ResolvedTrust =
  | { readonly spec: Extract<TrustSpec, { type: 'data-platform-project' }>; readonly provider: OidcProviderModel; readonly subject: string }
  | { readonly spec: Extract<TrustSpec, { type: 'kubernetes-service-account' }>; readonly provider: OidcProviderModel; readonly subject: string }
  | { readonly spec: Extract<TrustSpec, { type: 'google-service-account' }> }
  | { readonly spec: Extract<TrustSpec, { type: 'aws-role' }>; readonly roleArn: string; readonly account?: string }
  | { readonly spec: Extract<TrustSpec, { type: 'aws-service' }> }
  | { readonly spec: Extract<TrustSpec, { type: 'aws-account' }>; readonly rootArn: string }
  | { readonly spec: Extract<TrustSpec, { type: 'github-actions' }>; readonly provider: OidcProviderModel; readonly subjects: readonly string[] }
  | PodIdentityResolvedTrust
  | { readonly spec: Extract<TrustSpec, { type: 'web-identity' }>; readonly providers: readonly OidcProviderModel[] }
  | { readonly spec: Extract<TrustSpec, { type: 'iam-user' }>; readonly userArn: string }
  | { readonly spec: Extract<TrustSpec, { type: 'aws-organization' }> }
  | CiResolvedTrust;

/**
 * An eks-pod-identity entry, resolved. With `sourceRoleArn` (the entry names a
 * `clusterAccount`) the caller is the association's role in that account,
 * which EKS uses to assume this role; with `targetRoleArn` (an association's
 * own role) EKS chains from this role into that one.
 */
export interface PodIdentityResolvedTrust {
  readonly spec: Extract<TrustSpec, { type: 'eks-pod-identity' }>;
  readonly clusterArn: string;
  /** The role the association in the cluster account uses (this entry's `via`). */
  readonly sourceRoleArn?: string;
  /** With session tags off: the `sts:ExternalId` EKS sends when it assumes the target role. */
  readonly externalId?: string;
  /** The role the association chains into (`target_role_arn`). */
  readonly targetRoleArn?: string;
}

/** The CI and workload issuer presets: their trust types, one per record of `input/trust-types/ci-presets.ts`. */
export type { CiTrustType };

/** A CI preset's trust entry, resolved: its provider, the `sub` values (patterns with `*`) and the `aud` it pins. */
export interface CiResolvedTrust {
  readonly spec: Extract<TrustSpec, { type: CiTrustType }>;
  readonly provider: OidcProviderModel;
  readonly subjects: readonly string[];
  readonly audience: string;
}

export interface GrantModel {
  /** The role that receives the identity policy (managed here or not). */
  readonly roleName: string;
  /** tfId of the role when this spec manages it. */
  readonly roleTfId?: string;
  /** The caller is not managed by the spec: nothing writes this grant; the module README gives it as a statement to add by hand. */
  readonly byHand?: true;
  /** Exactly the role ARNs it may assume, sorted (those the caller's own inline policies do not already allow). */
  readonly targets: readonly string[];
  readonly document: PolicyDocument;
  readonly tfId: string;
}

export const GOOGLE_ISSUER = 'accounts.google.com';

// The organization's guardrails (model/guardrails.ts derives them).

/** One issuer's tenant fence, from every entry that names it. */
export type IssuerTenant =
  | {
      readonly host: string;
      readonly issuer: string;
      readonly kind: 'claims';
      readonly claims: readonly { readonly claim: string; readonly values: readonly string[] }[];
    }
  | { readonly host: string; readonly issuer: string; readonly kind: 'issuer' }
  | { readonly host: string; readonly issuer: string; readonly kind: 'unknown'; readonly why: string };

/** A principal outside the organization that the spec trusts. */
export interface ThirdParty {
  readonly account: string;
  /** The external ids it must send; empty when some entry trusts it without one. */
  readonly externalIds: readonly string[];
}

/** One statement of a guardrail, with the fence it belongs to. */
export interface GuardrailStatement {
  readonly fence: GuardrailName;
  readonly statement: IamStatement & { readonly Sid: string };
}

export interface GuardrailPolicy {
  /** The policy name in AWS Organizations. */
  readonly name: string;
  readonly tfId: string;
  readonly document: IamPolicy;
  /** The document as written: minified JSON. Its length is what the 5,120-character limit counts. */
  readonly content: string;
}

export interface OrganizationModel {
  readonly id: string;
  /** The spec account the policies are created in. */
  readonly managementAccount: string;
  /** Roots and OUs every policy is attached to. */
  readonly targets: readonly string[];
  readonly guardrails: readonly GuardrailName[];
  /** Each OIDC issuer the spec trusts, with its tenant fence. */
  readonly issuers: readonly IssuerTenant[];
  readonly thirdParties: readonly ThirdParty[];
  /** Other organizations the spec trusts (aws-organization entries). */
  readonly otherOrganizations: readonly string[];
  /** Source accounts and organizations outside this one that the spec's aws-service entries name. */
  readonly serviceSources: { readonly accounts: readonly string[]; readonly organizations: readonly string[] };
  readonly statements: readonly GuardrailStatement[];
  readonly policies: readonly GuardrailPolicy[];
}

/** An account's remote state, with the defaults applied. */
export interface S3BackendModel {
  readonly bucket: string;
  /** `<keyPrefix>/<account>.tfstate`. */
  readonly key: string;
  readonly region: string;
  readonly encrypt: boolean;
  readonly useLockfile: boolean;
  readonly roleArn?: string;
  readonly endpoint?: string;
  readonly usePathStyle?: boolean;
}
