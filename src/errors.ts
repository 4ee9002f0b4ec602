/**
 * Every error a user can cause, in one place (the files of `src/errors/`). Each
 * problem names the file, the field path inside it and the fix, so that a
 * failing synth reads like a review comment rather than a stack trace.
 *
 * - `problem.ts`: the one shape, {@link Problem}, and the one class of user
 *   error, {@link UserError} (the CLI prints it and exits 2), with
 *   {@link SpecError} and {@link AccessProofError};
 * - `spec-errors.ts`: the problems of the spec (`problems`, `presetProblems`);
 * - `environment-errors.ts`: environment variables, run modes, the machine (`EnvError`, `envProblems`);
 * - `cli-errors.ts`: the command line (`UsageError`) and the verbs' other inputs (`cliProblems`);
 * - `export-errors.ts`: the IAM exports `audit` and `import` read (`ExportError`, `exportProblems`);
 * - `text.ts`: how messages show paths, values and characters.
 */
export { AccessProofError, formatProblem, isSpecError, SpecError, UserError, type Problem, type Remedy } from './errors/problem';
export { UserError as InputError } from './errors/problem';
export { describeChar, formatPath, parsePath, quoteValue, withArticle } from './errors/text';
export { presetProblems, problems } from './errors/spec-errors';
export { EnvError, envProblems } from './errors/environment-errors';
export { cliProblems, UsageError } from './errors/cli-errors';
export { ExportError, exportProblems, formatExportProblem, type ExportProblem } from './errors/export-errors';
