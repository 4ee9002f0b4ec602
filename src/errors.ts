/**
 * Every error a user can cause, in one place (the files of `src/errors/`). Each
 * problem names the file, the field path inside it and the fix, so that a
 * failing synth reads like a review comment rather than a stack trace.
 *
 * One shape: a factory builds a {@link Problem} (a file and field are at
 * fault) or a {@link ProblemLike} (what is wrong and the fix alone); an error
 * class takes it (one: UserError, EnvError, UsageError) or a list of Problems
 * (SpecError, AccessProofError, ExportError).
 *
 * - `problem.ts`: the one shape, {@link Problem}, and the one class of user
 *   error, {@link UserError} (the CLI prints it and exits 2), with
 *   {@link SpecError} and {@link AccessProofError};
 * - `spec-errors.ts`: the problems of the spec (`problems`), the loader's, the resolver's and the trust builders';
 * - `environment-errors.ts`: environment variables, run modes, the machine (`EnvError`, `envProblems`);
 * - `cli-errors.ts`: the command line (`UsageError`, `usageProblems`) and the verbs' other inputs (`cliProblems`);
 * - `export-errors.ts`: the IAM exports `audit` and `import` read (`ExportError`, `exportProblems`);
 * - `text.ts`: how messages show paths, values and characters.
 */
export { AccessProofError, fixLine, formatProblem, isSpecError, SpecError, UserError, type Problem, type ProblemLike, type Remedy } from './errors/problem';
export { describeChar, formatPath, parsePath, quoteValue, withArticle } from './errors/text';
export { problems } from './errors/spec-errors';
export { EnvError, envProblems, MACHINE_REASONS, outputFolderProblems } from './errors/environment-errors';
export { cliProblems, explainProblems, UsageError, usageProblems } from './errors/cli-errors';
export { ExportError, exportProblems } from './errors/export-errors';
