/**
 * What a GitHub `sub` value starts with. GitHub writes `sub` as
 * `claim:value` pairs joined by `:` (the default `repo:<owner>/<repo>:<context>`,
 * or the claims of a customized subject template, in its order), and only
 * `pull_request` alone (the context of a pull-request run) without a `:`.
 * A claim key of a template holds only letters, digits and underscores.
 * Sources: docs/issuers.md ("GitHub subjects").
 */
import { conditionAt, isAllow, readStatements, type StatementView } from './iam-json';
import { issuerKind, operatorParts, splitKey, isStringEquals, isStringLike, isWildcardOnly } from './claims';
import type { LintSubject } from '../types';

/** A first claim that pins one repository: by name, by id, or by a workflow of that repository. */
export const REPOSITORY_CLAIMS: readonly string[] = ['repo', 'repository', 'repository_id', 'workflow_ref'];
/** A first claim that pins one owner: every repository of that organization or user. */
export const OWNER_CLAIMS: readonly string[] = ['repository_owner', 'repository_owner_id'];

export type FirstClaim =
  /** GitHub never writes a `sub` that matches the value. */
  | { readonly kind: 'never-sent' }
  /** The first claim is a wildcard (TRUST004's). */
  | { readonly kind: 'wildcard' }
  /** A pattern in the claim name: it may stand for any claim. */
  | { readonly kind: 'pattern'; readonly name: string }
  | { readonly kind: 'claim'; readonly name: string };

const CLAIM_KEY = /^[A-Za-z0-9_]+$/;

/** The claim a GitHub `sub` value (exact, or a pattern with `*` / `?`) starts with. */
export function firstClaim(value: string): FirstClaim {
  const at = value.search(/[*?]/);
  const fixed = at < 0 ? value : value.slice(0, at);
  const colon = fixed.indexOf(':');
  if (colon >= 0) return CLAIM_KEY.test(fixed.slice(0, colon)) ? { kind: 'claim', name: fixed.slice(0, colon) } : { kind: 'never-sent' };
  if (at < 0) return value === 'pull_request' ? { kind: 'claim', name: value } : { kind: 'never-sent' };
  // A wildcard before the first `:`.
  if (!/^[A-Za-z0-9_]*$/.test(fixed)) return { kind: 'never-sent' };
  const segment = value.split(':')[0];
  return isWildcardOnly(segment) ? { kind: 'wildcard' } : { kind: 'pattern', name: segment };
}

export interface GithubSubject {
  readonly statement: number;
  readonly at: string;
  readonly key: string;
  readonly operator: string;
  readonly value: string;
}

/** Every value of a positive StringEquals / StringLike `sub` condition of a GitHub issuer in an Allow statement; undefined for other subjects. */
export function githubSubjects(subject: LintSubject): GithubSubject[] | undefined {
  if (subject.kind !== 'trust-policy') return undefined;
  return readStatements(subject.policy)
    .filter(isAllow)
    .flatMap((s: StatementView) =>
      s.conditions
        .filter((c) => {
          const op = operatorParts(c.operator);
          const { prefix, claim } = splitKey(c.key);
          return claim === 'sub' && !op.negated && (isStringEquals(op) || isStringLike(op)) && issuerKind(prefix) === 'github';
        })
        .flatMap((c) => c.values.map((value) => ({ statement: s.index, at: conditionAt(s, c), key: c.key, operator: c.operator, value }))),
    );
}
