/**
 * The one IAM JSON reader: a policy (an object, or its JSON text, as
 * `jsonencode`d by Terraform, exported by IAM or written by hand) into plain
 * statements: one statement or a list, one value or a list, all become lists.
 *
 * Two strictness modes:
 * - `strict` (the access evaluator's): nothing is guessed. An element it does
 *   not understand is kept as a named problem on its statement, and that
 *   statement can then only be "cannot decide".
 * - `lenient` (the lint pack's): IAM's shape is read whatever it holds, so
 *   rules can point at what is wrong: non-string values become their JSON
 *   text, a principal of an unknown type or shape is kept as written (the
 *   problems are still listed, for whoever wants them).
 */

export type PrincipalMap = Readonly<Record<string, readonly string[]>>;

export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The context key as written. */
  readonly key: string;
  /** Policy values as strings (booleans and numbers written bare become strings). */
  readonly values: readonly string[];
}

export interface NormalizedStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  /** `'*'` for everyone; otherwise identifiers by principal type. Absent in identity policies. */
  readonly principal?: '*' | PrincipalMap;
  /** As written; the evaluator does not evaluate it (a problem), the lint pack reports it. */
  readonly notPrincipal?: '*' | PrincipalMap;
  readonly conditions: readonly ConditionEntry[];
  /** What the evaluator does not understand in this statement, by name. */
  readonly problems: readonly string[];
}

export interface NormalizedPolicy {
  /** `2012-10-17` substitutes policy variables; `2008-10-17` (and no Version) does not. */
  readonly version: string;
  readonly statements: readonly NormalizedStatement[];
  /** Problems of the document as a whole (no statements, not an object, ...). */
  readonly problems: readonly string[];
}

/** How closely the reader holds a document to IAM's grammar (see the module comment). */
export type Strictness = 'strict' | 'lenient';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value or a list of values, as strings (anything else as its JSON text): the lenient reading of every list. */
export function stringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

/** The Statement element as a list (IAM takes one statement or several). */
export function statementList(doc: Record<string, unknown>): unknown[] {
  const raw = doc.Statement;
  return Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
}

class Reader {
  constructor(private readonly mode: Strictness) {}

  strings(value: unknown, what: string, problems: string[]): string[] | undefined {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
    problems.push(`${what} is not a string or a non-empty list of strings`);
    return this.mode === 'lenient' ? stringList(value) : undefined;
  }

  /** Policy values as strings; undefined (strict) or their JSON text (lenient) when not scalars, with a problem. */
  conditionValues(value: unknown, what: string, problems: string[]): string[] | undefined {
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';
    if (scalar(value)) return [String(value)];
    if (Array.isArray(value) && value.length > 0 && value.every(scalar)) return value.map(String);
    problems.push(`${what} has no value or a value that is not a string, boolean or number`);
    return this.mode === 'lenient' ? stringList(value) : undefined;
  }

  principal(value: unknown, element: string, problems: string[]): '*' | PrincipalMap | undefined {
    if (value === '*') return '*';
    if (!isObject(value)) {
      problems.push(`${element} is neither "*" nor an object of principal types`);
      return this.mode === 'lenient' ? { '': stringList(value) } : undefined;
    }
    const out: Record<string, string[]> = {};
    for (const [type, ids] of Object.entries(value)) {
      if (!PRINCIPAL_TYPES.has(type)) {
        problems.push(`unknown principal type "${type}"`);
        if (this.mode === 'lenient') out[type] = stringList(ids);
        continue;
      }
      const list = this.strings(ids, `${element}.${type}`, problems);
      if (list) out[type] = list;
    }
    return out;
  }

  conditions(value: unknown, problems: string[]): ConditionEntry[] {
    if (value === undefined) return [];
    if (!isObject(value)) {
      problems.push('Condition is not an object of operators');
      return [];
    }
    const out: ConditionEntry[] = [];
    for (const [operator, block] of Object.entries(value)) {
      if (!isObject(block)) {
        problems.push(`Condition "${operator}" is not an object of context keys`);
        continue;
      }
      for (const [key, raw] of Object.entries(block)) {
        const values = this.conditionValues(raw, `Condition "${operator}" "${key}"`, problems);
        if (values) out.push({ operator, key, values });
      }
    }
    return out;
  }

  statement(raw: unknown, index: number): NormalizedStatement {
    const problems: string[] = [];
    if (!isObject(raw)) return { index, effect: 'Deny', conditions: [], problems: ['statement is not an object'] };
    for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) problems.push(`unknown statement element "${key}"`);
    if (raw.Sid !== undefined && typeof raw.Sid !== 'string') problems.push('Sid is not a string');
    const effect = raw.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') problems.push(`Effect ${JSON.stringify(effect)} is neither "Allow" nor "Deny"`);
    if ((raw.Action === undefined) === (raw.NotAction === undefined)) problems.push('a statement needs exactly one of Action and NotAction');
    if (raw.Resource !== undefined && raw.NotResource !== undefined) problems.push('a statement has both Resource and NotResource');
    if (raw.NotPrincipal !== undefined) problems.push('NotPrincipal is not evaluated (and is not valid in a role trust policy)');
    const list = (name: string) => (raw[name] === undefined ? undefined : this.strings(raw[name], name, problems));
    return {
      index,
      sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined,
      effect: effect === 'Allow' ? 'Allow' : 'Deny',
      action: list('Action'),
      notAction: list('NotAction'),
      resource: list('Resource'),
      notResource: list('NotResource'),
      principal: raw.Principal === undefined ? undefined : this.principal(raw.Principal, 'Principal', problems),
      notPrincipal: raw.NotPrincipal === undefined ? undefined : this.principal(raw.NotPrincipal, 'NotPrincipal', []),
      conditions: this.conditions(raw.Condition, problems),
      problems,
    };
  }
}

const READERS = { strict: new Reader('strict'), lenient: new Reader('lenient') };

/** Stands in for a policy that could not be read from its source; evaluating it is "cannot decide", with the reason. */
export interface UnreadablePolicy {
  readonly unreadable: string;
}

export const unreadable = (reason: string): UnreadablePolicy => ({ unreadable: reason });

const isUnreadable = (d: unknown): d is UnreadablePolicy => isObject(d) && typeof d.unreadable === 'string' && Object.keys(d).length === 1;

/** Normalizes an IAM policy given as an object or as its JSON text. */
export function readPolicy(input: unknown, mode: Strictness = 'strict'): NormalizedPolicy {
  if (isUnreadable(input)) return { version: '', statements: [], problems: [input.unreadable] };
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      return { version: '', statements: [], problems: [`the policy is not valid JSON: ${(e as Error).message}`] };
    }
  }
  if (!isObject(doc)) return { version: '', statements: [], problems: ['the policy is not a JSON object'] };
  const problems: string[] = [];
  for (const key of Object.keys(doc)) if (!['Version', 'Id', 'Statement'].includes(key)) problems.push(`unknown policy element "${key}"`);
  const version = doc.Version === undefined ? '2008-10-17' : doc.Version;
  if (version !== '2012-10-17' && version !== '2008-10-17') problems.push(`unknown policy Version ${JSON.stringify(version)}`);
  const list = statementList(doc);
  if (list.length === 0) problems.push('the policy has no Statement');
  const reader = READERS[mode];
  return { version: String(version), statements: list.map((s, i) => reader.statement(s, i)), problems };
}

/** `S0` or `S0 (Sid)`: how results name a statement. */
export function statementLabel(s: { readonly index: number; readonly sid?: string }): string {
  return s.sid ? `S${s.index} (${s.sid})` : `S${s.index}`;
}
