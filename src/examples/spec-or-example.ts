/**
 * The one fallback to the embedded default example: the spec file named, else
 * the example. The library never looks for a spec in the environment: the CLI
 * (and main.ts, through it) reads `--spec` and `$SPEC_FILE` and passes the file
 * down (`src/cli/project.ts`).
 *
 * The example is a constant, so it is shipped validated: `default-spec-validated.ts`
 * is what the schema makes of it (`npm run examples` writes it; a test fails when
 * it differs from what the schema makes of `defaultSpec` today). Its path never
 * builds the spec's schema (bench/README.md, round 3). Each call gets its own copy.
 */
import { loadSpecFile, type LoadedSpec } from '../input/load';
import type { Spec } from '../input/schema';
import { DEFAULT_SPEC_NAME } from './default-spec';
import { validatedDefaultSpec } from './default-spec-validated';

/** The spec in `file` (shown as `name` in problems), or the embedded default example when `file` is undefined or empty; throws SpecError. */
export function loadSpecOrExample(file: string | undefined, name = file): LoadedSpec {
  return file ? loadSpecFile(file, name) : { file: DEFAULT_SPEC_NAME, spec: structuredClone(validatedDefaultSpec) as Spec };
}
