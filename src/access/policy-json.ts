/**
 * Reads IAM JSON (as `jsonencode`d by Terraform or written by hand) into a
 * normalized form the evaluator walks. Nothing is guessed: an element the
 * evaluator does not understand is kept as a named problem on its statement,
 * and that statement can then only be "cannot decide".
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

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(value: unknown, what: string, problems: string[]): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push(`${what} is not a string or a non-empty list of strings`);
  return undefined;
}

function conditionValues(value: unknown): string[] | undefined {
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';
  if (scalar(value)) return [String(value)];
  if (Array.isArray(value) && value.length > 0 && value.every(scalar)) return value.map(String);
  return undefined;
}

function principal(value: unknown, problems: string[]): '*' | PrincipalMap | undefined {
  if (value === '*') return '*';
  if (!isObject(value)) {
    problems.push('Principal is neither "*" nor an object of principal types');
    return undefined;
  }
  const out: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value)) {
    if (!['AWS', 'Federated', 'Service', 'CanonicalUser'].includes(type)) {
      problems.push(`unknown principal type "${type}"`);
      continue;
    }
    const list = strings(ids, `Principal.${type}`, problems);
    if (list) out[type] = list;
  }
  return out;
}

function conditions(value: unknown, problems: string[]): ConditionEntry[] {
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
      const values = conditionValues(raw);
      if (!values) problems.push(`Condition "${operator}" "${key}" has no value or a value that is not a string, boolean or number`);
      else out.push({ operator, key, values });
    }
  }
  return out;
}

function statement(raw: unknown, index: number): NormalizedStatement {
  const problems: string[] = [];
  if (!isObject(raw)) return { index, effect: 'Deny', conditions: [], problems: ['statement is not an object'] };
  for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) problems.push(`unknown statement element "${key}"`);
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') problems.push('Sid is not a string');
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') problems.push(`Effect ${JSON.stringify(effect)} is neither "Allow" nor "Deny"`);
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) problems.push('a statement needs exactly one of Action and NotAction');
  if (raw.Resource !== undefined && raw.NotResource !== undefined) problems.push('a statement has both Resource and NotResource');
  if (raw.NotPrincipal !== undefined) problems.push('NotPrincipal is not evaluated (and is not valid in a role trust policy)');
  return {
    index,
    sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined,
    effect: effect === 'Allow' ? 'Allow' : 'Deny',
    action: raw.Action === undefined ? undefined : strings(raw.Action, 'Action', problems),
    notAction: raw.NotAction === undefined ? undefined : strings(raw.NotAction, 'NotAction', problems),
    resource: raw.Resource === undefined ? undefined : strings(raw.Resource, 'Resource', problems),
    notResource: raw.NotResource === undefined ? undefined : strings(raw.NotResource, 'NotResource', problems),
    principal: raw.Principal === undefined ? undefined : principal(raw.Principal, problems),
    conditions: conditions(raw.Condition, problems),
    problems,
  };
}

/** Stands in for a policy that could not be read from its source; evaluating it is "cannot decide", with the reason. */
export interface UnreadablePolicy {
  readonly unreadable: string;
}

export const unreadable = (reason: string): UnreadablePolicy => ({ unreadable: reason });

const isUnreadable = (d: unknown): d is UnreadablePolicy => isObject(d) && typeof d.unreadable === 'string' && Object.keys(d).length === 1;

/** Normalizes an IAM policy given as an object or as its JSON text. */
export function readPolicy(input: unknown): NormalizedPolicy {
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
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (list.length === 0) problems.push('the policy has no Statement');
  return { version: String(version), statements: list.map(statement), problems };
}

/** `S0` or `S0 (Sid)`: how results name a statement. */
export function statementLabel(s: { readonly index: number; readonly sid?: string }): string {
  return s.sid ? `S${s.index} (${s.sid})` : `S${s.index}`;
}
