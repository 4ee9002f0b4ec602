/**
 * The one shape of "what is wrong, and the fix": a {@link Problem}, and the one
 * class of error a user can cause and fix, {@link UserError}, which the CLI
 * prints (no stack trace) and maps to exit 2. A {@link SpecError} is a
 * UserError carrying every Problem of the spec; the groups of factories beside
 * this file (`spec-errors.ts`, `environment-errors.ts`, `cli-errors.ts`,
 * `export-errors.ts`) build the Problems, or a {@link ProblemLike} where no
 * file is at fault, and return them as data: the error classes take them.
 */

export interface Problem {
  /** The spec file, or `<inline>` for a spec given through the TypeScript API. */
  readonly file: string;
  /** Field path inside the spec, e.g. `accounts[1].roles[0].trust[0].issuer`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** What to change to make it right. */
  readonly fix: string;
  /** A stable rule id, where the problem comes from a named rule. */
  readonly ruleId?: string;
}

/**
 * What one {@link UserError} says: a whole {@link Problem} where a file (and a field in it) is at
 * fault, else what is wrong and the fix alone (the environment, the command line, a folder). No
 * fix where the message says it in passing, or where the verb's usage follows (a UsageError). Every
 * factory group returns Problems or these; every error class takes them.
 */
export type ProblemLike = Problem | { readonly message: string; readonly fix?: string };

/** The last line of every problem, finding and user error: the fix, indented under what is wrong. */
export function fixLine(fix: string): string {
  return `\n    fix: ${fix}`;
}

export function formatProblem(p: Problem): string {
  const where = p.path ? `${p.file}: ${p.path}` : p.file;
  const rule = p.ruleId ? ` [${p.ruleId}]` : '';
  return `${where}${rule}: ${p.message}${fixLine(p.fix)}`;
}

/** A Problem or a ProblemLike as a UserError's message: placed (file and field) when it is a Problem, else the message and its fix line. */
function problemText(p: ProblemLike): string {
  if ('file' in p) return formatProblem(p);
  return p.fix === undefined ? p.message : `${p.message}${fixLine(p.fix)}`;
}

/**
 * The fix (and rule id) of a schema message, kept as data beside the message
 * rather than packed into it: the issue's `params` (see `fix()` and `issue()`
 * of `src/input/primitives/fields.ts`).
 */
export interface Remedy {
  readonly fix: string;
  /** A stable rule id, e.g. `IAM001`, when a named rule is behind the check. */
  readonly ruleId?: string;
}

/** The own `names` of an error class, read by `instanceof` (none: recognized by its prototype only). */
function ownNames(cls: object): readonly string[] {
  return Object.prototype.hasOwnProperty.call(cls, 'names') ? (cls as { readonly names: readonly string[] }).names : [];
}

/**
 * Any error a user can cause and fix, other than a lint finding: bad input (a
 * plan, a folder, an account name, a package.json), a bad command line, a bad
 * environment, the spec. It takes the {@link ProblemLike} a factory group
 * built; its message says what is wrong and, with a fix, ends with a
 * `    fix: ...` line. The CLI prints the message and exits 2.
 */
export class UserError extends Error {
  constructor(problem: ProblemLike) {
    super(problemText(problem));
    this.name = 'UserError';
  }

  /**
   * The `name`s of this class's instances and its subclasses' (read by `instanceof`, below). A
   * subclass that another bundle may throw names its own; one that does not is recognized by its
   * prototype only.
   */
  static readonly names: readonly string[] = ['UserError', 'UsageError', 'EnvError', 'ExportError', 'SpecError', 'AccessProofError'];

  /**
   * Each bundle of the package (the API, `cross-account-iam/cdktf`, `cross-account-iam/cdktn`,
   * the CLI) holds its own copy of these classes: `instanceof` also recognizes an instance from
   * another copy, by its name.
   */
  static [Symbol.hasInstance](this: object, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return value instanceof Error && ownNames(this).includes(value.name);
  }
}

/** Thrown for any bad input. Carries every problem found, not just the first. */
export class SpecError extends UserError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = [...problems];
    super({ message: `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the spec; nothing was written.\n` + sorted.map(formatProblem).join('\n') });
    this.name = 'SpecError';
    this.problems = sorted;
  }

  /** The `name`s of this class's instances and its subclasses' (read by `instanceof`, below). */
  static override readonly names: readonly string[] = ['SpecError', 'AccessProofError'];

  /**
   * Each bundle of the package (the API, `cross-account-iam/cdktf`, `cross-account-iam/cdktn`,
   * the CLI) holds its own copy of this class: `instanceof` recognizes a SpecError from any of them,
   * by its name (a SpecError is also any subclass's instance; an AccessProofError only its own).
   */
  static override [Symbol.hasInstance](this: object, value: unknown): boolean {
    return value instanceof Error && ownNames(this).includes(value.name) && Array.isArray((value as { problems?: unknown }).problems);
  }
}

/**
 * Thrown by synth when its access proof fails (PROOF001): the same problems
 * as a SpecError, one per failing check, and nothing written. Exit 1
 * (findings), where other bad input is exit 2.
 */
export class AccessProofError extends SpecError {
  static override readonly names: readonly string[] = ['AccessProofError'];

  constructor(problems: readonly Problem[]) {
    super(problems);
    this.name = 'AccessProofError';
    this.message = `${problems.length} check${problems.length === 1 ? '' : 's'} of the access proof fail${problems.length === 1 ? 's' : ''}; nothing was written.\n${problems.map(formatProblem).join('\n')}`;
  }
}

export function isSpecError(e: unknown): e is SpecError {
  return e instanceof SpecError;
}
