/**
 * `import` / `audit` on the command line (issue 21 item 7): a reserved
 * account name is refused with exit 2 and a fix, an `--account` with no
 * export and roles without list-roles data are warned about.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verb as auditVerb } from '../src/cli/verbs/audit';
import { verb as importVerb } from '../src/cli/verbs/import';
import { tempDir } from './helpers/synth';

const DIR = join(__dirname, '..', 'examples', 'brownfield');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(DIR, f));
const NAMES = ['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444'];

async function run(verb: typeof importVerb, argv: string[]) {
  const dir = tempDir('xacct-bf-cli-');
  const out = { stdout: '', stderr: '' };
  const code = await verb.run(argv, { cwd: dir, env: {}, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) });
  return { code, ...out, files: readdirSync(dir) };
}
const accounts = (names: string[]) => names.flatMap((n) => ['--account', n]);

test.each([['import'], ['audit']])(
  'GIVEN --account workloads=ID (the folder of the workload settings) WHEN %s runs THEN exit 2 with a fix, no stack trace, nothing written',
  async (name) => {
    const verb = name === 'import' ? importVerb : auditVerb;
    const r = await run(verb, [
      '--iam-export',
      ...FILES,
      ...accounts(['workloads=111111111111', 'data-lake=222222222222', 'legacy=444444444444']),
      '--out',
      'out',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the name "workloads" is reserved');
    expect(r.stderr).toContain('--account workloads-account=111111111111');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.files).toEqual([]);
  },
);

test('GIVEN --account mgmt=ID with no export of that account WHEN import runs THEN it says so on stderr', async () => {
  const r = await run(importVerb, ['--iam-export', ...FILES, ...accounts([...NAMES, 'mgmt=999999999999']), '--out', 'spec.yaml']);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('warning: --account mgmt=999999999999: no export of account 999999999999 was given');
});

test('GIVEN an account without list-roles data WHEN import runs THEN it warns that description and max session are not known', async () => {
  const r = await run(importVerb, ['--iam-export', ...FILES, ...accounts(NAMES), '--out', 'spec.yaml']);
  expect(r.stderr).toMatch(/warning: account legacy: 34 of 34 roles have no list-roles data.*max session of 3600 s/);
  expect(r.stderr).not.toMatch(/warning: account platform:.*12 of 12/);
});
