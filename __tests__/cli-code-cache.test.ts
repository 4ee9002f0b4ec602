/**
 * The built executable (dist/cli.js) runs the CLI's bundle through V8's code
 * cache (src/cli/code-cache.ts): the first run of a verb leaves a cache file,
 * the next runs compile from it, and nothing the command writes or prints
 * depends on whether there was a cache, a broken one or none.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, cacheFileName, fullCacheName, MAX_CACHE_FILES } from '../src/cli/code-cache';
import { readTree, tempDir } from './helpers/synth';
import { buildCli } from './helpers/cli-bundle';

const work = tempDir('xacct-code-cache-');
const cli = join(work, 'cli.js');
let runs = 0;

/** `node cli.js synth` of the default example into a fresh folder, with the cache in `cacheHome`/cross-account-iam. */
function synth(cacheHome: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  const out = join(work, `run-${++runs}`);
  mkdirSync(out);
  const r = spawnSync(process.execPath, [cli, 'synth', ...args], {
    cwd: out,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, XDG_CACHE_HOME: cacheHome, ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { stdout: r.stdout.split(out).join('<out>'), tree: readTree(out) };
}

const cacheFiles = (cacheHome: string) => (existsSync(join(cacheHome, 'cross-account-iam')) ? readdirSync(join(cacheHome, 'cross-account-iam')) : []);

let reference: ReturnType<typeof synth>;
beforeAll(async () => {
  await buildCli(cli);
  reference = synth(join(work, 'unused'), { NODE_DISABLE_COMPILE_CACHE: '1' });
}, 120_000);

describe('GIVEN the built CLI and NODE_DISABLE_COMPILE_CACHE=1', () => {
  it('THEN it writes no cache', () => {
    expect(existsSync(join(work, 'unused'))).toBe(false);
  });
});

describe('GIVEN the built CLI and an empty cache folder', () => {
  const home = join(work, 'cache-a');

  it('WHEN synth runs THEN it leaves one cache file, named for the build, Node and the verb, readable by its owner only, and writes the same bytes as without', () => {
    expect(synth(home)).toEqual(reference);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}-synth\\.v8cache$`));
    expect(statSync(join(home, 'cross-account-iam')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'cross-account-iam', files[0])).mode & 0o777).toBe(0o600);
  });

  it('WHEN synth runs again THEN it compiles from that cache (the file is not written again) and writes the same bytes', () => {
    const [file] = cacheFiles(home);
    const before = statSync(join(home, 'cross-account-iam', file));
    expect(synth(home)).toEqual(reference);
    const after = statSync(join(home, 'cross-account-iam', file));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });
});

describe('GIVEN a cache made by a synth of the embedded example (which loads neither the schemas nor yaml)', () => {
  const home = join(work, 'cache-e');
  const dir = join(home, 'cross-account-iam');
  const spec = join(work, 'spec.yaml');
  const stat = (f: string) => statSync(join(dir, f));

  it('WHEN a synth of a YAML spec runs THEN it leaves a fuller cache beside the first, which it leaves as it was', () => {
    writeFileSync(spec, readFileSync(join(__dirname, '..', 'examples', 'default', 'spec.yaml')));
    synth(home);
    const [core] = cacheFiles(home);
    const before = stat(core);
    synth(home, {}, ['--spec', spec]);
    expect(cacheFiles(home).sort()).toEqual([core, fullCacheName(core)].sort());
    expect(stat(fullCacheName(core)).size).toBeGreaterThan(before.size);
    expect([stat(core).ino, stat(core).mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('WHEN synth runs again, with the spec or without THEN each compiles from the fuller cache and writes no cache', () => {
    const [core] = cacheFiles(home).filter((f) => !f.endsWith('.full.v8cache'));
    const full = stat(fullCacheName(core));
    synth(home, {}, ['--spec', spec]);
    expect(synth(home)).toEqual(reference);
    expect([stat(fullCacheName(core)).ino, stat(fullCacheName(core)).mtimeMs]).toEqual([full.ino, full.mtimeMs]);
    expect(cacheFiles(home)).toHaveLength(2);
  });

  it('WHEN the fuller cache is one V8 cannot use THEN a synth of the embedded example removes it and keeps to the first', () => {
    const [core] = cacheFiles(home).filter((f) => !f.endsWith('.full.v8cache'));
    writeFileSync(join(dir, fullCacheName(core)), 'not a code cache');
    expect(synth(home)).toEqual(reference);
    expect(cacheFiles(home)).toEqual([core]);
  });
});

describe('GIVEN a cache file that V8 cannot use', () => {
  it('WHEN synth runs THEN it compiles from the source, writes the same bytes, and replaces the file with a usable cache', () => {
    const home = join(work, 'cache-b');
    synth(home);
    const [file] = cacheFiles(home);
    writeFileSync(join(home, 'cross-account-iam', file), 'not a code cache');
    expect(synth(home)).toEqual(reference);
    expect(readFileSync(join(home, 'cross-account-iam', file)).length).toBeGreaterThan(1000);
  });
});

describe('GIVEN a cache folder that others may write', () => {
  it('WHEN synth runs THEN it neither reads nor writes a cache there, and writes the same bytes', () => {
    const home = join(work, 'cache-c');
    mkdirSync(join(home, 'cross-account-iam'), { recursive: true });
    chmodSync(join(home, 'cross-account-iam'), 0o777);
    expect(synth(home)).toEqual(reference);
    expect(cacheFiles(home)).toEqual([]);
  });
});

describe(`GIVEN a cache folder with more than ${MAX_CACHE_FILES} cache files`, () => {
  it(`WHEN synth writes its cache THEN the oldest go and ${MAX_CACHE_FILES} stay, the new one among them`, () => {
    const home = join(work, 'cache-d');
    const dir = join(home, 'cross-account-iam');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (let i = 0; i < MAX_CACHE_FILES + 4; i++) {
      const old = join(dir, `${String(i).padStart(16, '0')}-old.v8cache`);
      writeFileSync(old, 'old');
      utimesSync(old, 1000 + i, 1000 + i);
    }
    synth(home);
    const left = cacheFiles(home);
    expect(left).toHaveLength(MAX_CACHE_FILES);
    expect(left.filter((f) => f.endsWith('-synth.v8cache'))).toHaveLength(1);
    // The five oldest went: the four extra and one more for the new file.
    expect(left.filter((f) => f.endsWith('-old.v8cache')).sort()[0]).toBe(`${String(5).padStart(16, '0')}-old.v8cache`);
  });
});

describe('GIVEN cacheFileName', () => {
  it('THEN runs with other V8 flags or another verb get other files, and an argument that is not a verb gets "other"', () => {
    const base = cacheFileName('0123456789abcdef', 'synth', []);
    expect(cacheFileName('0123456789abcdef', 'synth', ['--max-old-space-size=8192'])).not.toBe(base);
    expect(cacheFileName('0123456789abcdef', 'synth', [], '--cpu-prof')).not.toBe(base);
    expect(cacheFileName('0123456789abcdef', 'access', [])).not.toBe(base);
    expect(cacheFileName('0123456789abcdef', '../../etc/passwd', [])).toMatch(/-other\.v8cache$/);
    expect(cacheFileName('0123456789abcdef', '--help', [])).toMatch(/-other\.v8cache$/);
  });
});

describe('GIVEN cacheDir', () => {
  it('THEN XDG_CACHE_HOME comes first, then an absolute HOME, then the home folder the system knows; a relative folder is no folder', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(join('/x', 'cross-account-iam'));
    expect(cacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe(join('/h', '.cache', 'cross-account-iam'));
    expect(cacheDir({ HOME: '/h' })).toBe(join('/h', '.cache', 'cross-account-iam'));
    expect(cacheDir({ HOME: 'relative' })).toBe(join(homedir(), '.cache', 'cross-account-iam'));
    expect(cacheDir({})).toBe(join(homedir(), '.cache', 'cross-account-iam'));
    // Windows: the system's home folder (USERPROFILE), whatever HOME says (a shell's HOME may be a POSIX-style path).
    expect(cacheDir({ HOME: '/c/Users/me' }, 'win32')).toBe(join(homedir(), '.cache', 'cross-account-iam'));
  });
});

/** The names the bundle's top level gives getters to (esbuild's `__export`): what every run of the CLI pays for. */
function topLevelExportGetters(bundle: string): number {
  return [...bundle.matchAll(/__export\(\w+,\s*\{([^}]*)\}\)/g)].reduce((n, m) => n + (m[1].match(/=>/g) ?? []).length, 0);
}

describe('GIVEN the built bundle', () => {
  it('THEN zod is one unit, run when a spec is first validated: its namespaces (929 getters) are not made by every run', () => {
    const bundle = readFileSync(join(work, 'cli-main.js'), 'latin1');
    expect(topLevelExportGetters(bundle)).toBeLessThan(100);
    // The count counts: zod's ES modules bundled as they are put their namespaces at the top level.
    const { buildSync } = require('esbuild') as typeof import('esbuild');
    const plain = buildSync({
      stdin: { contents: "export { z } from 'zod';", resolveDir: __dirname },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      write: false,
    });
    expect(topLevelExportGetters(plain.outputFiles[0].text)).toBeGreaterThan(900);
  });
});
