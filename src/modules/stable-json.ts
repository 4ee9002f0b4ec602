/**
 * A deep copy with object keys sorted as cdktf writes `cdk.tf.json`
 * (json-stable-stringify's default order), so modules read from the stack in
 * memory are byte-for-byte what reading the file would give.
 */
import { byCodePoint } from '../order';

export function stableCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stableCopy) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(byCodePoint)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = stableCopy(v);
    }
    return out as T;
  }
  return value;
}
