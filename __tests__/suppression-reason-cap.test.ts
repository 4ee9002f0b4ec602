/**
 * A suppression reason is printed with every finding it accepts; an
 * account-wide one repeats once per role (issue 26, class 7: a 1 MiB reason
 * printed 22 MB). A reason longer than REASON_SHOWN characters is cut, with a
 * pointer to where it is written in full.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import { REASON_SHOWN, suppressionNote } from '../src/lint';
import { tempDir } from './helpers/synth';

const MIB = 1024 * 1024;
const ROLES = 30;

function project(reason: string): string {
  const dir = tempDir('xacct-reason-');
  writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
  const spec = {
    version: 1,
    accounts: [
      {
        name: 'a',
        id: '111111111111',
        region: 'eu-west-1',
        suppressions: [{ rule: 'TRUST015', reason }],
        roles: Array.from({ length: ROLES }, (_, i) => ({ name: `vendor-${i}`, trust: [{ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor' }] })),
      },
    ],
  };
  writeFileSync(join(dir, 'spec.yaml'), stringify(spec, { lineWidth: 0 }));
  return dir;
}

async function run(dir: string, argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = { cwd: dir, env: { PATH: process.env.PATH }, stdout: (t) => (out += t), stderr: (t) => (out += t) };
  return { code: await runCli(argv, io), out };
}

describe(`GIVEN an account-wide suppression with a 1 MiB reason, accepting a finding on each of ${ROLES} roles`, () => {
  const reason = `${'the vendor cannot send an ExternalId; '.repeat(MIB / 38 + 1).slice(0, MIB - 3)}end`;
  const dir = project(reason);

  test.each([['synth'], ['check']])(
    'WHEN `%s` runs THEN every finding shows the start of the reason and where the rest is, and the output stays small',
    async (verb) => {
      // synth's summary lists every warning with --verbose (by default one line per rule above ten); check lists them all.
      const { code, out } = await run(dir, [verb, '--spec', 'spec.yaml', ...(verb === 'synth' ? ['--verbose'] : [])]);
      expect(code).toBe(0);
      const notes = out.match(/\(suppressed at accounts\[0\]\.suppressions\[0\]: /g) ?? [];
      expect(notes.length).toBeGreaterThanOrEqual(ROLES);
      expect(out).toContain(
        `${reason.slice(0, REASON_SHOWN)}... [the first ${REASON_SHOWN} of ${MIB} characters; the whole reason is at accounts[0].suppressions[0].reason]`,
      );
      expect(out).not.toContain(reason.slice(0, REASON_SHOWN + 1));
      // Before the cap each note carried the whole MiB: at least ROLES MiB in all.
      expect(Buffer.byteLength(out)).toBeLessThan(notes.length * (REASON_SHOWN + 400) + 64 * 1024);
    },
    60_000,
  );
});

describe('GIVEN suppressionNote', () => {
  const at = 'accounts[0].roles[1].suppressions[0]';

  test(`THEN a reason of up to ${REASON_SHOWN} characters is shown whole`, () => {
    const r = 'x'.repeat(REASON_SHOWN);
    expect(suppressionNote({ path: at, reason: r })).toBe(` (suppressed at ${at}: ${r})`);
  });

  test('THEN a longer one is cut at a character, never inside one, and says how long it is and where', () => {
    const r = '😀'.repeat(REASON_SHOWN + 1);
    const note = suppressionNote({ path: at, reason: r });
    expect(note).toBe(
      ` (suppressed at ${at}: ${'😀'.repeat(REASON_SHOWN)}... [the first ${REASON_SHOWN} of ${REASON_SHOWN + 1} characters; the whole reason is at ${at}.reason])`,
    );
    expect(suppressionNote({ path: at, reason: '😀'.repeat(REASON_SHOWN) })).toBe(` (suppressed at ${at}: ${'😀'.repeat(REASON_SHOWN)})`);
  });
});
