/**
 * An account's stack as Terraform JSON, rendered straight from the model: the
 * same document (`cdk.tf.json`) that cdktf synthesizes from an
 * {@link AccountStack}, without building the construct tree or resolving
 * tokens. `synthesize()` uses this; a test keeps it byte-identical with the
 * constructs. Change both together.
 */
import { IdentifierScope } from '../model/arn';
import { podIdentityAssociations } from '../model/pod-identity';
import type { AccountModel, RoleModel } from '../model/types';
import { CROSS_ACCOUNT_DEPENDENCIES, GRANT_POLICY_NAME, IAM_USER_KEYS_OUTPUT, IAM_USER_POLICY_NAME, TAGS_VARIABLE } from '../names';
import { toIamPolicy } from '../policy/document';
import { OFFLINE_PROVIDER_SETTINGS } from '../terraform/offline';
import { mergeTags, ref } from './expressions';
import { policyDocumentBody } from './policy-document';
import { pushTo } from '../group-by';

export interface RenderVersions {
  /** The cdktf version stamped in the metadata. */
  readonly cdktf: string;
  /** The AWS provider version the provider bindings were generated from. */
  readonly awsProvider: string;
}

export interface RenderOptions {
  readonly versions: RenderVersions;
  /** Offline dry-run stacks, as `AccountStackOptions.offline`. */
  readonly offline?: boolean;
}

type Block = Record<string, unknown>;
type Instances = Record<string, Block>;

const ROLE = 'aws_iam_role';
const DOC = 'aws_iam_policy_document';
const OIDC = 'aws_iam_openid_connect_provider';

/** cdktf's per-element metadata: the construct path and the logical id. */
const element = (path: string, uniqueId: string, body: Block): Block => ({ '//': { metadata: { path, uniqueId } }, ...body });

export function renderAccountStack(account: AccountModel, options: RenderOptions): Record<string, unknown> {
  const { versions, offline } = options;
  const stack = account.name;
  const data: Instances = {};
  const resources: Record<string, Instances> = {};
  const add = (type: string, id: string, body: Block) => {
    (resources[type] ??= {})[id] = body;
  };

  const variables: Instances = {
    [TAGS_VARIABLE]: { type: 'map(string)', default: {}, description: 'Tags added to every role, over the tags the spec gives.' },
  };
  const crossAccount: string[] = [];
  if (account.dependsOn.length > 0) {
    variables[CROSS_ACCOUNT_DEPENDENCIES] = {
      type: 'any',
      default: [],
      description: `Pass the role_arns outputs of the modules for ${account.dependsOn.join(', ')}: roles here trust roles there, and IAM requires those to exist first.`,
    };
    crossAccount.push(`var.${CROSS_ACCOUNT_DEPENDENCIES}`);
  }

  for (const p of account.oidcProviders) {
    if (p.mode !== 'create') continue;
    add(
      OIDC,
      p.tfId,
      element(`${stack}/oidc-${p.tfId}`, p.tfId, {
        url: p.url,
        client_id_list: [...p.clientIds],
        thumbprint_list: p.thumbprints.length > 0 ? [...p.thumbprints] : undefined,
      }),
    );
  }

  // IAM users of the access-key fallback, in AccountStack's order (their ids are claimed in it).
  const userIds = new IdentifierScope();
  const usersOf = new Map<string, string[]>();
  const keys: [string, Record<string, string>][] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      if (t.spec.type !== 'iam-user') continue;
      const { user, pgpKey } = t.spec;
      const tfId = userIds.claim(user);
      const scope = `${stack}/iam-user-${tfId}`;
      const userName = ref(`aws_iam_user.${tfId}`, 'name');
      const policy = toIamPolicy({ statements: [{ sid: 'AssumeOneRole', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [role.arn] }] });
      add('aws_iam_user', tfId, element(`${scope}/user`, tfId, { name: user, tags: mergeTags({}, `var.${TAGS_VARIABLE}`) }));
      add('aws_iam_user_policy', tfId, element(`${scope}/policy`, tfId, { name: IAM_USER_POLICY_NAME, user: userName, policy: JSON.stringify(policy) }));
      add('aws_iam_access_key', tfId, element(`${scope}/key`, tfId, { user: userName, pgp_key: pgpKey }));
      const key = `aws_iam_access_key.${tfId}`;
      keys.push([
        user,
        pgpKey !== undefined
          ? { access_key_id: ref(key, 'id'), encrypted_secret_access_key: ref(key, 'encrypted_secret'), key_fingerprint: ref(key, 'key_fingerprint') }
          : { access_key_id: ref(key, 'id'), secret_access_key: ref(key, 'secret') },
      ]);
      pushTo(usersOf, role.tfId, `aws_iam_user.${tfId}`);
    }
  }

  for (const role of account.roles) {
    const scope = `${stack}/role-${role.tfId}`;
    data[role.trustTfId] = element(`${scope}/doc-${role.trustTfId}`, role.trustTfId, policyDocumentBody(role.trustPolicy));
    const dependsOn = [
      ...role.dependsOnProviders.map((id) => `${OIDC}.${id}`),
      ...role.dependsOnRoles.map((id) => `${ROLE}.${id}`),
      ...(role.dependsOnAccounts.length > 0 ? crossAccount : []),
      ...(usersOf.get(role.tfId) ?? []),
    ];
    add(ROLE, role.tfId, element(`${scope}/iam-role-${role.tfId}`, role.tfId, roleBody(role, dependsOn)));
    const roleName = ref(`${ROLE}.${role.tfId}`, 'name');
    for (const policy of role.managedPolicyArns) {
      add('aws_iam_role_policy_attachment', policy.tfId, element(`${scope}/attach-${policy.tfId}`, policy.tfId, { role: roleName, policy_arn: policy.arn }));
    }
    for (const policy of role.inlinePolicies) {
      data[policy.tfId] = element(`${scope}/doc-${policy.tfId}`, policy.tfId, policyDocumentBody(policy.document));
      add(
        'aws_iam_role_policy',
        policy.tfId,
        element(`${scope}/inline-${policy.tfId}`, policy.tfId, { name: policy.name, role: roleName, policy: ref(`data.${DOC}.${policy.tfId}`, 'json') }),
      );
    }
  }

  for (const a of podIdentityAssociations(account)) {
    add(
      'aws_eks_pod_identity_association',
      a.tfId,
      element(`${stack}/pod-identity-${a.tfId}`, a.tfId, { cluster_name: a.cluster, namespace: a.namespace, service_account: a.serviceAccount, role_arn: ref(`${ROLE}.${a.roleTfId}`, 'arn') }),
    );
  }

  for (const grant of account.grants) {
    data[grant.tfId] = element(`${stack}/doc-${grant.tfId}`, grant.tfId, policyDocumentBody(grant.document));
    add(
      'aws_iam_role_policy',
      grant.tfId,
      element(`${stack}/grant-${grant.tfId}`, grant.tfId, {
        name: GRANT_POLICY_NAME,
        role: grant.roleTfId ? ref(`${ROLE}.${grant.roleTfId}`, 'name') : grant.roleName,
        policy: ref(`data.${DOC}.${grant.tfId}`, 'json'),
      }),
    );
  }

  const output: Instances = {
    role_arns: {
      description: 'ARN of each role, by role name.',
      value: Object.fromEntries(account.roles.map((r) => [r.name, ref(`${ROLE}.${r.tfId}`, 'arn')])),
    },
    oidc_provider_arns: {
      description: 'ARN of each OIDC provider the roles trust (created here or existing), by issuer name.',
      value: Object.fromEntries(account.oidcProviders.map((p) => [p.issuer, p.arn])),
    },
  };
  if (keys.length > 0) {
    output[IAM_USER_KEYS_OUTPUT] = {
      description: 'Access keys of the IAM-user fallback, by user name (the secret only PGP-encrypted when the spec gives pgpKey).',
      sensitive: true,
      value: Object.fromEntries(keys),
    };
  }
  const outputNames = Object.fromEntries(Object.keys(output).map((name) => [name, name]));

  const out: Record<string, unknown> = {
    '//': {
      metadata: { backend: 'local', stackName: stack, version: versions.cdktf },
      outputs: { [stack]: outputNames },
    },
    terraform: {
      backend: { local: { path: `../../../terraform.${stack}${offline ? '.offline-dry-run' : ''}.tfstate` } },
      required_providers: { aws: { source: 'aws', version: versions.awsProvider } },
    },
    provider: { aws: [providerBody(account, offline)] },
    variable: variables,
    output,
  };
  if (Object.keys(data).length > 0) out.data = { [DOC]: data };
  if (Object.keys(resources).length > 0) out.resource = resources;
  return out;
}

function providerBody(account: AccountModel, offline: boolean | undefined): Block {
  if (offline) {
    const o = OFFLINE_PROVIDER_SETTINGS;
    return {
      region: account.region,
      access_key: o.access_key,
      secret_key: o.secret_key,
      skip_credentials_validation: o.skip_credentials_validation,
      skip_requesting_account_id: o.skip_requesting_account_id,
      skip_metadata_api_check: String(o.skip_metadata_api_check),
    };
  }
  return {
    region: account.region,
    allowed_account_ids: [account.id],
    assume_role: account.deployRole ? [{ role_arn: account.deployRole }] : undefined,
  };
}

function roleBody(role: RoleModel, dependsOn: string[]): Block {
  return {
    name: role.name,
    path: role.path === '/' ? undefined : role.path,
    description: role.description,
    max_session_duration: role.maxSessionDuration,
    permissions_boundary: role.permissionsBoundary,
    assume_role_policy: ref(`data.${DOC}.${role.trustTfId}`, 'json'),
    tags: mergeTags(role.tags, `var.${TAGS_VARIABLE}`),
    depends_on: dependsOn.length > 0 ? dependsOn : undefined,
  };
}
