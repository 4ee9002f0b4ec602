/**
 * The Terraform expressions that account stacks contain, written as the
 * strings cdktf renders for the same constructs (references, `merge`).
 */

/** `${type.name.attribute}`, or `${data.type.name.attribute}` for a data source. */
export function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

/**
 * A quoted HCL string literal inside an interpolation. cdktf escapes only
 * newlines and `${` here; this also escapes `\`, `"`, `%{`, CR and tab, which
 * cdktf leaves as they are (giving broken HCL). Characters AWS allows in tags
 * need none of these escapes, so for valid tags the output is cdktf's.
 */
export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** `${merge({"k" = "v", ...}, <expression>)}`: literal tags in spec order, overridden by the expression. */
export function mergeTags(tags: Readonly<Record<string, string>>, over: string): string {
  const literal = Object.entries(tags)
    .map(([k, v]) => `${hclString(k)} = ${hclString(v)}`)
    .join(', ');
  return `\${merge({${literal}}, ${over})}`;
}
