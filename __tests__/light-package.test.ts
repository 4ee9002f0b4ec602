/**
 * A light, engine-neutral package: its runtime dependencies are yaml and zod;
 * cdktf, cdktn, constructs and the AWS bindings are optional peers, loaded only
 * by the engines' entry points (src/constructs/cdktf.ts, cdktn.ts), each of
 * which reaches its own engine and never the other. (The size and time of an
 * install are checked by scripts/smoke-package.sh, and measured by
 * `npm run bench -- --only install`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { packagesReachedFrom } from './helpers/imports';

const ROOT = resolve(__dirname, '..');
const SRC = join(ROOT, 'src');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tools = JSON.parse(readFileSync(join(ROOT, 'tools', 'cdktn', 'package.json'), 'utf8'));
const ENGINE_PACKAGES = /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/;

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('GIVEN package.json', () => {
  test('THEN the runtime dependencies are yaml and zod only, pinned', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['yaml', 'zod']);
    for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('THEN cdktf, cdktn, constructs and both bindings are optional peers with ranges, each tested at a version inside its range', () => {
    const semver = require('semver') as { satisfies(v: string, r: string): boolean };
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@cdktf/provider-aws', '@cdktn/provider-aws', 'cdktf', 'cdktn', 'constructs']);
    for (const [name, range] of Object.entries<string>(pkg.peerDependencies)) {
      expect([name, pkg.peerDependenciesMeta[name]]).toEqual([name, { optional: true }]);
      expect([name, /^\d+\.\d+\.\d+$/.test(range)]).toEqual([name, false]);
      const tested = [pkg.devDependencies[name], tools.dependencies[name]].filter((v): v is string => v !== undefined);
      expect([name, tested.length > 0 && tested.every((v) => semver.satisfies(v, range))]).toEqual([name, true]);
    }
    // Both engines accept the constructs tested here: cdktn 0.24 wants >=10.6.0 <10.8.0.
    expect(semver.satisfies(pkg.devDependencies.constructs, '>=10.6.0 <10.8.0')).toBe(true);
  });

  test('THEN each engine has its entry point, with its declarations', () => {
    expect(pkg.exports['./cdktf']).toEqual({ types: './dist/types/constructs/cdktf.d.ts', default: './dist/cdktf.js' });
    expect(pkg.exports['./cdktn']).toEqual({ types: './dist/types/constructs/cdktn.d.ts', default: './dist/cdktn.js' });
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/cdktf.js', 'dist/cdktn.js']));
  });
});

describe('GIVEN the sources', () => {
  const outside = sources(SRC).filter((f) => !f.startsWith(join(SRC, 'constructs')));

  test('WHEN outside src/constructs THEN no file imports or requires a package but yaml, zod and node built-ins', () => {
    const found = outside.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const specs = [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^'.][^']*)';$/gms), ...text.matchAll(/\brequire\('([^'.][^']*)'\)/g)].map(
        (m) => m[1],
      );
      return specs.filter((s) => !/^(node:|yaml$|zod(\/|$))/.test(s) && s !== 'package.json').map((s) => `${relative(ROOT, file)}: ${s}`);
    });
    expect(found).toEqual([]);
  });

  test.each([
    ['cdktf', 'cdktn'],
    ['cdktn', 'cdktf'],
  ])('WHEN the %s entry point is loaded THEN it reaches its engine and never %s', (engine, other) => {
    const reached = [...packagesReachedFrom(join(SRC, 'constructs', `${engine}.ts`))].filter((p) => ENGINE_PACKAGES.test(p));
    expect(reached.sort()).toEqual([engine, 'constructs'].sort());
    expect(reached).not.toContain(other);
  });

  test('WHEN the API (src/index.ts) or the CLI (src/cli/bin.ts) is loaded THEN no engine package is reached', () => {
    for (const entry of ['index.ts', join('cli', 'bin.ts')])
      expect([entry, [...packagesReachedFrom(join(SRC, entry))].filter((p) => ENGINE_PACKAGES.test(p))]).toEqual([entry, []]);
  });
});

describe('GIVEN two copies of the errors module (as in two bundles of the package)', () => {
  test("WHEN one copy throws a SpecError THEN the other copy's SpecError recognizes it, and nothing else", () => {
    let mine: typeof import('../src/errors') | undefined;
    let theirs: typeof import('../src/errors') | undefined;
    jest.isolateModules(() => (mine = require('../src/errors')));
    jest.isolateModules(() => (theirs = require('../src/errors')));
    expect(mine!.SpecError).not.toBe(theirs!.SpecError);
    const error = new theirs!.SpecError([{ file: 'spec.yaml', path: 'accounts', message: 'm', fix: 'f' }]);
    expect(error instanceof mine!.SpecError).toBe(true);
    expect(new Error('SpecError') instanceof mine!.SpecError).toBe(false);
    expect(new mine!.EnvError({ message: 'p', fix: 'f' }) instanceof mine!.SpecError).toBe(false);
  });
});
