/** docs/rules.md is the rule pack's own description: it lists every rule that runs, and nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/lint';
import { RULES_DOC, rulesMarkdown } from '../src/lint/rules-doc';
import { LIMIT_RULES } from '../src/input/primitives/limits';

test('GIVEN the committed docs/rules.md WHEN compared with the rule pack THEN it is what `npm run docs:rules` writes', () => {
  const committed = readFileSync(join(__dirname, '..', RULES_DOC), 'utf8');
  // On a mismatch: run `npm run docs:rules` and commit docs/rules.md.
  expect(committed === rulesMarkdown() ? 'in step' : 'drifted: run npm run docs:rules').toBe('in step');
});

test('GIVEN the generated table THEN it has one row per rule of the pack and per IAM limit, each id once', () => {
  const rows = rulesMarkdown()
    .split('\n')
    .filter((l) => /^\| (\[)?(TRUST|IAM|SPEC|WORK|ORG)\d{3}/.test(l))
    .map((l) => /(TRUST|IAM|SPEC|WORK|ORG)\d{3}/.exec(l)![0]);
  expect(rows.sort()).toEqual([...new Set([...RULES.map((r) => r.id), ...LIMIT_RULES.map((l) => l.id)])].sort());
});
