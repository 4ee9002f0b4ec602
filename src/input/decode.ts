/**
 * A spec file's bytes as text: UTF-8 (with or without a byte-order mark) and
 * nothing else. UTF-16 (what PowerShell 5 writes with `>`), UTF-32 and binary
 * files get "this file is not UTF-8 text" and the fix, rather than whatever
 * the YAML parser makes of their bytes.
 */
import { problems, SpecError } from '../errors';

/** How a byte sequence that is not UTF-8 looks, for the message; `utf16` selects the conversion fix. */
function describeEncoding(b: Uint8Array): { readonly what: string; readonly utf16: boolean } | undefined {
  const starts = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  if (starts(0xff, 0xfe, 0x00, 0x00)) return { what: 'it is UTF-32 (little-endian, with a byte-order mark)', utf16: true };
  if (starts(0x00, 0x00, 0xfe, 0xff)) return { what: 'it is UTF-32 (big-endian, with a byte-order mark)', utf16: true };
  if (starts(0xff, 0xfe)) return { what: 'it is UTF-16 (little-endian, with a byte-order mark), as PowerShell 5 writes with `>`', utf16: true };
  if (starts(0xfe, 0xff)) return { what: 'it is UTF-16 (big-endian, with a byte-order mark)', utf16: true };
  const nul = b.indexOf(0);
  if (nul < 0) return undefined;
  // Text in UTF-16 or UTF-32 without a byte-order mark: ASCII characters with zero bytes between them.
  const sample = b.subarray(0, Math.min(b.length, 256));
  const zerosAt = (k: number, of: number) => sample.filter((x, i) => i % of === k && x === 0).length;
  const third = sample.length / 3;
  if (zerosAt(1, 4) > third / 1.5 && zerosAt(2, 4) > third / 1.5 && zerosAt(3, 4) > third / 1.5)
    return { what: 'it looks like UTF-32 (little-endian, no byte-order mark)', utf16: true };
  if (zerosAt(0, 4) > third / 1.5 && zerosAt(1, 4) > third / 1.5 && zerosAt(2, 4) > third / 1.5)
    return { what: 'it looks like UTF-32 (big-endian, no byte-order mark)', utf16: true };
  if (zerosAt(1, 2) > sample.length / 3) return { what: 'it looks like UTF-16 (little-endian, no byte-order mark)', utf16: true };
  if (zerosAt(0, 2) > sample.length / 3) return { what: 'it looks like UTF-16 (big-endian, no byte-order mark)', utf16: true };
  return { what: `it holds binary data (a zero byte at offset ${nul})`, utf16: false };
}

/** The text of a spec file; throws a SpecError naming the encoding when it is not UTF-8. */
export function decodeSpecBytes(bytes: Uint8Array, file: string): string {
  const encoding = describeEncoding(bytes);
  if (encoding) throw new SpecError([problems.notUtf8(file, encoding.what, encoding.utf16)]);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new SpecError([
      problems.notUtf8(
        file,
        `byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at} is not UTF-8 (a Latin-1 or Windows-1252 file, or binary data)`,
        false,
      ),
    ]);
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 character. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const x = b[i];
    const n = x < 0x80 ? 0 : x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}
