/**
 * The docs steps of CONTRIBUTING.md's recipes, held by the lists they document:
 * every trust type has a row in README.md's trust-type table, every CI preset
 * (from its record) a row in the first table of docs/issuers.md, and every verb
 * (from `VERBS`) a row in the command table of docs/cli.md. A newcomer who
 * follows a recipe and forgets its docs is told here which row is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERBS } from '../src/cli/verbs';
import { CI_PRESETS } from '../src/input/trust-types/ci-presets';
import { trustTypes } from '../src/input/trust-types';

const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');

/** The first cells of the table under the first line of `text` that starts with `header`. */
function firstCells(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(header));
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(/(?<!\\)\|/)[1].trim());
  }
  return start < 0 ? [] : rows;
}

/** The code spans of a cell: `a`, `b`. */
const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

test('GIVEN a table WHEN its first cells are read THEN the rows under the header come back, escaped pipes kept in their cell', () => {
  expect(firstCells('x\n| a | b |\n|---|---|\n| `p\\|q` | 1 |\n| `r` | 2 |\n\nafter', '| a |')).toEqual(['`p\\|q`', '`r`']);
  expect(firstCells('no table', '| a |')).toEqual([]);
});

test("GIVEN README.md's trust-type table THEN it names every trust type of the schema", () => {
  const named = firstCells(read('README.md'), '| type | the caller |').flatMap(spans);
  const types = trustTypes.map((t) => t.shape.type.value);
  expect(types.filter((t) => !named.includes(t))).toEqual([]);
});

test('GIVEN the first table of docs/issuers.md THEN it has a row for every CI preset record', () => {
  const named = firstCells(read('docs/issuers.md'), '| type |').flatMap(spans);
  expect(CI_PRESETS.map((p) => p.type).filter((t) => !named.includes(t))).toEqual([]);
});

test("GIVEN docs/cli.md's command table THEN it has a row for every verb", () => {
  const named = firstCells(read('docs/cli.md'), '| command |').map((cell) => spans(cell)[0]?.split(' ')[0]);
  expect(Object.keys(VERBS).filter((v) => !named.includes(v))).toEqual([]);
});
