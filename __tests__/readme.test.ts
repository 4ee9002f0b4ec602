/** The documentation lists every lint rule the pack runs: docs/rules.md (generated from the pack), which the README links. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/lint';

test('every lint rule id appears in docs/rules.md, and the README links it', () => {
  const rules = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  const documented = (id: string) => rules.includes(`| [${id}](#${id.toLowerCase()}) |`) || rules.includes(`| ${id} |`);
  expect(RULES.map((r) => r.id).filter((id) => !documented(id))).toEqual([]);
  expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain('[docs/rules.md](docs/rules.md)');
});
