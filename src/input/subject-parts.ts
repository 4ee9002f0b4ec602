/**
 * Where a wildcard stands in a CI vendor's `sub`, for a vendor whose subject
 * goes on after the part its record lets be a wildcard (`laterParts` of
 * `trust-types/<type>.ts`: CircleCI's V2 token after the user, Buildkite's
 * step after the commit).
 *
 * IAM's `*` matches any run of characters, `/` and `:` included. A `*` before
 * the last part that is followed by a pinned value of a later part (CircleCI's
 * documented `user/*\/vcs-origin/<origin>/vcs-ref/refs/heads/main`) lets in a
 * run whose last part ends with that text: a push to the branch
 * `zzz/vcs-origin/<origin>/vcs-ref/refs/heads/main`. TRUST019 refuses such a
 * `*`, the access proof tries that run ({@link injectedSubject}) on every
 * hand-written subject of the vendor's issuer, and the proof's oracle holds
 * such a `*` to its own part ({@link declaredSubjectMatches}), so a trust that
 * lets the injected run in fails the proof.
 */
import type { LaterParts } from './trust-types/ci-preset';
import { ciPreset, type CiTrustType } from './trust-types/ci-presets';
import { issuerOf } from './issuers';

/** The later parts of the vendor whose hosted issuer (or, with `vendor`, whose self-hosted issuer) this is. */
export function laterPartsOf(host: string, vendor?: CiTrustType): LaterParts | undefined {
  const preset = issuerOf(host).preset ?? vendor;
  return preset === undefined ? undefined : ciPreset(preset).laterParts;
}

/** Whether text after a `*` pins a value: anything left once the labels and the wildcards are taken out. */
function pinsValue(rest: string, labels: readonly string[]): boolean {
  const bare = labels.reduce((t, label) => t.split(label).join(''), rest);
  return bare.replace(/[*?]/g, '').length > 0;
}

/**
 * The indices of the `*`s of a `sub` pattern that stand before the last part
 * and are followed by a pinned value of a later part. `user/*` (nothing after)
 * and `user/*\/vcs-origin/*\/vcs-ref/*` (labels only) pin nothing after it: every
 * run of the project matches them, as the part before says.
 */
export function misplacedStars(later: LaterParts, pattern: string): number[] {
  const last = later.labels[later.labels.length - 1];
  const out: number[] = [];
  for (let i = pattern.indexOf('*'); i >= 0; i = pattern.indexOf('*', i + 1)) {
    // Past the last label, a `*` is in the last part, and so is every `*` after it.
    if (pattern.slice(0, i).includes(last)) break;
    if (pinsValue(pattern.slice(i + 1), later.labels)) out.push(i);
  }
  return out;
}

/** A subject that matches a pattern: `*` filled with an example word, `?` with one character. */
const fill = (pattern: string) => pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');

/**
 * The `sub` of the run that a misplaced `*` lets in: the run `real` (a
 * subject the vendor writes, or a pattern, filled) with its last part set to
 * the vendor's injected value followed by every later part of `real` again,
 * e.g. the branch `zzz/vcs-origin/<origin>/vcs-ref/refs/heads/main`.
 * Undefined when `real` has no later parts (CircleCI's V1 token).
 */
export function injectedSubject(later: LaterParts, subject: string): string | undefined {
  const real = fill(subject);
  const first = real.indexOf(later.labels[0]);
  const lastLabel = later.labels[later.labels.length - 1];
  const last = real.lastIndexOf(lastLabel);
  if (first < 0 || last < first) return undefined;
  return `${real.slice(0, last + lastLabel.length)}${later.injected}${real.slice(first)}`;
}

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');

/**
 * Whether `sub` is a run the declared subject names: `*` any run of
 * characters and `?` one, except that a misplaced `*` ({@link misplacedStars})
 * stays inside its own part, as the subject says (it never spans a later
 * part's label). Without later parts, IAM's own matching.
 */
export function declaredSubjectMatches(later: LaterParts | undefined, declared: string, sub: string): boolean {
  const misplaced = new Set(later === undefined ? [] : misplacedStars(later, declared));
  const inPart = later === undefined ? '' : `(?:(?!${later.labels.map(escape).join('|')})[^])*`;
  let source = '';
  for (let i = 0; i < declared.length; i++) {
    const c = declared[i];
    source += c === '*' ? (misplaced.has(i) ? inPart : '[^]*') : c === '?' ? '[^]' : escape(c);
  }
  return new RegExp(`^${source}$`).test(sub);
}
