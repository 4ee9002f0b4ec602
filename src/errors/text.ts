/** How messages show what the user wrote: field paths, quoted values, invisible characters, articles. */

/** Renders a path array the way users read it: `accounts[1].roles[0].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** The inverse of {@link formatPath}: `accounts[1].roles[0].name` -> `['accounts', 1, 'roles', 0, 'name']`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** "a" or "an", for messages that name a field: "an account name", "a role name". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A user value quoted for a message, with control characters escaped and cut to a readable length. */
export function quoteValue(v: string, max = 60): string {
  return JSON.stringify(v.length > max ? `${v.slice(0, max - 3)}...` : v);
}

const CHAR_NAMES: Record<number, string> = {
  0: 'NUL',
  9: 'tab',
  10: 'line feed',
  13: 'carriage return',
  0x7f: 'DEL',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0xfeff: 'byte-order mark',
};

/** The name of a control or invisible character, for messages: `U+000A (line feed)`. */
export function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const name =
    CHAR_NAMES[code] ?? (code >= 0x200b && code <= 0x200f ? 'zero-width or direction mark' : code >= 0x2000 ? 'bidirectional control' : 'control character');
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
}
