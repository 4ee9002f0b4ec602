/**
 * Two policy documents as the AWS provider compares them before it plans an
 * update: statements in any order, one value or a one-element list alike,
 * lists as sets, condition keys without regard to case; Sid, effect,
 * principals and operators as written. Documents with one key are the same
 * to Terraform, so adopting a role whose written document has the exported
 * one's key changes nothing.
 */
import { byCodePoint } from '../order';

type Json = Record<string, unknown>;

const values = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]).sort(byCodePoint);

/** A policy as the AWS provider compares two: a set of statements, each with its lists as sets. */
export function policyKey(doc: unknown): string {
  const d = (typeof doc === 'string' ? JSON.parse(doc) : doc) as Json;
  const principal = (p: unknown) =>
    p === '*' || p === undefined
      ? (p ?? null)
      : Object.fromEntries(
          Object.entries(p as Json)
            .map(([k, v]): [string, string[]] => [k, values(v)])
            .sort(([a], [b]) => byCodePoint(a, b)),
        );
  const condition = (c: unknown) =>
    Object.entries((c ?? {}) as Json)
      .flatMap(([op, keys]) => Object.entries(keys as Json).map(([k, v]) => `${op}|${k.toLowerCase()}|${values(v).join(',')}`))
      .sort(byCodePoint);
  const statements = ((Array.isArray(d.Statement) ? d.Statement : [d.Statement]) as Json[]).map((s) =>
    JSON.stringify([
      s.Sid ?? '',
      s.Effect,
      values(s.Action),
      values(s.NotAction),
      values(s.Resource),
      values(s.NotResource),
      principal(s.Principal),
      principal(s.NotPrincipal),
      condition(s.Condition),
    ]),
  );
  return JSON.stringify([d.Version ?? '', ...statements.sort(byCodePoint)]);
}

/** Whether Terraform would see no difference between the two documents. */
export function providerEqual(a: unknown, b: unknown): boolean {
  return policyKey(a) === policyKey(b);
}
