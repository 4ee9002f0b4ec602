/**
 * The IP address operators (`IpAddress`, `NotIpAddress`): a policy value is an
 * IPv4 or IPv6 address or CIDR block (an address alone is the block of that
 * one address), a context value (`aws:SourceIp`, `aws:VpcSourceIp`) an
 * address; the value matches when the address is inside the block. An IPv4
 * address never matches an IPv6 block, nor the reverse.
 */

interface Address {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

interface Block extends Address {
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4(s: string): bigint | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function ipv6(s: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  // A trailing dotted quad is the last 32 bits.
  let tail: number[] = [];
  let text = s;
  const quad = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (quad) {
    const v = ipv4(quad[1]);
    if (v === undefined) return undefined;
    tail = [Number(v >> 16n), Number(v & 0xffffn)];
    text = s.slice(0, s.length - quad[1].length).replace(/:$/, s.endsWith(`::${quad[1]}`) ? ':' : '');
    if (text.endsWith(':') && !text.endsWith('::')) return undefined;
  }
  const [head, rest] = text.split('::');
  const words = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':'));
  const left = words(head);
  const right = words(rest);
  if ([...left, ...right].some((w) => !/^[0-9A-Fa-f]{1,4}$/.test(w))) return undefined;
  const given = left.length + right.length + tail.length;
  if (rest === undefined ? given !== 8 : given > 7) return undefined;
  const all = [...left.map((w) => parseInt(w, 16)), ...Array<number>(8 - given).fill(0), ...right.map((w) => parseInt(w, 16)), ...tail];
  return all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

function address(s: string): Address | undefined {
  const v4 = ipv4(s);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  const v6 = s.includes(':') ? ipv6(s) : undefined;
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
}

/** A CIDR block or an address (its own block), or undefined when it is neither. */
export function parseBlock(s: string): Block | undefined {
  const slash = s.indexOf('/');
  const a = address(slash < 0 ? s : s.slice(0, slash));
  if (!a) return undefined;
  if (slash < 0) return { ...a, prefix: a.bits };
  const text = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(text) || Number(text) > a.bits) return undefined;
  return { ...a, prefix: Number(text) };
}

/** Whether the address `ip` lies in the block `cidr`; false when either does not parse or they are of two IP versions. */
export function ipInBlock(ip: string, cidr: string): boolean {
  const a = address(ip.trim());
  const b = parseBlock(cidr.trim());
  if (!a || !b || a.bits !== b.bits) return false;
  const shift = BigInt(b.bits - b.prefix);
  return a.value >> shift === b.value >> shift;
}

/** An address inside the block, for an identity that should be let in: the block's first address. */
export function addressIn(cidr: string): string | undefined {
  const b = parseBlock(cidr.trim());
  if (!b) return undefined;
  const shift = BigInt(b.bits - b.prefix);
  return format({ bits: b.bits, value: (b.value >> shift) << shift });
}

/** An address just outside the block (the one after its last), for a near-miss; undefined for a block of every address. */
export function addressOutside(cidr: string): string | undefined {
  const b = parseBlock(cidr.trim());
  if (!b || b.prefix === 0) return undefined;
  const shift = BigInt(b.bits - b.prefix);
  const size = 1n << shift;
  const first = (b.value >> shift) << shift;
  const max = (1n << BigInt(b.bits)) - 1n;
  return format({ bits: b.bits, value: first + size > max ? first - 1n : first + size });
}

function format(a: Address): string {
  if (a.bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
  const words: string[] = [];
  for (let i = 7; i >= 0; i--) words.push(((a.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return words.join(':');
}
