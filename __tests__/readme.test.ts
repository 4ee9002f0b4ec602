/** The README documents every lint rule the pack runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/lint';

test('every lint rule id appears in the README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const documented = (id: string) => readme.includes(`| ${id} |`) || (id.startsWith('IAM') && readme.includes('| IAM001-010 |'));
  expect(RULES.map((r) => r.id).filter((id) => !documented(id))).toEqual([]);
});
