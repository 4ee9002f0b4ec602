/**
 * The rule behind the one problem shape: every "what is wrong, and the fix" is built in
 * `src/errors/` and printed by it. Elsewhere in src/ there is no hand-written fix line, no error
 * class of its own, and no user error made of bare text: a factory builds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

/** Every .ts file under src/, outside src/errors/ and src/errors.ts, with its text. */
function sourcesOutsideErrors(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      const file = relative(SRC, path).split('\\').join('/');
      if (file === 'errors' || file === 'errors.ts') continue;
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) out.push({ file, text: readFileSync(path, 'utf8') });
    }
  };
  walk(SRC);
  return out;
}

/** `file:line: text` of each match of `pattern` in the sources (a match may span lines: `new UserError(` then the text on the next). */
function offending(pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}gm`);
  return sourcesOutsideErrors().flatMap(({ file, text }) =>
    [...text.matchAll(global)].map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0].trim()}`),
  );
}

/** A user error made of text or of an object literal, not of what a factory returned. */
const USER_ERROR_OF_TEXT = /new\s+(UserError|EnvError|UsageError|InputError)\(\s*[`'"{]/;

describe('every user error is built in src/errors/', () => {
  test('GIVEN the sources WHEN scanned THEN they are many, so that the scans below read something', () => {
    expect(sourcesOutsideErrors().length).toBeGreaterThan(100);
  });

  test('GIVEN src/ outside src/errors/ WHEN scanned for a fix line written by hand ("\\n    fix:") THEN there is none: fixLine and formatProblem write it', () => {
    expect(offending(/\\n {4}fix:|^\s*[`'"] {4}fix:/)).toEqual([]);
  });

  test('GIVEN src/ outside src/errors/ WHEN scanned for error classes THEN none is declared there: UserError and its kinds are in src/errors/', () => {
    expect(offending(/\bclass\s+\w+\s+extends\s+\w*Error\b/)).toEqual([]);
  });

  test('GIVEN src/ outside src/errors/ WHEN scanned for user errors made of text or of a literal problem THEN there is none: each takes what a factory group built', () => {
    expect(offending(USER_ERROR_OF_TEXT)).toEqual([]);
  });

  test('GIVEN the scans WHEN they meet what they forbid THEN they report it (the patterns are not blind)', () => {
    const fixLine = /\\n {4}fix:|^\s*[`'"] {4}fix:/;
    expect(fixLine.test('io.stderr(`x\\n    fix: y\\n`);')).toBe(true);
    expect(fixLine.test("  '    fix: name the spec',")).toBe(true);
    expect(/\bclass\s+\w+\s+extends\s+\w*Error\b/.test('export class OfflineModeError extends EnvError {}')).toBe(true);
    expect(USER_ERROR_OF_TEXT.test('throw new UsageError(\n  `unknown option ${arg}`);')).toBe(true);
    expect(USER_ERROR_OF_TEXT.test("throw new UserError({ message: 'x', fix: 'y' });")).toBe(true);
    expect(USER_ERROR_OF_TEXT.test('throw new UserError(cliProblems.noStacks(dir));')).toBe(false);
  });
});
