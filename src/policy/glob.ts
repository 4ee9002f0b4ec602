/**
 * IAM wildcard matching. In `StringLike`, `Action` and `Resource` a `*` matches
 * any run of characters (including none, and including `:`), and a `?` matches
 * exactly one character. Everything else matches itself.
 */

/** `${*}`, `${?}`, `${$}` (and `&{...}` as Terraform writes them) are literal characters, not wildcards. */
const ESCAPED = /[$&]\{[*?$]\}/g;

/** Whether a condition value has a wildcard (`*` or `?`, not an escaped one). */
export const hasWildcard = (v: string) => /[*?]/.test(v.replace(ESCAPED, ''));
/** The wildcards a condition value has (`*`, `?`), each once. */
export const wildcardsIn = (v: string) => [...new Set(v.replace(ESCAPED, '').match(/[*?]/g) ?? [])];

/** Whether `value` matches the IAM wildcard `pattern`; case-sensitive unless told otherwise. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative matcher with backtracking to the last `*`: linear in practice, no regex escaping.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Splits an ARN into its six colon-separated parts; the last part keeps any further colons. */
export function arnParts(arn: string): string[] | undefined {
  const parts: string[] = [];
  let rest = arn;
  for (let i = 0; i < 5; i++) {
    const at = rest.indexOf(':');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/**
 * `ArnLike`/`ArnEquals`: each of the six colon-delimited parts is matched on its
 * own (case-sensitive), each may carry `*` and `?`; a value that is not an ARN
 * matches nothing.
 */
export function arnMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const v = arnParts(value);
  if (!p || !v) return false;
  return p.every((part, i) => globMatch(part, v[i]));
}
