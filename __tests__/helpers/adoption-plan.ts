/**
 * What `terraform plan` would do to each IAM object, worked out per object
 * from a synthesized stack and the export it was imported from (Terraform
 * cannot import offline): the stack's IAM resources each name one object
 * (role name, `role:policy`, `role/policy-arn`, provider ARN). An object the
 * export holds and the stack imports at that address is an `import`, and an
 * `update` too if an attribute Terraform compares differs from the export (policy
 * documents compared as the AWS provider does: statements in any order, one
 * value or a list alike, Sid and principals included). An object the export
 * holds without an import block is an `overwrite`; one it does not hold is a
 * `create`. An adoption is a no-op when every action is a plain `import`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IamExport } from '../../src/brownfield/export';
import { reference, renderPolicyDocument } from '../../src/access/sources/terraform-json';
import { readTemplateLiteral } from '../../src/description/expressions';
import { policyKey } from '../../src/brownfield/provider-equal';

type Json = Record<string, any>;

export interface PlannedAction {
  readonly account: string;
  readonly address: string;
  /** The IAM object: role name, `role:policy`, `role/policy ARN`, or provider ARN. */
  readonly object: string;
  readonly action: 'import' | 'update' | 'overwrite' | 'create' | 'import-missing';
  readonly why?: string;
}

/** The planned action on each IAM object of each account's stack under `outdir`. */
export function plannedActions(outdir: string, exp: IamExport, accounts: ReadonlyMap<string, string>): PlannedAction[] {
  const out: PlannedAction[] = [];
  for (const [name, id] of accounts) {
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
    const account = exp.accounts.find((a) => a.accountId === id)!;
    const exported = new Map(account.roles.map((r) => [r.name, r]));
    const imports = new Map<string, string>(((stack.import ?? []) as Json[]).map((b) => [b.to as string, b.id as string]));
    const docs = (stack.data?.aws_iam_policy_document ?? {}) as Json;
    const rendered = (v: unknown) => {
      const ref = reference(v, 'data.aws_iam_policy_document', 'json');
      const r = ref ? renderPolicyDocument(docs[ref]) : { problem: 'not a document reference' };
      if ('problem' in r) throw new Error(`${name}: ${r.problem}`);
      return r.policy;
    };
    const resources = (type: string) => Object.entries((stack.resource?.[type] ?? {}) as Record<string, Json>);
    const roleName = (v: unknown) => {
      const ref = reference(v, 'aws_iam_role', 'name');
      return ref ? readTemplateLiteral(stack.resource.aws_iam_role[ref].name)! : readTemplateLiteral(String(v))!;
    };
    const push = (address: string, object: string, exists: boolean, differs: string | undefined) => {
      const imported = imports.get(address);
      const action =
        imported !== undefined
          ? imported !== object
            ? 'import-missing'
            : !exists
              ? 'import-missing'
              : differs
                ? 'update'
                : 'import'
          : exists
            ? 'overwrite'
            : 'create';
      out.push({
        account: name,
        address,
        object,
        action,
        ...(action === 'update' ? { why: differs } : action === 'import-missing' && imported !== object ? { why: `import id ${imported}` } : {}),
      });
    };
    for (const [tfId, r] of resources('aws_iam_role')) {
      const role = exported.get(readTemplateLiteral(r.name)!);
      const diffs: string[] = [];
      if (role) {
        if (policyKey(rendered(r.assume_role_policy)) !== policyKey(role.trust)) diffs.push('assume_role_policy');
        if ((r.path ?? '/') !== role.path) diffs.push('path');
        if (role.maxSessionDuration !== undefined && (r.max_session_duration ?? 3600) !== role.maxSessionDuration) diffs.push('max_session_duration');
        if (role.description !== undefined && r.description !== role.description) diffs.push('description');
        if ((r.permissions_boundary ?? undefined) !== role.permissionsBoundary) diffs.push('permissions_boundary');
        if ('inline_policy' in r || 'managed_policy_arns' in r) diffs.push('exclusive policy management');
      }
      push(`aws_iam_role.${tfId}`, readTemplateLiteral(r.name)!, role !== undefined, diffs.join(', ') || undefined);
    }
    for (const [tfId, p] of resources('aws_iam_role_policy')) {
      const roleN = roleName(p.role);
      const policyName = readTemplateLiteral(p.name)!;
      const found = exported.get(roleN)?.inlinePolicies.find((x) => x.name === policyName);
      push(
        `aws_iam_role_policy.${tfId}`,
        `${roleN}:${policyName}`,
        found !== undefined,
        found && policyKey(rendered(p.policy)) !== policyKey(found.document) ? 'policy' : undefined,
      );
    }
    for (const [tfId, a] of resources('aws_iam_role_policy_attachment')) {
      const roleN = roleName(a.role);
      const arn = readTemplateLiteral(a.policy_arn)!;
      push(`aws_iam_role_policy_attachment.${tfId}`, `${roleN}/${arn}`, exported.get(roleN)?.managedPolicies.some((m) => m.arn === arn) === true, undefined);
    }
    for (const [tfId, p] of resources('aws_iam_openid_connect_provider')) {
      const host = String(readTemplateLiteral(p.url)).replace(/^https:\/\//, '');
      const arn = `arn:${account.partition}:iam::${id}:oidc-provider/${host}`;
      const listed = exp.providers.some((x) => x.accountId === id && x.host === host);
      push(`aws_iam_openid_connect_provider.${tfId}`, arn, listed, undefined);
    }
    for (const type of Object.keys(stack.resource ?? {})) {
      if (
        type.startsWith('aws_iam_') &&
        !['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_openid_connect_provider'].includes(type)
      ) {
        for (const [tfId] of resources(type)) out.push({ account: name, address: `${type}.${tfId}`, object: tfId, action: 'create' });
      }
    }
  }
  return out;
}
