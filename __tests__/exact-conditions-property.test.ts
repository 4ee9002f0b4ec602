/**
 * The invariant of class 1 of issue 26, as a property over every trust type:
 * whatever extra conditions a trust entry carries (repeating what the entry
 * already pins, with its values or others, repeating each other, or new), no
 * statement the description renders ever has two condition blocks with the
 * same operator and key (keys compared case-insensitively, as IAM reads
 * them). The spec is either refused with a well-formed problem, or written
 * with one block per operator and key.
 *
 * The trust entries come from the committed examples (which hold every type
 * but aws-account; one is added), the conditions from every block those
 * examples' trust policies render, so every key a trust type pins is tried.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describeAccount } from '../src/description/account';
import { isSpecError } from '../src/errors';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { statementIssuerHost } from '../src/trust/controls';
import { CONDITION_OPERATORS, GLOBAL_CONDITION_KEY } from '../src/input/trust-types/controls';
import { trustSchema } from '../src/input/trust-types';
import { validateSpec } from '../src/input/load';

type AnySpec = any;

const EXAMPLES = ['default', 'eks-cross-account', 'presets'].map((name) => {
  const spec: AnySpec = parse(readFileSync(join(__dirname, '..', 'examples', name, 'spec.yaml'), 'utf8'));
  if (name === 'default')
    spec.accounts[0].roles.push({ name: 'partner-audit', trust: [{ type: 'aws-account', accountId: '999000000001', externalId: 'partner-ext-1' }] });
  return spec;
});

const ALL_TYPES = trustSchema.options.map((o) => o.shape.type.value);

/** Every trust entry of the examples: where it is and its type. */
const ENTRIES = EXAMPLES.flatMap((spec, s) =>
  spec.accounts.flatMap((a: AnySpec, ai: number) =>
    (a.roles ?? []).flatMap((r: AnySpec, ri: number) => r.trust.map((t: AnySpec, ti: number) => ({ s, ai, ri, ti, type: t.type as string }))),
  ),
);

interface Extra {
  readonly test: string;
  readonly key?: string;
  readonly claim?: string;
  readonly values: readonly string[];
}

/** Every block the examples' trust policies render, as an extra condition a spec may write (sub and aud are for the entry's own fields). */
function conditionPool(models: readonly Model[]): Extra[] {
  const out = new Map<string, Extra>();
  for (const m of models) {
    for (const s of m.accounts.flatMap((a) => a.roles.flatMap((r) => r.trustPolicy.statements))) {
      const host = statementIssuerHost(s);
      for (const c of s.conditions ?? []) {
        if (!(CONDITION_OPERATORS as readonly string[]).includes(c.test) || c.values.some((v) => v.includes('${'))) continue;
        const claim = host !== undefined && c.variable.startsWith(`${host}:`) ? c.variable.slice(host.length + 1) : undefined;
        const extra: Extra | undefined = GLOBAL_CONDITION_KEY.test(c.variable)
          ? { test: c.test, key: c.variable, values: c.values }
          : claim !== undefined && claim !== 'sub' && claim !== 'aud' && /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(claim)
            ? { test: c.test, claim, values: c.values }
            : undefined;
        if (extra) out.set(JSON.stringify(extra), extra);
      }
    }
  }
  return [
    ...out.values(),
    { test: 'StringEquals', key: 'aws:SourceAccount', values: ['111111111111'] },
    { test: 'StringLike', key: 'aws:PrincipalTag/team', values: ['audit*'] },
  ];
}

const POOL = conditionPool(EXAMPLES.map((spec, i) => resolveModel(validateSpec(structuredClone(spec), `example-${i}.yaml`))));

/** How an extra condition is added: a block of the pool with its values, reordered, replaced or with one more. */
const extraArb = fc.record({
  pick: fc.nat(),
  values: fc.constantFrom('same', 'reordered', 'other', 'more'),
});

const caseArb = fc.record({
  type: fc.constantFrom(...ALL_TYPES),
  entry: fc.nat(),
  extras: fc.array(extraArb, { minLength: 1, maxLength: 3 }),
});

function extraCondition(e: { readonly pick: number; readonly values: string }): Extra {
  const base = POOL[e.pick % POOL.length];
  const values =
    e.values === 'same'
      ? [...base.values]
      : e.values === 'reordered'
        ? [...base.values].reverse()
        : e.values === 'other'
          ? ['other-value']
          : [...base.values, 'other-value'];
  return base.key !== undefined ? { test: base.test, key: base.key, values } : { test: base.test, claim: base.claim, values };
}

/** Every statement of every policy document the description renders, with its condition blocks. */
function renderedStatements(model: Model): { condition?: { test: string; variable: string }[] }[] {
  return model.accounts.flatMap((a) =>
    describeAccount(a)
      .elements.filter((e) => e.type === 'aws_iam_policy_document')
      .flatMap((e) => e.body.statement as { condition?: { test: string; variable: string }[] }[]),
  );
}

const slot = (c: { test: string; variable: string }) => `${c.test}\u0000${c.variable.toLowerCase()}`;

describe('GIVEN any trust entry of any type with extra conditions on the keys trust entries pin', () => {
  it('the entries tried hold every trust type of the schema', () => {
    expect(new Set(ENTRIES.map((e) => e.type))).toEqual(new Set(ALL_TYPES));
  });

  it('the entries tried hold the forms of issue 24: HCP Terraform workspace "*", the CircleCI V2 token with a repository and branches, GitHub idsIn migration', () => {
    const trust = (e: (typeof ENTRIES)[number]) => EXAMPLES[e.s].accounts[e.ai].roles[e.ri].trust[e.ti];
    const forms = ENTRIES.map(trust);
    expect(forms).toContainEqual(expect.objectContaining({ type: 'hcp-terraform', workspace: '*' }));
    expect(forms).toContainEqual(
      expect.objectContaining({ type: 'circleci', tokenVersion: 'v2', vcsOrigin: expect.any(String), branches: expect.arrayContaining([expect.any(String)]) }),
    );
    expect(forms).toContainEqual(expect.objectContaining({ type: 'github-actions', idsIn: 'migration' }));
  });

  it('WHEN resolved and described THEN it is refused at a field with a fix, or no rendered statement has two blocks with one operator and key', () => {
    const outcomes = { written: 0, refusedRepeat: 0 };
    fc.assert(
      fc.property(caseArb, ({ type, entry, extras }) => {
        const ofType = ENTRIES.filter((e) => e.type === type);
        const at = ofType[entry % ofType.length];
        const spec = structuredClone(EXAMPLES[at.s]);
        const trust = spec.accounts[at.ai].roles[at.ri].trust[at.ti];
        const added = extras.map(extraCondition);
        trust.conditions = [...(trust.conditions ?? []), ...added];
        let model: Model;
        try {
          model = resolveModel(validateSpec(spec, 'spec.yaml'));
        } catch (e) {
          if (!isSpecError(e)) throw e;
          for (const p of e.problems) {
            expect(p.file).toMatch(/^spec\.yaml/);
            expect(p.path.length).toBeGreaterThan(0);
            expect(p.fix.length).toBeGreaterThan(0);
            if (/IAM reads as OR/.test(p.message)) {
              expect(p.path).toMatch(new RegExp(`^accounts\\[${at.ai}\\]\\.roles\\[${at.ri}\\]\\.trust\\[${at.ti}\\]\\.conditions\\[\\d+\\]$`));
              outcomes.refusedRepeat++;
            }
          }
          return;
        }
        outcomes.written++;
        for (const s of renderedStatements(model)) {
          const slots = (s.condition ?? []).map(slot);
          expect(new Set(slots).size).toBe(slots.length);
        }
      }),
      { numRuns: 100 },
    );
    // Both outcomes happen: the property is not passing on refusals alone, nor on conditions that never repeat.
    expect(outcomes.written).toBeGreaterThan(0);
    expect(outcomes.refusedRepeat).toBeGreaterThan(0);
  });
});
