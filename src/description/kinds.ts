/**
 * Every Terraform type an account description may hold, with what is specific
 * to it: where the AWS provider bindings keep its construct class (for the
 * `AccountStack` of either engine, src/constructs/) and the nested blocks of
 * its body (for the HCL renderer). The renderers read this table and know no
 * type by name; see account.ts for how to add a kind.
 *
 * Nothing here loads a binding: an engine's entry point (src/constructs/cdktf.ts,
 * src/constructs/cdktn.ts) loads `<its bindings package>/<module>` on demand, so
 * the direct synth never loads cdktf, cdktn or the bindings. A test checks that
 * every entry loads in each engine's bindings and synthesizes its type.
 */

/** Where a binding keeps a type's class: `require('<bindings package>/' + module)[className]` (a deep path, never the package root). */
export interface Binding {
  readonly module: string;
  readonly className: string;
}

export interface Kind {
  /** The construct class of this type in the AWS provider bindings (`@cdktf/provider-aws`, `@cdktn/provider-aws`). */
  readonly binding: Binding;
  /**
   * Dotted paths of nested blocks in the body. Terraform JSON writes a block
   * and a list attribute the same way (an array); this tells HCL which is which.
   * @default [] (no nested blocks)
   */
  readonly blocks?: readonly string[];
}

const at = (module: string, className: string): Binding => ({ module: `lib/${module}`, className });

/** Resource types (`resource "<type>" "<id>"`). */
export const RESOURCE_KINDS: Readonly<Record<string, Kind>> = {
  aws_iam_openid_connect_provider: { binding: at('iam-openid-connect-provider', 'IamOpenidConnectProvider') },
  aws_iam_role: { binding: at('iam-role', 'IamRole'), blocks: ['inline_policy'] },
  aws_iam_role_policy: { binding: at('iam-role-policy', 'IamRolePolicy') },
  aws_iam_policy: { binding: at('iam-policy', 'IamPolicy') },
  aws_iam_role_policy_attachment: { binding: at('iam-role-policy-attachment', 'IamRolePolicyAttachment') },
  aws_iam_user: { binding: at('iam-user', 'IamUser') },
  aws_iam_user_policy: { binding: at('iam-user-policy', 'IamUserPolicy') },
  aws_iam_access_key: { binding: at('iam-access-key', 'IamAccessKey') },
  // target_role_arn and disable_session_tags are AWS provider 6.2.0 (#42979); the account then requires it (model/provider-range.ts).
  aws_eks_pod_identity_association: { binding: at('eks-pod-identity-association', 'EksPodIdentityAssociation') },
  // The organization's guardrails, in its management account (description/guardrails.ts).
  aws_organizations_policy: { binding: at('organizations-policy', 'OrganizationsPolicy') },
  aws_organizations_policy_attachment: { binding: at('organizations-policy-attachment', 'OrganizationsPolicyAttachment') },
};

/** Data source types (`data "<type>" "<id>"`). */
export const DATA_KINDS: Readonly<Record<string, Kind>> = {
  aws_iam_policy_document: {
    binding: at('data-aws-iam-policy-document', 'DataAwsIamPolicyDocument'),
    blocks: ['statement', 'statement.principals', 'statement.not_principals', 'statement.condition'],
  },
};

/** Provider configurations (`provider "<name>"`). */
export const PROVIDER_KINDS: Readonly<Record<string, Kind>> = {
  aws: { binding: at('provider', 'AwsProvider'), blocks: ['assume_role'] },
};

/**
 * Backends (`terraform { backend "<type>" }`), as the engine's own classes (`cdktf.LocalBackend`,
 * `cdktn.S3Backend`); the config is the Terraform JSON body. Its keys are written as given, so
 * `use_lockfile`, which S3Backend's props lack, passes too.
 */
export const BACKEND_KINDS: Readonly<Record<string, { readonly className: string }>> = {
  local: { className: 'LocalBackend' },
  s3: { className: 'S3Backend' },
};

/** The entry for a resource or data source type; throws for a type that is not listed. */
export function kindOf(mode: 'resource' | 'data', type: string): Kind {
  const kind = (mode === 'data' ? DATA_KINDS : RESOURCE_KINDS)[type];
  if (!kind) throw new Error(`${mode} type ${type} is not in src/description/kinds.ts: add it there`);
  return kind;
}
