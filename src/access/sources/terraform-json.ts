/**
 * Terraform JSON to IAM JSON: a `data "aws_iam_policy_document"` block as
 * cdktf writes it (snake_case statements, principals and condition blocks)
 * rendered the way the AWS provider renders its `json` attribute. A block the
 * reader cannot render exactly (merged documents, values known only at apply
 * time, repeated condition keys) comes back as a problem, not a guess.
 */
import { readTemplateLiteral } from '../../description/expressions';
import { pushTo } from '../../group-by';
import type { IamPolicy, IamStatement } from '../../policy/document';

type Json = Record<string, unknown>;

export type Rendered = { readonly policy: IamPolicy } | { readonly problem: string };

const ALLOWED_BLOCK_KEYS = new Set(['statement', '//', 'depends_on', 'provider']);
const ALLOWED_STATEMENT_KEYS = new Set(['sid', 'effect', 'actions', 'not_actions', 'resources', 'not_resources', 'principals', 'not_principals', 'condition']);

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * The strings of a list as Terraform and the provider hand them to IAM: each
 * template read as its literal (`$${` is `${`); with `policyVariables`, `&{` as
 * `${`, as the provider writes resources, principals and condition values.
 */
function strings(v: unknown, what: string, policyVariables = false): string[] {
  const out = list(v);
  if (!out.every((x) => typeof x === 'string')) throw new Error(`${what} holds something other than strings`);
  return (out as string[]).map((x) => {
    const literal = readTemplateLiteral(x);
    if (literal === undefined) throw new Error(`${what} holds ${JSON.stringify(x)}, known only when Terraform runs`);
    return policyVariables ? literal.replace(/&\{/g, '${') : literal;
  });
}

function principalsOf(blocks: unknown, what: string): Record<string, string | string[]> | undefined {
  const items = list(blocks) as Json[];
  if (items.length === 0) return undefined;
  const out = new Map<string, string[]>();
  for (const p of items) pushTo(out, strings(p.type, `${what}.type`)[0], ...strings(p.identifiers, `${what}.identifiers`, true));
  return Object.fromEntries([...out].map(([t, ids]) => [t, one(ids)]));
}

function statementOf(s: Json, i: number): IamStatement {
  const at = `statement[${i}]`;
  for (const key of Object.keys(s)) if (!ALLOWED_STATEMENT_KEYS.has(key)) throw new Error(`${at}.${key} is not read`);
  if (s.not_principals !== undefined && list(s.not_principals).length > 0) throw new Error(`${at}.not_principals is not read`);
  const out: IamStatement = { Effect: (s.effect as IamStatement['Effect']) ?? 'Allow' };
  if (s.sid) out.Sid = strings(s.sid, `${at}.sid`)[0];
  if (s.actions !== undefined) out.Action = one(strings(s.actions, `${at}.actions`));
  if (s.not_actions !== undefined) out.NotAction = one(strings(s.not_actions, `${at}.not_actions`));
  if (s.resources !== undefined) out.Resource = one(strings(s.resources, `${at}.resources`, true));
  if (s.not_resources !== undefined) out.NotResource = one(strings(s.not_resources, `${at}.not_resources`, true));
  const principal = principalsOf(s.principals, `${at}.principals`);
  if (principal) out.Principal = principal;
  const conditions = list(s.condition) as Json[];
  if (conditions.length > 0) {
    const cond: Record<string, Record<string, string | string[]>> = {};
    for (const c of conditions) {
      const test = strings(c.test, `${at}.condition.test`)[0];
      const variable = strings(c.variable, `${at}.condition.variable`)[0];
      if (cond[test]?.[variable] !== undefined) throw new Error(`${at} repeats the condition ${test} ${variable}`);
      (cond[test] ??= {})[variable] = one(strings(c.values, `${at}.condition.values`, true));
    }
    out.Condition = cond;
  }
  return out;
}

/** Renders one `aws_iam_policy_document` block. */
export function renderPolicyDocument(block: Json): Rendered {
  try {
    for (const key of Object.keys(block)) {
      if (!ALLOWED_BLOCK_KEYS.has(key)) return { problem: `aws_iam_policy_document argument "${key}" is not read` };
    }
    return { policy: { Version: '2012-10-17', Statement: (list(block.statement) as Json[]).map(statementOf) } };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}

/** `${data.aws_iam_policy_document.NAME.json}` -> NAME; `${aws_iam_role.NAME.name}` -> NAME (for the given type and attribute). */
export function reference(value: unknown, type: string, attribute: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(`^\\$\\{${type.replace(/\./g, '\\.')}\\.([A-Za-z0-9_-]+)\\.${attribute}\\}$`).exec(value);
  return m?.[1];
}
