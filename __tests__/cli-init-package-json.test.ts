/**
 * `init` merges its scripts and dev dependencies into an existing
 * package.json only when that file is an object whose scripts and dependency
 * maps are objects; anything else (null, [], a string, "scripts": "build", ...)
 * is refused with the file, the line, the field and the fix, and nothing is
 * written (issue 26, class 6: a TypeError before, and for [] a false
 * "added scripts").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { readTree, tempDir } from './helpers/synth';

async function init(pkg: string) {
  const dir = tempDir('xacct-init-pkg-');
  writeFileSync(join(dir, 'package.json'), pkg);
  let stdout = '';
  let stderr = '';
  const code = await runCli(['init', '--no-install'], {
    cwd: dir,
    env: { PATH: process.env.PATH },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { dir, code, stdout, stderr };
}

describe('GIVEN a package.json init cannot merge into', () => {
  it.each([
    ['null', 'null\n', 1, 'the file is null, not an object'],
    ['an array', '[]\n', 1, 'the file is an array, not an object'],
    ['a string', '"my-project"\n', 1, 'the file is a string, not an object'],
    ['a number', '42\n', 1, 'the file is a number, not an object'],
    ['scripts as a string', '{\n  "name": "x",\n  "scripts": "build"\n}\n', 3, '"scripts" is a string, not an object of names to commands'],
    ['scripts as an array', '{\n  "scripts": ["build"]\n}\n', 2, '"scripts" is an array, not an object of names to commands'],
    ['scripts as null', '{"name": "x", "scripts": null}\n', 1, '"scripts" is null, not an object of names to commands'],
    [
      'devDependencies as a string',
      '{\n  "name": "x",\n  "private": true,\n  "devDependencies": "cdktf-cli"\n}\n',
      4,
      '"devDependencies" is a string, not an object of names to versions',
    ],
    ['dependencies as an array', '{\n  "dependencies": []\n}\n', 2, '"dependencies" is an array, not an object of names to versions'],
  ])('WHEN it is %s THEN init exits 2 naming the file, line and field with the fix, and writes nothing', async (_what, text, line, message) => {
    const r = await init(text);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|TypeError/);
    const [first, fix, ...rest] = r.stderr.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(first).toBe(`init: ${join(r.dir, 'package.json')}:${line}: ${message}; nothing was written`);
    expect(fix).toMatch(
      /^ {4}fix: (make it an object such as \{"name": "iam", "private": true\}|write it as an object, e\.g\. "\w+": \{.+\}), or remove it and run init again$/,
    );
    expect(r.stdout).not.toContain('added');
    expect([...readTree(r.dir).keys()]).toEqual(['package.json']);
    expect(readFileSync(join(r.dir, 'package.json'), 'utf8')).toBe(text);
  });
});

describe('GIVEN a package.json that is an object', () => {
  it('WHEN it has scripts of its own THEN init adds only the missing ones and keeps the others', async () => {
    const r = await init('{"name": "x", "scripts": {"build": "tsc", "synth": "my-synth"}, "devDependencies": {}}\n');
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(r.dir, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('tsc');
    expect(pkg.scripts.synth).toBe('my-synth');
    expect(r.stdout).not.toContain('scripts.synth');
    expect(Object.keys(pkg.scripts).length).toBeGreaterThan(2);
  });
});
