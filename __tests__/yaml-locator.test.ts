/**
 * A YAML spec is located without keeping its parsed document
 * (src/input/yaml-locator.ts): for any document and any path, existing or not,
 * the line is the one the document itself gives (`Document.getIn`, walking up
 * to the nearest node that exists: __tests__/helpers/yaml-lines.ts).
 */
import fc from 'fast-check';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { defaultSpec } from '../src/examples/default-spec';
import { parseSpecYaml } from '../src/input/load';
import { yamlLocator } from '../src/input/yaml-locator';
import { documentLines, yamlLines } from './helpers/yaml-lines';

/** Every path into a value, plus a few that leave it (a missing key, an index past the end, an index as text, a path through a scalar). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, 'missing'], [...prefix, 99], [...prefix, '1'], [...prefix, ' 0'], [...prefix, '']];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function bothAgree(text: string, paths: readonly (readonly (string | number)[])[]): void {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const compact = yamlLocator(doc, lc);
  const reference = documentLines(doc, lc);
  for (const path of paths) expect([path, compact(path)]).toEqual([path, reference(path)]);
}

const keyArb = fc.oneof(fc.constantFrom('accounts', 'roles', 'trust', 'a b', 'quo"te', '0', '1', 'null', 'true', '- x', '? k'), fc.string({ maxLength: 4 }));
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
})).object;
const segmentArb = fc.constantFrom<string | number>('a', 'b', 'k', '0', '1', 0, 1, 2, '01', '1.0', '', 'x', 'anchor');

describe('the YAML locator', () => {
  it('GIVEN any data written as YAML, block or flow WHEN any path is located THEN the line is the document’s', () => {
    fc.assert(
      fc.property(valueArb, fc.constantFrom(undefined, 'flow'), (value, style) => {
        const text = stringify(value, style === 'flow' ? { collectionStyle: 'flow', lineWidth: 20 } : undefined);
        bothAgree(text, pathsOf(value));
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN anchors, aliases, merge keys, complex and numeric keys, empty values and pairs in a flow sequence WHEN located THEN the lines are the document’s', () => {
    const text = [
      'a: &x',
      '  k: 1',
      '  1: one',
      'b: *x',
      'c:',
      '? [k, 2]',
      ': complex',
      '? x',
      'd: [a: 1, b, {k: v}]',
      'e:',
      '  - ',
      '  - - 0',
      '    - *x',
      'null: n',
      '<<: *x',
      '',
    ].join('\n');
    const segments = ['a', 'b', 'c', 'd', 'e', 'k', 'x', '1', 1, 0, '0', 2, 'null', '<<'];
    const paths = segments.flatMap((s) => [[s], ...segments.flatMap((t) => [[s, t], ...segments.map((u) => [s, t, u])])]);
    bothAgree(text, [[], ...paths]);
  });

  it('GIVEN any text, YAML or not WHEN random paths are located THEN the line is the document’s', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^([ -]{0,3}[abk01]{1,2}: ?[[\]{}&*ab,-]{0,3}\n){1,6}$/)),
        fc.array(fc.array(segmentArb, { maxLength: 4 }), { maxLength: 8 }),
        (text, paths) => bothAgree(text, [[], ...paths]),
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN the default example as YAML WHEN every field is located THEN the lines are the document’s', () => {
    const text = stringify(defaultSpec);
    const loaded = parseSpecYaml(text, 'spec.yaml');
    const reference = yamlLines(text);
    for (const path of pathsOf(defaultSpec)) expect([path, loaded.locate?.(path)]).toEqual([path, reference(path)]);
  });
});
