/**
 * The verbs of `cross-account-iam`, in the order `--help` lists them. Each is
 * loaded only when it runs (`synth` must start fast: it loads neither cdktf
 * nor the access checker). A new verb: src/cli/verbs/<name>.ts exporting
 * `verb`, and one line here.
 */
import type { Verb } from '../verb';

export const VERBS: Readonly<Record<string, () => Verb>> = {
  init: () => (require('./init') as typeof import('./init')).verb,
  synth: () => (require('./synth') as typeof import('./synth')).verb,
  check: () => (require('./check') as typeof import('./check')).verb,
  access: () => (require('./access') as typeof import('./access')).verb,
  explain: () => (require('./explain') as typeof import('./explain')).verb,
  diff: () => (require('./diff') as typeof import('./diff')).verb,
  schema: () => (require('./schema') as typeof import('./schema')).verb,
  audit: () => (require('./audit') as typeof import('./audit')).verb,
  import: () => (require('./import') as typeof import('./import')).verb,
};
