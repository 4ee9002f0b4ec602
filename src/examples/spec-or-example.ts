/**
 * The one fallback to the embedded default example: the spec file named, else
 * the example. The library never looks for a spec in the environment: the CLI
 * (and main.ts, through it) reads `--spec` and `$SPEC_FILE` and passes the file
 * down (`src/cli/project.ts`).
 */
import { loadSpecFile, validateSpec, type LoadedSpec } from '../input/load';
import { defaultSpec, DEFAULT_SPEC_NAME } from './default-spec';

/** The spec in `file` (shown as `name` in problems), or the embedded default example when `file` is undefined or empty; throws SpecError. */
export function loadSpecOrExample(file: string | undefined, name = file): LoadedSpec {
  return file ? loadSpecFile(file, name) : validateSpec(defaultSpec, DEFAULT_SPEC_NAME);
}
