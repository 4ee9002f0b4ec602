/**
 * An exported inline (identity) policy -> the spec's `inlinePolicies` entry,
 * or the reason the spec cannot write it (`provider-equal.ts` checks that
 * synthesis writes it back as Terraform sees it).
 */
import { readPolicy } from '../policy/iam-json';
import type { SpecInput } from '../input/schema';

type RoleInput = NonNullable<SpecInput['accounts'][number]['roles']>[number];
export type InlinePolicyInput = NonNullable<RoleInput['inlinePolicies']>[number];

export function importInlinePolicy(name: string, document: unknown): InlinePolicyInput | { reason: string } {
  const policy = readPolicy(document);
  const fail = (why: string) => ({ reason: `inline policy "${name}": ${why}` });
  if (policy.problems.length > 0) return fail(policy.problems.join('; '));
  if (policy.version !== '2012-10-17' && JSON.stringify(document).includes('${')) {
    return fail(`Version ${policy.version} does not substitute policy variables, and the spec always writes 2012-10-17`);
  }
  const statements: InlinePolicyInput['statements'] = [];
  for (const s of policy.statements) {
    const at = `statement ${s.index}`;
    if (s.problems.length > 0) return fail(`${at}: ${s.problems.join('; ')}`);
    if (s.principal !== undefined) return fail(`${at} has a Principal`);
    if (s.notAction) return fail(`${at} uses NotAction, which the spec cannot write`);
    if (s.notResource) return fail(`${at} uses NotResource, which the spec cannot write`);
    if (!s.action || !s.resource) return fail(`${at} has no Action or no Resource`);
    if (s.sid !== undefined && !/^[A-Za-z0-9]*$/.test(s.sid)) return fail(`${at}: the Sid "${s.sid}" has characters other than letters and digits`);
    statements.push({
      ...(s.sid ? { sid: s.sid } : {}),
      effect: s.effect,
      actions: [...s.action],
      resources: [...s.resource],
      conditions: s.conditions.map((c) => ({ test: c.operator, variable: c.key, values: [...c.values] })),
    });
  }
  return { name, statements };
}
