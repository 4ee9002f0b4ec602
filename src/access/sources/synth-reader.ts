/**
 * Reads the policies out of synthesized stacks (`<outdir>/stacks/<account>/cdk.tf.json`):
 * each `aws_iam_role` with the `aws_iam_policy_document` its `assume_role_policy`
 * references, and each role's `aws_iam_role_policy` and attachments.
 */
import { byCodePoint } from '../../order';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rendered } from './terraform-json';
import { reference, renderPolicyDocument } from './terraform-json';
import { unreadable } from '../../policy/iam-json';
import { readTemplateLiteral } from '../../description/expressions';
import { CallerIndex, partitionOfRegion, type PolicySet, type RolePolicies } from '../evaluate/policy-set';
import type { NamedPolicy } from '../evaluate/evaluate';

type Json = Record<string, unknown>;
type Blocks = Record<string, Record<string, Json>>;

interface StackFile {
  readonly provider?: { aws?: Json[] };
  readonly data?: Blocks;
  readonly resource?: Blocks;
}

/** The stacks directory of a cdktf outdir (or the directory itself if it holds the stacks). */
export function stacksDir(dir: string): string {
  return existsSync(join(dir, 'stacks')) ? join(dir, 'stacks') : dir;
}

/** A policy attribute: a reference to a policy document block, or literal JSON text. */
function policyOf(value: unknown, docs: Record<string, Json>): Rendered {
  const name = reference(value, 'data.aws_iam_policy_document', 'json');
  if (name) return docs[name] ? renderPolicyDocument(docs[name]) : { problem: `data.aws_iam_policy_document.${name} is not in the stack` };
  const literal = typeof value === 'string' ? readTemplateLiteral(value) : undefined;
  if (literal !== undefined) {
    try {
      return { policy: JSON.parse(literal) };
    } catch {
      return { problem: 'the policy is not valid JSON' };
    }
  }
  return { problem: `the policy ${JSON.stringify(value)} is known only when Terraform runs` };
}

/** A string attribute as Terraform reads it (a template with escapes only); `undefined` for anything else. */
const literalOf = (value: unknown): string | undefined => (typeof value === 'string' ? readTemplateLiteral(value) : undefined);

export function readSynthStacks(dir: string): PolicySet {
  const root = stacksDir(dir);
  const roles: RolePolicies[] = [];
  const callers = new CallerIndex();
  const rcps: NamedPolicy[] = [];
  const accounts = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'cdk.tf.json')));
  for (const d of accounts.map((x) => x.name).sort(byCodePoint)) {
    const stack = JSON.parse(readFileSync(join(root, d, 'cdk.tf.json'), 'utf8')) as StackFile;
    const provider = stack.provider?.aws?.[0] ?? {};
    const accountId = (provider.allowed_account_ids as string[] | undefined)?.[0];
    if (!accountId) throw new Error(`${join(root, d, 'cdk.tf.json')}: the aws provider has no allowed_account_ids, so the account is unknown`);
    const partition = partitionOfRegion(String(provider.region ?? ''));
    const docs = stack.data?.aws_iam_policy_document ?? {};
    const roleResources = stack.resource?.aws_iam_role ?? {};
    const nameOf = (value: unknown): string | undefined => {
      const ref = reference(value, 'aws_iam_role', 'name');
      if (ref) return literalOf(roleResources[ref]?.name);
      return typeof value === 'string' ? readTemplateLiteral(value) : undefined;
    };

    for (const [, r] of Object.entries(roleResources)) {
      const name = literalOf(r.name) ?? String(r.name);
      const path = literalOf(r.path) ?? '/';
      const trust = policyOf(r.assume_role_policy, docs);
      const base = { account: d, accountId, partition, name, arn: `arn:${partition}:iam::${accountId}:role${path}${name}` };
      const maxSessionDuration = typeof r.max_session_duration === 'number' ? r.max_session_duration : undefined;
      roles.push({ ...base, trust: 'policy' in trust ? trust.policy : unreadable(trust.problem), maxSessionDuration });
      callers.known(accountId, name);
      if (r.permissions_boundary) callers.unread(accountId, name, `permissions boundary ${String(r.permissions_boundary)}`);
    }
    for (const [id, p] of Object.entries(stack.resource?.aws_iam_role_policy ?? {})) {
      const role = nameOf(p.role);
      if (!role) throw new Error(`aws_iam_role_policy.${id}: its role ${JSON.stringify(p.role)} cannot be resolved`);
      const doc = policyOf(p.policy, docs);
      callers.inline(accountId, role, { name: String(p.name ?? id), document: 'policy' in doc ? doc.policy : unreadable(doc.problem) });
    }
    for (const [id, a] of Object.entries(stack.resource?.aws_iam_role_policy_attachment ?? {})) {
      const role = nameOf(a.role);
      if (!role) throw new Error(`aws_iam_role_policy_attachment.${id}: its role ${JSON.stringify(a.role)} cannot be resolved`);
      callers.unread(accountId, role, String(a.policy_arn));
    }
    // The organization's guardrails, in its management account's stack: the RCPs as written.
    for (const [id, p] of Object.entries(stack.resource?.aws_organizations_policy ?? {})) {
      if (literalOf(p.type) !== 'RESOURCE_CONTROL_POLICY') continue;
      const doc = policyOf(p.content, docs);
      rcps.push({ name: literalOf(p.name) ?? id, document: 'policy' in doc ? doc.policy : unreadable(doc.problem) });
    }
  }
  return { source: root, roles, callers: callers.build(), ...(rcps.length > 0 ? { rcps } : {}) };
}
