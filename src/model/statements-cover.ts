/**
 * Whether identity policies already allow an action on a resource, read the
 * way IAM reads them: an Allow statement without conditions whose actions and
 * resources match (`*` and `?` as wildcards, actions without regard to case),
 * and no Deny statement that may match. A grant the caller already holds, by
 * whatever Sid or policy name, is then not written again.
 */
import type { PolicyDocument, Statement } from '../policy/document';

const glob = (pattern: string, value: string, ignoreCase: boolean): boolean => {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'is' : 's',
  );
  return re.test(value);
};

const matches = (s: Statement, action: string, resource: string): boolean =>
  s.actions.some((a) => glob(a, action, true)) && (s.resources ?? []).some((r) => glob(r, resource, false));

export function allowsWithoutCondition(documents: readonly PolicyDocument[], action: string, resource: string): boolean {
  const statements = documents.flatMap((d) => d.statements);
  if (statements.some((s) => s.effect === 'Deny' && matches(s, action, resource))) return false;
  return statements.some((s) => s.effect === 'Allow' && (s.conditions ?? []).length === 0 && s.principals === undefined && matches(s, action, resource));
}
