/**
 * The operator of an exact match, chosen by the resolver. A `StringLike`
 * condition none of whose values has a wildcard is an exact match in
 * disguise: the resolver writes `StringEquals`, which says so, and which a
 * wildcard added later by mistake cannot silently widen. The condition keeps
 * the operator it was written with (`written`), so the lint pack can say what
 * was chosen (TRUST008, an info) while it only reads the model.
 *
 * A role that suppresses TRUST008 (or whose account does) keeps its documents
 * as written: an adopted role, imported as it was (`import` writes that
 * suppression when the choice would change an existing document).
 */
import type { Condition, PolicyDocument } from '../policy/document';
import { hasWildcard } from '../policy/glob';
import type { Suppression } from './types';

/** The lint rule that reports the choice; suppressing it keeps a role's documents as written. */
export const EXACT_MATCH_RULE = 'TRUST008';

/** A StringLike condition the resolver rewrites: no value has a wildcard, and no StringEquals on the same key would merge with it. */
export function exactMatch(c: { test: string; variable: string; values: readonly string[] }, all: readonly { test: string; variable: string }[]): boolean {
  return (
    c.test === 'StringLike' &&
    c.values.length > 0 &&
    !c.values.some(hasWildcard) &&
    !all.some((o) => o.test === 'StringEquals' && o.variable.toLowerCase() === c.variable.toLowerCase())
  );
}

/** Whether documents under these suppressions (a role's, then its account's) are kept as written. */
export function keptAsWritten(...scopes: readonly (readonly Suppression[] | undefined)[]): boolean {
  return scopes.some((s) => s?.some((x) => x.rule === EXACT_MATCH_RULE) === true);
}

/**
 * The document with `StringEquals` for every exact-match `StringLike`, each
 * marked with the operator it was written with; the same document (not a copy)
 * when nothing is rewritten, or when `keep` says to keep it as written.
 */
export function exactMatchOperators(doc: PolicyDocument, keep = false): PolicyDocument {
  if (keep || !doc.statements.some((s) => (s.conditions ?? []).some((c, _, all) => exactMatch(c, all)))) return doc;
  return {
    ...doc,
    statements: doc.statements.map((s) => {
      const all = s.conditions ?? [];
      if (!all.some((c) => exactMatch(c, all))) return s;
      return { ...s, conditions: all.map((c): Condition => (exactMatch(c, all) ? { ...c, test: 'StringEquals', written: c.test } : c)) };
    }),
  };
}

/** An item whose `document` the resolver writes (a grant, a customer-managed policy), its operators chosen; the same item when nothing changes. */
export function withExactMatch<T extends { readonly document: PolicyDocument }>(item: T, keep: boolean): T {
  const document = exactMatchOperators(item.document, keep);
  return document === item.document ? item : { ...item, document };
}

/** The document as it was written, before the resolver chose its operators; the same document when it chose none. */
export function asWritten(doc: PolicyDocument): PolicyDocument {
  if (!doc.statements.some((s) => (s.conditions ?? []).some((c) => c.written !== undefined))) return doc;
  return {
    ...doc,
    statements: doc.statements.map((s) => {
      if (!(s.conditions ?? []).some((c) => c.written !== undefined)) return s;
      return { ...s, conditions: s.conditions!.map(({ written, ...c }): Condition => (written === undefined ? c : { ...c, test: written })) };
    }),
  };
}
