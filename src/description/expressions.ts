/**
 * What a description's strings are. A string is a literal, always: a value
 * from the spec or a name of the tool's own. The tool's own Terraform
 * expressions (references, `merge`) are {@link Expression}s, made only here.
 * Terraform JSON and HCL read every string as a template, so a renderer turns
 * a described value into Terraform with {@link terraformJson}: literals
 * escaped (`${` as `$${`, `%{` as `%%{`), expressions as written. No string
 * from the spec is ever evaluated by Terraform, whatever the field.
 */

/** A Terraform expression the tool wrote itself (`${...}`), written raw by every renderer. */
export class Expression {
  /** @param text the whole template, `${...}` */
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** `${type.name.attribute}`, or `${data.type.name.attribute}` for a data source. */
export function ref(address: string, attribute: string): Expression {
  return new Expression(`\${${address}.${attribute}}`);
}

/**
 * A literal as a Terraform template that reads back as the literal: `${` as
 * `$${`, `%{` as `%%{` (the only two escapes; `%${` and `$%{` are not). The
 * same in Terraform JSON and in HCL native syntax.
 */
export function templateLiteral(value: string): string {
  // Most strings have no `{` at all: returned as they are, without two regex passes (the stacks write hundreds of thousands).
  if (!value.includes('{')) return value;
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * A described value as Terraform JSON: every string, and every object key (a
 * template too, in an expression), is a literal; an {@link Expression} is
 * written as it is. Arrays and objects are copied; `undefined` stays absent.
 */
export function terraformJson(value: unknown): unknown {
  if (typeof value === 'string') return templateLiteral(value);
  if (value instanceof Expression) return value.text;
  if (Array.isArray(value)) return value.map(terraformJson);
  if (value !== null && typeof value === 'object') {
    // What Object.fromEntries gives (own data properties in entry order, `__proto__` included), without its arrays (nor an entry array per key).
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = (value as Record<string, unknown>)[k];
      const key = templateLiteral(k);
      if (key === '__proto__') Object.defineProperty(out, key, { value: terraformJson(v), enumerable: true, writable: true, configurable: true });
      else out[key] = terraformJson(v);
    }
    return out;
  }
  return value;
}

/** The characters `hclString` escapes. */
const HCL_ESCAPED = /[\\"\n\r\t]/;

/**
 * A quoted HCL string literal inside an interpolation. cdktf escapes only
 * newlines and `${` here; this also escapes `\`, `"`, `%{`, CR and tab, which
 * cdktf leaves as they are (giving broken HCL). Characters AWS allows in tags
 * need none of these escapes, so for valid tags the output is cdktf's.
 */
export function hclString(value: string): string {
  // Most values (tag keys and values) have none of these characters: no five passes then.
  const escaped = HCL_ESCAPED.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    : value;
  return `"${templateLiteral(escaped)}"`;
}

/** `${merge({"k" = "v", ...}, <expression>)}`: literal tags in spec order, overridden by the expression. */
export function mergeTags(tags: Readonly<Record<string, string>>, over: string): Expression {
  const literal = Object.entries(tags)
    .map(([k, v]) => `${hclString(k)} = ${hclString(v)}`)
    .join(', ');
  return new Expression(`\${merge({${literal}}, ${over})}`);
}

/**
 * What Terraform reads from a template string with no interpolation: the
 * literal (`$${` as `${`, `%%{` as `%{`); `undefined` when it holds a live
 * `${` or `%{`, whose value Terraform knows only when it runs.
 */
export function readTemplateLiteral(template: string): string | undefined {
  let out = '';
  for (let i = 0; i < template.length;) {
    const c = template[i];
    if ((c === '$' || c === '%') && template[i + 1] === c && template[i + 2] === '{') {
      out += `${c}{`;
      i += 3;
    } else if ((c === '$' || c === '%') && template[i + 1] === '{') return undefined;
    else {
      out += c;
      i++;
    }
  }
  return out;
}
