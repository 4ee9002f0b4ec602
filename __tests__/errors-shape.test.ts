/**
 * One problem shape: one user-error class that every bad input, command line and environment
 * is (the CLI maps it to exit 2), the schema's fixes as data on the issue, and export problems
 * that are Problems.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import {
  AccessProofError,
  cliProblems,
  EnvError,
  ExportError,
  exportProblems,
  envProblems,
  formatProblem,
  problems,
  SpecError,
  UsageError,
  usageProblems,
  UserError,
  type Problem,
} from '../src/errors';
import { fix } from '../src/input/primitives/fields';
import { zodProblems } from '../src/input/zod-problems';

const problem: Problem = { file: 'spec.yaml', path: 'accounts[0].name', message: 'bad', fix: 'good' };

describe('one user-error class', () => {
  test('GIVEN every error a user can cause WHEN asked whether it is a UserError THEN it is, and a bug is not', () => {
    const userErrors = [
      new UserError({ message: 'a folder is missing', fix: 'make it' }),
      new UserError(problem),
      new SpecError([problem]),
      new AccessProofError([problem]),
      new EnvError(envProblems.notUnderstood('X', '1', 'set X=0')),
      new UsageError(usageProblems.unknownOption('-x')),
      new ExportError([exportProblems.noAccount('a.json')]),
      new UserError(cliProblems.initNotAFolder('x')),
    ];
    for (const e of userErrors) expect(e).toBeInstanceOf(UserError);
    expect(new Error('a bug')).not.toBeInstanceOf(UserError);
    expect(new TypeError('x is undefined')).not.toBeInstanceOf(UserError);
  });

  test('GIVEN a message and a fix WHEN a UserError is made THEN the fix is its last line, in the shape every problem prints', () => {
    expect(new UserError({ message: 'diff: no cdktf.json in /p', fix: 'run it in the root' }).message).toBe(
      'diff: no cdktf.json in /p\n    fix: run it in the root',
    );
    expect(new UserError({ message: 'plain' }).message).toBe('plain');
    expect(new UserError(cliProblems.noCdktfJson('/p')).message).toBe(
      "diff: no cdktf.json in /p\n    fix: run it in the project's root folder (`cross-account-iam init` makes one)",
    );
    expect(formatProblem(problem)).toBe('spec.yaml: accounts[0].name: bad\n    fix: good');
  });

  test('GIVEN a whole Problem WHEN a UserError is made of it THEN it prints as formatProblem does: file, field, message, fix', () => {
    expect(new UserError(problem).message).toBe(formatProblem(problem));
    expect(new UserError({ ...problem, path: '' }).message).toBe('spec.yaml: bad\n    fix: good');
  });

  test('GIVEN every factory group WHEN called THEN each returns data (a Problem, or a message and a fix), never an error', () => {
    const made = [
      problems.selfTrust('spec.yaml', 'accounts[0].roles[0].trust[0]', 'deployer'),
      problems.iamUserNotAllowed('spec.yaml', 'accounts[0].roles[0].trust[0].type', 'ci'),
      envProblems.offlineWhileApplying('OFFLINE_DRY_RUN', 'cdktf deploy'),
      cliProblems.noCdktfJson('/p'),
      usageProblems.unexpectedArgument('x'),
      exportProblems.noAccount('a.json'),
    ];
    for (const p of made) {
      expect(p).not.toBeInstanceOf(Error);
      expect(typeof p.message).toBe('string');
    }
  });

  test('GIVEN an error of another bundle (another copy of the class) WHEN tested with instanceof THEN its name decides, and each subclass recognizes only its own', () => {
    const foreign = (name: string, extra: object = {}) => Object.assign(new Error('m'), { name }, extra);
    expect(foreign('EnvError')).toBeInstanceOf(EnvError);
    expect(foreign('EnvError')).toBeInstanceOf(UserError);
    expect(foreign('EnvError')).not.toBeInstanceOf(UsageError);
    expect(foreign('UsageError')).not.toBeInstanceOf(EnvError);
    expect(foreign('SpecError', { problems: [] })).toBeInstanceOf(SpecError);
    expect(foreign('SpecError', { problems: [] })).toBeInstanceOf(UserError);
    expect(foreign('SpecError')).not.toBeInstanceOf(SpecError);
    expect(foreign('SpecError', { problems: [] })).not.toBeInstanceOf(AccessProofError);
    expect(foreign('TypeError')).not.toBeInstanceOf(UserError);
    expect(new EnvError({ message: 'p', fix: 'f' })).not.toBeInstanceOf(UsageError);
    expect(new UsageError({ message: 'u' })).not.toBeInstanceOf(SpecError);
  });

  test('GIVEN the access proof refusing its plan WHEN the CLI runs it THEN it prints the message, no stack, and exits 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'errors-shape-'));
    const plan = join(cwd, 'plan.json');
    writeFileSync(plan, 'not json');
    const err: string[] = [];
    const io: CliIO = { cwd, env: {}, stdout: () => undefined, stderr: (t) => void err.push(t) };
    const code = await runCli(['access', '--plan', plan, '--spec', resolve('examples/default/spec.yaml'), '--out', join(cwd, 'report')], io);
    expect(err.join('')).toContain(`${plan}: cannot read it as JSON`);
    expect(err.join('')).not.toMatch(/internal error|\n\s+at /);
    expect(code).toBe(2);
    rmSync(cwd, { recursive: true, force: true });
  });
});

describe('fix(): a fix, not a message', () => {
  const parse = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    return zodProblems(r.error, 'spec.yaml').map((p) => p.problem);
  };

  test('GIVEN fix(message, fix, rule) WHEN read THEN it carries the message and the remedy as data', () => {
    const f = fix('too short', 'write more', 'IAM009');
    expect(f.text).toBe('too short');
    expect(f.remedy).toEqual({ fix: 'write more', ruleId: 'IAM009' });
  });

  test('GIVEN a check with fix() as its params WHEN it fails THEN the problem has that message, fix and rule', () => {
    const [p] = parse(z.string().min(3, fix('too short', 'write at least 3 characters', 'IAM009')), 'ab');
    expect(p).toEqual({ file: 'spec.yaml', path: '(top level)', message: 'too short', fix: 'write at least 3 characters', ruleId: 'IAM009' });
  });

  test('GIVEN a schema with fix() as its error WHEN given another type THEN the problem has that message and fix', () => {
    const [p] = parse(z.object({ name: z.string({ error: fix('expected the name as text', 'quote it') }) }), { name: 5 });
    expect(p).toMatchObject({ path: 'name', message: 'expected the name as text', fix: 'quote it' });
    expect(p.ruleId).toBeUndefined();
  });

  test('GIVEN one message with two fixes in two places WHEN each fails THEN each problem has its own fix (nothing is keyed by the message)', () => {
    const a = z.string().regex(/^a/, fix('bad value', 'start it with a'));
    const b = z.string().regex(/^b/, fix('bad value', 'start it with b'));
    expect(parse(a, 'x')[0].fix).toBe('start it with a');
    expect(parse(b, 'x')[0].fix).toBe('start it with b');
  });

  test("GIVEN a check without fix() WHEN it fails THEN zod's own issue gets the generic fix", () => {
    const [p] = parse(z.string().min(3), 'ab');
    expect(p.fix).toBe('add the missing entries or a larger value');
  });
});

describe('export problems are Problems', () => {
  test('GIVEN an export problem WHEN read THEN it has exactly the fields of a Problem (its role is only its path)', () => {
    expect(Object.keys(exportProblems.badRole('a.json', 'deployer', 'm')).sort()).toEqual(['file', 'fix', 'message', 'path']);
  });

  test('GIVEN an export problem with a role and one without WHEN printed THEN they read as before: file, role, message, fix', () => {
    const withRole = exportProblems.badRole('a.json', 'deployer', 'its trust is not JSON');
    expect(withRole.path).toBe('role deployer');
    expect(formatProblem(withRole)).toBe(
      'a.json: role deployer: its trust is not JSON\n    fix: export the account again with `aws iam get-account-authorization-details --output json`; do not edit the file by hand',
    );
    expect(formatProblem(exportProblems.noAccount('b.json'))).toMatch(/^b\.json: nothing in the file names its account/);
    expect(new ExportError([withRole]).message).toBe(`1 problem in the IAM export; nothing was written.\n${formatProblem(withRole)}`);
  });
});
