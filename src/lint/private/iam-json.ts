/**
 * What the lint rules read of a policy: its statements through the one IAM
 * reader (src/policy/iam-json.ts) in lenient mode, parsed once per document
 * object, its JSON text, and where things are for messages.
 */
import { readPolicy, type ConditionEntry, type NormalizedStatement } from '../../policy/iam-json';
import { recent } from './recent';

export type { ConditionEntry };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A statement as rules see it: every element as a list, whatever its shape in the document. */
export type StatementView = NormalizedStatement;

/** The policy as an object: parses JSON text, passes objects through. */
export function policyObject(policy: unknown): unknown {
  return typeof policy === 'string' ? JSON.parse(policy) : policy;
}

/** The policy as JSON text, made once per document (the size quota and the `${` check both read it). */
export const policyText = recent((policy: unknown): string => (typeof policy === 'string' ? policy : JSON.stringify(policy)));

/** Most rules read the same document: its statements are read once per document. */
export const readStatements = recent((policy: unknown): readonly StatementView[] => {
  // Text that is not JSON throws here (and is not kept): each rule then reports that it could not check the document.
  const doc = policyObject(policy);
  if (typeof doc !== 'object' || doc === null) return [];
  return readPolicy(doc, 'lenient').statements;
});

export const isAllow = (s: StatementView) => s.effect === 'Allow';

/** Where a statement's condition operator block is, for messages. */
export const conditionAt = (s: StatementView, c: ConditionEntry) => `Statement[${s.index}].Condition.${c.operator}`;

/** Identifiers of one principal type (`AWS`, `Federated`, `Service`), case as IAM accepts it. */
export function principalIds(s: StatementView, type: string): readonly string[] {
  if (!s.principal || s.principal === '*') return [];
  // An object has at most one member of a name: its identifiers, or none.
  return Object.prototype.hasOwnProperty.call(s.principal, type) ? s.principal[type] : [];
}

/** Every string in a JSON value (keys included), with where it is: `Statement[0].Resource[1]`. */
export function jsonStrings(value: unknown, at = ''): { at: string; value: string }[] {
  if (typeof value === 'string') return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonStrings(v, `${at}[${i}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? (at ? `${at}.${k}` : k) : `${at}[${JSON.stringify(k)}]`;
      return [{ at: here, value: k }, ...jsonStrings(v, here)];
    });
  }
  return [];
}
