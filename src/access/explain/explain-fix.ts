/**
 * The smallest change to the spec that would admit a denied token or caller,
 * for `explain`. Candidates come from the conditions that failed: a field of
 * the role's trust entries (or of an issuer they name) whose value appears in
 * a failing condition's expected value, changed to what the token has there
 * (added, for a list), removed where the token lacks the claim, or a switch
 * of the entry turned over. Each candidate is applied to a copy of the spec,
 * resolved and evaluated by the access proof's own evaluator: only one that
 * admits the caller and that the schema accepts is offered, and of those the
 * one that lets in the fewest of the proof's near-misses around the role.
 */
import { formatPath } from '../../errors';
import type { Model } from '../../model/types';
import { resolveModel } from '../../model/resolve';
import { validateSpec, type LoadedSpec } from '../../input/load';
import type { Spec } from '../../input/schema';
import type { ConditionCheck } from '../evaluate/conditions';
import { byCodePoint } from '../../order';

type Path = readonly (string | number)[];

/** One change to one field of the spec. */
export interface SpecChange {
  /** The spec file, and the line of the field (of the list, for `add`) when known. */
  readonly file: string;
  readonly line?: number;
  /** The field path, e.g. `accounts[3].roles[0].trust[0].branches`. */
  readonly path: string;
  /** `set` a field, `add` a value to a list, `remove` a field or a list's value. */
  readonly change: 'set' | 'add' | 'remove';
  /** The value written now, for `set` and `remove`. */
  readonly from?: string | boolean;
  /** The value to write, for `set` and `add`. */
  readonly to?: string | boolean;
}

interface Candidate {
  readonly at: Path;
  readonly change: SpecChange['change'];
  readonly from?: string | boolean;
  readonly to?: string | boolean;
}

interface Leaf {
  readonly at: Path;
  readonly value: string | boolean;
  /** The leaf is an element of a list. */
  readonly inList: boolean;
}

function leaves(value: unknown, at: Path, out: Leaf[], inList = false): Leaf[] {
  if (typeof value === 'string' || typeof value === 'boolean') out.push({ at, value, inList });
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...at, i], out, true));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], out);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The policy value as a regular expression in which the field's value is a capture (later occurrences must repeat it). */
function capturing(expected: string, field: string, operator: string): RegExp {
  const like = /Like/i.test(operator);
  const literal = (s: string) => (like ? [...s].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch))).join('') : escape(s));
  const pieces = expected.split(field);
  const body = pieces.map(literal).reduce((acc, piece, i) => (i === 0 ? piece : `${acc}${i === 1 ? '(.+?)' : '\\1'}${piece}`), '');
  return new RegExp(`^${body}$`, /IgnoreCase/i.test(operator) ? 'i' : '');
}

/** The candidates a failing condition suggests among the leaves. */
function fromCheck(check: ConditionCheck, fields: readonly Leaf[]): Candidate[] {
  const out: Candidate[] = [];
  for (const leaf of fields) {
    if (typeof leaf.value !== 'string' || leaf.value === '') continue;
    const v = leaf.value;
    for (const e of check.expected) {
      if (check.actual === undefined) {
        if (e === v) out.push({ at: leaf.at, change: 'remove', from: v });
        continue;
      }
      if (!e.includes(v) || check.actual.length !== 1) continue;
      const m = capturing(e, v, check.operator).exec(check.actual[0]);
      if (!m || m[1] === v) continue;
      out.push(leaf.inList ? { at: leaf.at.slice(0, -1), change: 'add', to: m[1] } : { at: leaf.at, change: 'set', from: v, to: m[1] });
    }
  }
  return out;
}

function apply(spec: Spec, changes: readonly Candidate[]): Spec {
  const copy = structuredClone(spec) as unknown as Record<string | number, unknown>;
  for (const c of changes) {
    let parent = copy as Record<string | number, unknown>;
    for (const k of c.at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const last = c.at[c.at.length - 1];
    if (c.change === 'add') (parent[last] as unknown[]).push(c.to);
    else if (c.change === 'set') parent[last] = c.to;
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  }
  return copy as unknown as Spec;
}

export interface ChangeSearch {
  readonly loaded: LoadedSpec;
  /** Indexes of the role in the spec. */
  readonly account: number;
  readonly role: number;
  /** The conditions that failed, closest statement first. */
  readonly failed: readonly ConditionCheck[];
  /** Whether the caller gets in under a changed spec's model. */
  readonly admits: (model: Model) => boolean;
  /** How many of the proof's near-misses around the role a changed spec's model lets in (the smaller, the better). */
  readonly width: (model: Model) => number;
}

/** Candidates tried at most, so that a large trust entry stays quick. */
const MAX_TRIES = 24;

/** The smallest verified change (one field, else one per failing condition), or undefined when none admits the caller. */
export function smallestChange(search: ChangeSearch): SpecChange[] | undefined {
  const { loaded, account, role } = search;
  const rolePath: Path = ['accounts', account, 'roles', role];
  const trust = loaded.spec.accounts[account].roles[role].trust;
  const fields = leaves(trust, [...rolePath, 'trust'], []);
  // Issuers the entries name, by their key.
  const named = new Set(
    fields.map((f) => f.value).filter((v): v is string => typeof v === 'string' && Object.prototype.hasOwnProperty.call(loaded.spec.issuers ?? {}, v)),
  );
  for (const name of [...named].sort(byCodePoint)) leaves(loaded.spec.issuers![name], ['issuers', name], fields);

  const perCheck = search.failed.map((c) => fromCheck(c, fields));
  const flips: Candidate[] = fields
    .filter((f) => typeof f.value === 'boolean' && !f.inList && f.at[1] !== undefined && f.at[0] === 'accounts')
    .map((f) => ({ at: f.at, change: 'set', from: f.value, to: !f.value }));
  const singles = dedupe([...perCheck.flat(), ...flips]).slice(0, MAX_TRIES);
  let best = bestOf(
    search,
    singles.map((c) => [c]),
  );
  if (!best && perCheck.length > 1) {
    const combos = perCheck.reduce<Candidate[][]>(
      (acc, list) =>
        acc.flatMap((combo) =>
          dedupe(list)
            .slice(0, 4)
            .map((c) => [...combo, c]),
        ),
      [[]],
    );
    best = bestOf(search, combos.slice(0, MAX_TRIES));
  }
  return best?.map((c) => ({
    file: loaded.file,
    line: loaded.locate?.(c.at),
    path: formatPath(c.at),
    change: c.change,
    ...(c.from === undefined ? {} : { from: c.from }),
    ...(c.to === undefined ? {} : { to: c.to }),
  }));
}

function dedupe(list: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = JSON.stringify(c);
    return !seen.has(k) && (seen.add(k), true);
  });
}

/** Of these change sets, the one that admits the caller, is valid, and lets in the fewest near-misses; the first on a tie. */
function bestOf(search: ChangeSearch, sets: readonly Candidate[][]): Candidate[] | undefined {
  const admitted: { set: Candidate[]; spec: Spec; model: Model; width: number }[] = [];
  for (const set of sets) {
    if (set.length === 0) continue;
    const spec = apply(search.loaded.spec, set);
    let model: Model;
    try {
      model = resolveModel({ file: search.loaded.file, spec, locate: search.loaded.locate });
    } catch {
      continue;
    }
    if (search.admits(model)) admitted.push({ set, spec, model, width: 0 });
  }
  // Widths only matter between several candidates.
  if (admitted.length > 1) for (const a of admitted) a.width = search.width(a.model);
  // Stable: on a tie, the earlier candidate. Only the winner is validated, as validation costs most, and
  // only its account with the one role (the schema judges a field where it is; references were resolved above).
  for (const a of admitted.sort((x, y) => x.width - y.width)) {
    try {
      const account = a.spec.accounts[search.account];
      validateSpec(structuredClone({ ...a.spec, accounts: [{ ...account, roles: [account.roles[search.role]] }] }), search.loaded.file);
      return a.set;
    } catch {
      // the schema refuses this value: the next candidate
    }
  }
  return undefined;
}
