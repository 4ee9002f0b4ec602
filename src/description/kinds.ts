/**
 * Every Terraform type an account description may hold, with what is specific
 * to it: the AWS provider's construct class (for {@link AccountStack}) and
 * the nested blocks of its body (for the HCL renderer). The renderers read
 * this table and know no type by name; see account.ts for how to add a kind.
 *
 * The classes are loaded on demand (a `require` inside a function, and
 * `@cdktf/*` stays outside the app bundle): the direct synth never loads cdktf
 * or the provider bindings. A test checks that every entry loads and that its
 * class synthesizes the type it is listed under.
 */
import type { Construct } from 'constructs';

/** A provider construct class, as cdktf generates them: `new Class(scope, id, config)`. */
export type ProviderClass = new (scope: Construct, id: string, config: never) => Construct;

export interface Kind {
  /** Loads the AWS provider's construct class for this type (deep import, never the package root). */
  readonly construct: () => ProviderClass;
  /**
   * Dotted paths of nested blocks in the body. Terraform JSON writes a block
   * and a list attribute the same way (an array); this tells HCL which is which.
   * @default [] (no nested blocks)
   */
  readonly blocks?: readonly string[];
  /**
   * Attributes of a newer AWS provider that the construct class (generated from
   * 5.100.0) lacks. {@link AccountStack} writes them through a subclass of the
   * class; the other renderers write every attribute alike.
   * @default [] (the class knows every attribute the description writes)
   */
  readonly unbound?: readonly string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** Resource types (`resource "<type>" "<id>"`). */
export const RESOURCE_KINDS: Readonly<Record<string, Kind>> = {
  aws_iam_openid_connect_provider: { construct: () => require('@cdktf/provider-aws/lib/iam-openid-connect-provider').IamOpenidConnectProvider },
  aws_iam_role: { construct: () => require('@cdktf/provider-aws/lib/iam-role').IamRole, blocks: ['inline_policy'] },
  aws_iam_role_policy: { construct: () => require('@cdktf/provider-aws/lib/iam-role-policy').IamRolePolicy },
  aws_iam_policy: { construct: () => require('@cdktf/provider-aws/lib/iam-policy').IamPolicy },
  aws_iam_role_policy_attachment: { construct: () => require('@cdktf/provider-aws/lib/iam-role-policy-attachment').IamRolePolicyAttachment },
  aws_iam_user: { construct: () => require('@cdktf/provider-aws/lib/iam-user').IamUser },
  aws_iam_user_policy: { construct: () => require('@cdktf/provider-aws/lib/iam-user-policy').IamUserPolicy },
  aws_iam_access_key: { construct: () => require('@cdktf/provider-aws/lib/iam-access-key').IamAccessKey },
  aws_eks_pod_identity_association: {
    construct: () => require('@cdktf/provider-aws/lib/eks-pod-identity-association').EksPodIdentityAssociation,
    // AWS provider 6.2.0 (#42979); the account then requires it (see model/resolve.ts).
    unbound: ['target_role_arn', 'disable_session_tags'],
  },
};

/** Data source types (`data "<type>" "<id>"`). */
export const DATA_KINDS: Readonly<Record<string, Kind>> = {
  aws_iam_policy_document: {
    construct: () => require('@cdktf/provider-aws/lib/data-aws-iam-policy-document').DataAwsIamPolicyDocument,
    blocks: ['statement', 'statement.principals', 'statement.not_principals', 'statement.condition'],
  },
};

/** Provider configurations (`provider "<name>"`). */
export const PROVIDER_KINDS: Readonly<Record<string, Kind>> = {
  aws: { construct: () => require('@cdktf/provider-aws/lib/provider').AwsProvider, blocks: ['assume_role'] },
};

/** A cdktf backend class: `new Class(scope, config)`. */
export type BackendClass = new (scope: Construct, config: never) => Construct;

/** Backends (`terraform { backend "<type>" }`), as cdktf's own classes; the config is the Terraform JSON body. */
export const BACKEND_KINDS: Readonly<Record<string, { readonly construct: () => BackendClass }>> = {
  local: { construct: () => require('cdktf').LocalBackend },
  // Its config is the snake_case body (cdktf writes the keys as given), so use_lockfile, which its props lack, passes too.
  s3: { construct: () => require('cdktf').S3Backend },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The entry for a resource or data source type; throws for a type that is not listed. */
export function kindOf(mode: 'resource' | 'data', type: string): Kind {
  const kind = (mode === 'data' ? DATA_KINDS : RESOURCE_KINDS)[type];
  if (!kind) throw new Error(`${mode} type ${type} is not in src/description/kinds.ts: add it there`);
  return kind;
}
