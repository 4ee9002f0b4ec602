import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable, Token, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { IdentifierScope } from '../model/arn';
import { podIdentityAssociations } from '../model/pod-identity';
import type { AccountModel } from '../model/types';
import { CROSS_ACCOUNT_DEPENDENCIES, GRANT_POLICY_NAME, IAM_USER_KEYS_OUTPUT, TAGS_VARIABLE } from '../names';
import { OFFLINE_PROVIDER_SETTINGS } from '../terraform/offline';
import { AccountRole } from './account-role';
import { IamUserKey } from './iam-user-key';
import { PolicyDocumentData } from './policy-document';
import { podIdentityAssociation } from './pod-identity';
import { pushTo } from '../group-by';

export interface AccountStackOptions {
  /**
   * Local dry runs (`OFFLINE_DRY_RUN=1`): dummy credentials and the provider's
   * skip flags, no `allowed_account_ids` (the provider cannot learn the account
   * offline), no deploy role, and a state file of its own. Never for deploys.
   */
  readonly offline?: boolean;
}

/**
 * One AWS account: its provider (pinned to the account id), the OIDC providers
 * created here, the roles and the grants. Deploy it with `cdktf deploy <name>`.
 */
export class AccountStack extends TerraformStack {
  readonly account: AccountModel;

  constructor(scope: Construct, account: AccountModel, options: AccountStackOptions = {}) {
    super(scope, account.name);
    this.account = account;

    // State beside the project, as cdktf does by default, but by a relative path so output is the same in every clone.
    new LocalBackend(this, { path: `../../../terraform.${account.name}${options.offline ? '.offline-dry-run' : ''}.tfstate` });
    if (options.offline) {
      const o = OFFLINE_PROVIDER_SETTINGS;
      new AwsProvider(this, 'aws', {
        region: account.region,
        accessKey: o.access_key,
        secretKey: o.secret_key,
        skipCredentialsValidation: o.skip_credentials_validation,
        skipRequestingAccountId: o.skip_requesting_account_id,
        skipMetadataApiCheck: String(o.skip_metadata_api_check),
      });
    } else {
      new AwsProvider(this, 'aws', {
        region: account.region,
        allowedAccountIds: [account.id],
        assumeRole: account.deployRole ? [{ roleArn: account.deployRole }] : undefined,
      });
    }

    const tags = new TerraformVariable(this, TAGS_VARIABLE, {
      type: 'map(string)',
      default: {},
      description: 'Tags added to every role, over the tags the spec gives.',
    });

    // IAM rejects a trust policy that names a role that does not exist yet. Stacks order themselves
    // with stack dependencies; a plain root passes the trusted modules' role_arns here instead of a
    // module-level depends_on, which would defer every policy document to apply time.
    const crossAccount: ITerraformDependable[] = [];
    if (account.dependsOn.length > 0) {
      crossAccount.push(
        new TerraformVariable(this, CROSS_ACCOUNT_DEPENDENCIES, {
          type: 'any',
          default: [],
          description: `Pass the role_arns outputs of the modules for ${account.dependsOn.join(', ')}: roles here trust roles there, and IAM requires those to exist first.`,
        }),
      );
    }

    const providers = new Map<string, ITerraformDependable>();
    for (const p of account.oidcProviders) {
      if (p.mode !== 'create') continue;
      const resource = new IamOpenidConnectProvider(this, `oidc-${p.tfId}`, {
        url: p.url,
        clientIdList: [...p.clientIds],
        thumbprintList: p.thumbprints.length > 0 ? [...p.thumbprints] : undefined,
      });
      resource.overrideLogicalId(p.tfId);
      providers.set(p.tfId, resource);
    }

    // IAM users of the access-key fallback: IAM checks that a trusted user exists, so they come before their roles.
    const userIds = new IdentifierScope();
    const users = new Map<string, IamUserKey[]>();
    for (const role of account.roles) {
      for (const t of role.trust) {
        if (t.spec.type !== 'iam-user') continue;
        const { user, pgpKey } = t.spec;
        const key = new IamUserKey(this, { user, pgpKey, tfId: userIds.claim(user), roleArn: role.arn, extraTags: Token.asStringMap(tags.value) });
        pushTo(users, role.tfId, key);
      }
    }

    const roles = new Map<string, AccountRole>();
    // Trusted roles first: a role's depends_on names roles created before it.
    for (const role of orderByDependencies(account)) {
      roles.set(
        role.tfId,
        new AccountRole(this, {
          role,
          extraTags: Token.asStringMap(tags.value),
          dependsOn: [
            ...role.dependsOnProviders.map((id) => providers.get(id)!),
            ...role.dependsOnRoles.map((id) => roles.get(id)!.resource),
            ...(role.dependsOnAccounts.length > 0 ? crossAccount : []),
            ...(users.get(role.tfId) ?? []).map((u) => u.user),
          ],
        }),
      );
    }

    for (const a of podIdentityAssociations(account)) {
      podIdentityAssociation(this, { ...a, roleArn: roles.get(a.roleTfId)!.resource.arn });
    }

    for (const grant of account.grants) {
      const doc = new PolicyDocumentData(this, grant.tfId, grant.document);
      new IamRolePolicy(this, `grant-${grant.tfId}`, {
        name: GRANT_POLICY_NAME,
        role: grant.roleTfId ? roles.get(grant.roleTfId)!.resource.name : grant.roleName,
        policy: doc.json,
      }).overrideLogicalId(grant.tfId);
    }

    new TerraformOutput(this, 'role_arns', {
      description: 'ARN of each role, by role name.',
      value: Object.fromEntries(account.roles.map((r) => [r.name, roles.get(r.tfId)!.resource.arn])),
    });
    new TerraformOutput(this, 'oidc_provider_arns', {
      description: 'ARN of each OIDC provider the roles trust (created here or existing), by issuer name.',
      value: Object.fromEntries(account.oidcProviders.map((p) => [p.issuer, p.arn])),
    });
    const keys = [...users.values()].flat();
    if (keys.length > 0) {
      new TerraformOutput(this, IAM_USER_KEYS_OUTPUT, {
        description: 'Access keys of the IAM-user fallback, by user name (the secret only PGP-encrypted when the spec gives pgpKey).',
        sensitive: true,
        value: Object.fromEntries(keys.map((k) => [k.userName, k.outputValue()])),
      });
    }
  }
}

function orderByDependencies(account: AccountModel) {
  const byId = new Map(account.roles.map((r) => [r.tfId, r]));
  const done = new Set<string>();
  const out: typeof account.roles[number][] = [];
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const dep of byId.get(id)!.dependsOnRoles) visit(dep);
    out.push(byId.get(id)!);
  };
  for (const r of account.roles) visit(r.tfId);
  return out;
}
