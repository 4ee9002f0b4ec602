/**
 * One account's Terraform, described once: the resources, data sources,
 * variables and outputs of the account, its AWS provider and its backend,
 * built from the resolved model. Three renderers read it and nothing else:
 *
 *  - `render/stack-json.ts`: the stack (`cdktf.out/stacks/<account>/cdk.tf.json`),
 *    with cdktf's metadata, the provider and the backend;
 *  - `modules/module-files.ts`: the plain module (`modules/<account>/`), JSON
 *    or HCL (`modules/hcl.ts`), without provider or backend;
 *  - `constructs/materialize.ts`: the same elements as the AWS provider
 *    bindings' constructs in a cdktf or cdktn stack (`AccountStack`), for
 *    `cdktf synth --hcl` and for users' apps.
 *
 * Bodies are shaped as the stack file holds them: snake_case attribute names,
 * nested blocks as arrays of objects, `depends_on` as addresses, absent
 * attributes `undefined`. Every string is a literal, as the spec gave it; the
 * tool's own expressions (references, `merge`) are {@link Expression}s. A
 * renderer writes a body through `terraformJson` (expressions.ts), which
 * escapes the literals, so Terraform never evaluates a value of the spec.
 *
 * ## How to add a kind
 *
 * A resource or data source of a type not yet emitted (say `aws_iam_policy`):
 *  1. add the type to `kinds.ts` (its provider class, and its nested blocks if
 *     it has any);
 *  2. emit it below with `add('resource', 'aws_iam_policy', id, path, body)`,
 *     where `path` is the construct path under the stack (`policy-<id>`) and
 *     `body` its Terraform JSON; reference it from others with
 *     {@link ref}`('aws_iam_policy.<id>', 'arn')`.
 * An attribute on an existing kind (tags on the OIDC provider) is a key in
 * its body. Adopting an existing object (a Terraform `import` block) is
 * `importId` on its element. Another backend is `backend` here plus its class
 * in `kinds.ts`. The renderers need no change for any of these.
 */
import { IdentifierScope } from '../model/arn';
import { podIdentityAssociations } from '../model/pod-identity';
import type { AccountModel, RoleModel } from '../model/types';
import { CROSS_ACCOUNT_DEPENDENCIES, GRANT_POLICY_NAME, IAM_USER_KEYS_OUTPUT, IAM_USER_POLICY_NAME, TAGS_VARIABLE } from '../names';
import { toIamPolicy, type PolicyDocument } from '../policy/document';
import { exactStatement } from '../policy/exact-conditions';
import { OFFLINE_PROVIDER_SETTINGS } from '../terraform/offline';
import { stackBackend } from './backend';
import { describeGuardrails } from './guardrails';
import { Expression, mergeTags, ref, templateLiteral, terraformJson } from './expressions';
import { pushTo } from '../group-by';

export type { AccountDescription, Body, Element, Output, Variable } from './types';
import type { AccountDescription, Body, Element, Output, Variable } from './types';

export interface DescribeOptions {
  /**
   * Local dry runs (`OFFLINE_DRY_RUN=1`): dummy credentials and the provider's
   * skip flags, no `allowed_account_ids` (the provider cannot learn the account
   * offline), no deploy role, and a state file of its own. Never for deploys.
   * @default false
   */
  readonly offline?: boolean;
}

const ROLE = 'aws_iam_role';
const DOC = 'aws_iam_policy_document';
const OIDC = 'aws_iam_openid_connect_provider';

/** The account's description: everything any renderer writes for it. */
export function describeAccount(account: AccountModel, options: DescribeOptions = {}): AccountDescription {
  const elements: Element[] = [];
  const add = (mode: Element['mode'], type: string, id: string, path: string, body: Body, importId?: string) => {
    elements.push({ mode, type, id, path, body, ...(importId !== undefined ? { importId } : {}) });
  };
  const policyDocument = (id: string, path: string, doc: PolicyDocument) => add('data', DOC, id, path, policyDocumentBody(doc));

  const variables: Record<string, Variable> = {
    [TAGS_VARIABLE]: { type: 'map(string)', default: {}, description: 'Tags added to every role (over the tags the spec gives), OIDC provider, Pod Identity association and IAM user.' },
  };
  // IAM rejects a trust policy that names a role that does not exist yet. Stacks order themselves
  // with stack dependencies; a plain root passes the trusted modules' role_arns here instead of a
  // module-level depends_on, which would defer every policy document to apply time.
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
    add('resource', OIDC, p.tfId, `oidc-${p.tfId}`, {
      url: p.url,
      client_id_list: [...p.clientIds],
      thumbprint_list: p.thumbprints.length > 0 ? [...p.thumbprints] : undefined,
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    }, p.adopt ? p.arn : undefined);
  }

  // IAM users of the access-key fallback: IAM checks that a trusted user exists, so roles depend on them.
  // The policy is a literal document so it is known at plan time.
  const userIds = new IdentifierScope();
  const usersOf = new Map<string, string[]>();
  const keys: [string, Record<string, Expression>][] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      if (t.spec.type !== 'iam-user') continue;
      const { user, pgpKey } = t.spec;
      const id = userIds.claim(user);
      const scope = `iam-user-${id}`;
      const userName = ref(`aws_iam_user.${id}`, 'name');
      const policy = toIamPolicy({ statements: [{ sid: 'AssumeOneRole', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [role.arn] }] });
      add('resource', 'aws_iam_user', id, `${scope}/user`, { name: user, tags: mergeTags({}, `var.${TAGS_VARIABLE}`) });
      add('resource', 'aws_iam_user_policy', id, `${scope}/policy`, { name: IAM_USER_POLICY_NAME, user: userName, policy: JSON.stringify(policy) });
      add('resource', 'aws_iam_access_key', id, `${scope}/key`, { user: userName, pgp_key: pgpKey });
      const key = `aws_iam_access_key.${id}`;
      // The secret only PGP-encrypted when a key was given.
      keys.push([
        user,
        pgpKey !== undefined
          ? { access_key_id: ref(key, 'id'), encrypted_secret_access_key: ref(key, 'encrypted_secret'), key_fingerprint: ref(key, 'key_fingerprint') }
          : { access_key_id: ref(key, 'id'), secret_access_key: ref(key, 'secret') },
      ]);
      pushTo(usersOf, role.tfId, `aws_iam_user.${id}`);
    }
  }

  // Customer-managed policies, defined once per account; attachments reference them, so Terraform creates them first.
  for (const policy of account.policies) {
    const scope = `policy-${policy.tfId}`;
    policyDocument(policy.docTfId, `${scope}/doc-${policy.docTfId}`, policy.document);
    add('resource', 'aws_iam_policy', policy.tfId, `${scope}/policy`, {
      name: policy.name,
      path: policy.path === '/' ? undefined : policy.path,
      description: policy.description,
      policy: ref(`data.${DOC}.${policy.docTfId}`, 'json'),
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    });
  }

  for (const role of account.roles) {
    const scope = `role-${role.tfId}`;
    policyDocument(role.trustTfId, `${scope}/doc-${role.trustTfId}`, role.trustPolicy);
    const dependsOn = [
      ...role.dependsOnProviders.map((id) => `${OIDC}.${id}`),
      ...role.dependsOnRoles.map((id) => `${ROLE}.${id}`),
      ...(role.dependsOnAccounts.length > 0 ? crossAccount : []),
      ...(usersOf.get(role.tfId) ?? []),
    ];
    // An adopted role is imported with its attachments and inline policies (the provider's import ids),
    // except the attachments of policies this spec creates: those cannot exist before the apply creates the policy.
    const adopt = (id: string) => (role.adopt ? id : undefined);
    add('resource', ROLE, role.tfId, `${scope}/iam-role-${role.tfId}`, roleBody(role, dependsOn), adopt(role.name));
    const roleName = ref(`${ROLE}.${role.tfId}`, 'name');
    for (const policy of role.managedPolicyArns) {
      add('resource', 'aws_iam_role_policy_attachment', policy.tfId, `${scope}/attach-${policy.tfId}`, { role: roleName, policy_arn: policy.policyTfId !== undefined ? ref(`aws_iam_policy.${policy.policyTfId}`, 'arn') : policy.arn }, policy.policyTfId === undefined ? adopt(`${role.name}/${policy.arn}`) : undefined);
    }
    for (const policy of role.inlinePolicies) {
      policyDocument(policy.tfId, `${scope}/doc-${policy.tfId}`, policy.document);
      add(
        'resource',
        'aws_iam_role_policy',
        policy.tfId,
        `${scope}/inline-${policy.tfId}`,
        { name: policy.name, role: roleName, policy: ref(`data.${DOC}.${policy.tfId}`, 'json') },
        adopt(`${role.name}:${policy.name}`),
      );
    }
  }

  // The service account of an eks-pod-identity trust gets the role's credentials.
  for (const a of podIdentityAssociations(account)) {
    add('resource', 'aws_eks_pod_identity_association', a.tfId, `pod-identity-${a.tfId}`, {
      cluster_name: a.cluster,
      namespace: a.namespace,
      service_account: a.serviceAccount,
      role_arn: ref(`${ROLE}.${a.roleTfId}`, 'arn'),
      target_role_arn: a.targetRoleArn,
      disable_session_tags: a.disableSessionTags,
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    });
  }

  // A grant on a caller the spec does not manage is never written: the module README gives it to add by hand.
  for (const grant of account.grants) {
    if (grant.byHand || grant.roleTfId === undefined) continue;
    policyDocument(grant.tfId, `doc-${grant.tfId}`, grant.document);
    // An adopted role's grant is adopted with it: `import` checks that the exported role had exactly this policy.
    const adopted = account.roles.some((r) => r.tfId === grant.roleTfId && r.adopt);
    add(
      'resource',
      'aws_iam_role_policy',
      grant.tfId,
      `grant-${grant.tfId}`,
      {
        name: GRANT_POLICY_NAME,
        role: ref(`${ROLE}.${grant.roleTfId}`, 'name'),
        policy: ref(`data.${DOC}.${grant.tfId}`, 'json'),
      },
      adopted ? `${grant.roleName}:${GRANT_POLICY_NAME}` : undefined,
    );
  }

  const outputs: Record<string, Output> = {
    role_arns: {
      description: 'ARN of each role, by role name.',
      value: Object.fromEntries(account.roles.map((r) => [r.name, ref(`${ROLE}.${r.tfId}`, 'arn')])),
    },
    role_names: {
      description: 'Name of each role, by role name (a reference, so that a root using it waits for the role).',
      value: Object.fromEntries(account.roles.map((r) => [r.name, ref(`${ROLE}.${r.tfId}`, 'name')])),
    },
    oidc_provider_arns: {
      description: 'ARN of each OIDC provider the roles trust, by issuer name (a reference to the resource where this module creates it).',
      value: Object.fromEntries(account.oidcProviders.map((p) => [p.issuer, p.mode === 'create' ? ref(`${OIDC}.${p.tfId}`, 'arn') : p.arn])),
    },
  };
  if (account.guardrails) Object.assign(outputs, describeGuardrails(account.guardrails, add));
  if (keys.length > 0) {
    outputs[IAM_USER_KEYS_OUTPUT] = {
      description: 'Access keys of the IAM-user fallback, by user name (the secret only PGP-encrypted when the spec gives pgpKey).',
      sensitive: true,
      value: Object.fromEntries(keys),
    };
  }

  return {
    name: account.name,
    provider: providerBody(account, options.offline),
    backend: stackBackend(account, options.offline),
    awsProviderVersion: account.awsProviderVersion,
    variables,
    elements,
    outputs,
  };
}

function providerBody(account: AccountModel, offline: boolean | undefined): Body {
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

function roleBody(role: RoleModel, dependsOn: string[]): Body {
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

/**
 * A `data "aws_iam_policy_document"` built only from literals, so Terraform
 * renders it at plan time and reviewers see the exact JSON; it never gets a
 * `depends_on` (that would defer it to apply time). Block lists are omitted
 * when not given and kept when given empty, as the provider's class writes them.
 */
export function policyDocumentBody(doc: PolicyDocument): Body {
  return {
    statement: doc.statements.map(exactStatement).map((s) => ({
      sid: s.sid,
      effect: s.effect,
      actions: [...s.actions],
      resources: s.resources ? [...s.resources] : undefined,
      principals: s.principals?.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })),
      condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })),
    })),
  };
}

/** The variables as Terraform JSON: `type` raw, `description` and `default` as literals. */
export function variablesJson(d: AccountDescription): Record<string, Body> {
  return Object.fromEntries(Object.entries(d.variables).map(([name, v]) => [name, terraformJson({ ...v, type: new Expression(v.type) }) as Body]));
}

/** The outputs as Terraform JSON: references raw, every literal (object keys included) escaped. */
export function outputsJson(d: AccountDescription): Record<string, Body> {
  return Object.fromEntries(Object.entries(d.outputs).map(([name, o]) => [name, terraformJson(o) as Body]));
}

/** An element's body as Terraform JSON. */
export const bodyJson = (body: Body): Body => terraformJson(body) as Body;

/** The `import` block of an adopted element: its id a literal, its target an address. */
export const importJson = (e: Element): Body => ({ id: templateLiteral(e.importId ?? ''), to: `${e.type}.${e.id}` });

export { ref };
