/**
 * The access tools stay plain functions over IAM JSON: nothing they load,
 * directly or through other modules of the project, is cdktf, the AWS
 * provider bindings, constructs, or the AGPL simulator (a devDependency
 * that only the tests use).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packagesReachedFrom } from './helpers/imports';

const SRC = resolve(__dirname, '..', 'src');

describe('src/access', () => {
  const files = (readdirSync(join(SRC, 'access'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();

  it.each(files)('%s reaches no cdktf, provider, constructs or simulator', (file) => {
    const reached = [...packagesReachedFrom(join(SRC, 'access', file))];
    expect(reached.filter((p) => /cdktf|constructs|@cloud-copilot/.test(p))).toEqual([]);
  });

  it('has one concept per file, each under 400 lines (CONTRIBUTING.md, counted as Prettier lays it out)', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) expect([f, readFileSync(join(SRC, 'access', f), 'utf8').split('\n').length < 400]).toEqual([f, true]);
  });
});

it('the scan does find cdktf where it is (src/constructs/cdktf-app.ts)', () => {
  expect([...packagesReachedFrom(join(SRC, 'constructs', 'cdktf-app.ts'))]).toEqual(expect.arrayContaining(['cdktf', 'constructs']));
});

it('synth (the direct engine) reaches no cdktf, provider bindings or constructs: they load only for the cdktf engine', () => {
  expect([...packagesReachedFrom(join(SRC, 'synth.ts'))].filter((p) => /cdktf|constructs/.test(p))).toEqual([]);
});
