/**
 * zod issues as Problems. The fix travels with the issue as data: its
 * `params` (a Remedy), put there by `fix()` or `issue()` of `primitives/fields.ts`; only
 * zod's own type and shape issues get a generic fix here.
 */
import type { z } from 'zod';
import { formatPath, problems, type Problem, type Remedy } from '../errors';
import { samePath } from './inspect';

/** The line a field path starts on, or undefined. */
export type Locate = (path: readonly PropertyKey[]) => number | undefined;

const GENERIC_FIX: Record<string, string> = {
  invalid_type: 'write a value of the expected type',
  unrecognized_keys: 'remove the field or correct its spelling',
  invalid_value: 'use one of the allowed values',
  too_small: 'add the missing entries or a larger value',
  too_big: 'remove entries or use a smaller value',
  invalid_format: 'correct the format',
};

type Issue = z.core.$ZodIssue;

/** Record keys and map entries nest their issues; bring them up to the field they belong to. */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    if ((i.code === 'invalid_key' || i.code === 'invalid_element') && i.issues.length > 0) return flatten(i.issues as Issue[], path);
    return [{ ...i, path } as Issue];
  });
}

/** Every issue as a Problem at its field and line; a value of the wrong type is reported once, not also for its size. */
export function zodProblems(error: z.ZodError, file: string, locate?: Locate): { readonly path: readonly PropertyKey[]; readonly problem: Problem }[] {
  const issues = flatten(error.issues);
  const wrongType = issues.filter((i) => i.code === 'invalid_type');
  return issues
    .filter((i) => i.code === 'invalid_type' || !wrongType.some((t) => samePath(t.path, i.path)))
    .map((issue) => {
      const path = issue.path;
      const line = locate?.(path);
      const at = line ? `${file}:${line}` : file;
      const fieldPath = formatPath(path) || '(top level)';
      if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
        const input = (issue as { input?: unknown }).input;
        const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        const what = path.includes('trust') ? `trust ${issue.discriminator}` : issue.discriminator;
        return { path, problem: problems.unknownDiscriminator(at, fieldPath, what, value, (issue as { options?: unknown[] }).options ?? []) };
      }
      const params = (issue as { params?: Partial<Remedy> }).params;
      const remedy: Remedy | undefined = typeof params?.fix === 'string' ? (params as Remedy) : undefined;
      const [message, fix] = remedy ? [issue.message, remedy.fix] : generic(issue);
      return { path, problem: { file: at, path: fieldPath, message, fix, ...(remedy?.ruleId ? { ruleId: remedy.ruleId } : {}) } };
    });
}

function generic(issue: Issue): [string, string] {
  if (issue.code === 'unrecognized_keys') {
    return [`unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`, GENERIC_FIX.unrecognized_keys];
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return [`missing required field (${issue.expected})`, 'add the field'];
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return [issue.message, `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`];
  }
  return [issue.message, GENERIC_FIX[issue.code] ?? 'correct the value'];
}
