/**
 * Identities for the controls every trust entry takes: each declared caller
 * is given the values its entry's extra conditions require, and around the
 * declared workload come the near-misses: without the key an extra condition
 * tests, with another value of it, and, for an entry with `sessionTags: true`,
 * the same token tagging its session (`sts:TagSession`), which every other
 * role of the issuer must refuse.
 */
import type { ResolvedTrust } from '../../model/types';
import type { ExtraCondition } from '../../input/trust-types/controls';
import type { Caller, Variant } from './caller';
import { exampleSubject } from './preset-identities';
import { addressIn, addressOutside, ipInBlock } from '../../ip';

/** Where a caller carries the value a condition tests: a claim of its token, or a key sent with the call. */
function withValue(c: Caller, cond: ExtraCondition, value: string | undefined): Caller {
  const name = cond.claim ?? cond.key!;
  if (c.kind === 'web-identity') {
    const claims = { ...c.claims };
    if (value === undefined) delete claims[name];
    else claims[name] = value;
    return { ...c, claims };
  }
  if (cond.claim !== undefined) return c;
  const context = { ...(c.context ?? {}) };
  if (value === undefined) delete context[name];
  else context[name] = value;
  return { ...c, context };
}

/** An address inside the first block, and one outside every block (the one after some block's last address). */
const inside = (cond: ExtraCondition) => addressIn(cond.values[0])!;
const outside = (cond: ExtraCondition) =>
  cond.values.map(addressOutside).find((a) => a !== undefined && !cond.values.some((v) => ipInBlock(a, v))) ?? '0.0.0.0';

function satisfying(cond: ExtraCondition): string {
  if (cond.test === 'IpAddress') return inside(cond);
  if (cond.test === 'NotIpAddress') return outside(cond);
  return cond.test === 'Bool' ? cond.values[0].toLowerCase() : exampleSubject(cond.values[0]);
}

function otherValue(cond: ExtraCondition): string {
  if (cond.test === 'IpAddress') return outside(cond);
  if (cond.test === 'NotIpAddress') return inside(cond);
  return cond.test === 'Bool' ? (cond.values[0].toLowerCase() === 'true' ? 'false' : 'true') : `${exampleSubject(cond.values[0])}-other`;
}

export function withTrustControls(t: ResolvedTrust, pairs: readonly [Variant, Caller][]): [Variant, Caller][] {
  const extra = t.spec.conditions ?? [];
  const tags = 'sessionTags' in t.spec && t.spec.sessionTags === true;
  if (extra.length === 0 && !tags) return [...pairs];
  const satisfy = (c: Caller) => extra.reduce((acc, cond) => withValue(acc, cond, satisfying(cond)), c);
  const out: [Variant, Caller][] = pairs.map(([v, c]) => [v, satisfy(c)]);
  const workload = out.find(([v]) => v === 'workload')?.[1];
  if (!workload) return out;
  for (const cond of extra) {
    out.push(['extra-condition-missing', withValue(workload, cond, undefined)]);
    out.push(['extra-condition-other-value', withValue(workload, cond, otherValue(cond))]);
  }
  if (tags && workload.kind === 'web-identity') out.push(['session-tags', { ...workload, action: 'sts:TagSession' }]);
  return out;
}
