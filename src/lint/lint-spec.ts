/**
 * The lint gate of a synth: resolves the spec and lints the model, before any
 * stack is made or file written. `synthesize` and `AccountStack` both call it.
 */
import { SpecError } from '../errors';
import { resolveModel } from '../model/resolve';
import type { Model } from '../model/types';
import type { LoadedSpec } from '../input/load';
import { formatFinding, isBlocking, lintModel, type Finding } from './index';

/**
 * Resolves and lints the spec. Throws a SpecError listing every lint error (and
 * logs the other findings) before anything is created or written.
 */
export function lintSpec(loaded: LoadedSpec, log: (text: string) => void = (t) => process.stderr.write(t)): { model: Model; findings: readonly Finding[] } {
  const report = lintModel(resolveModel(loaded), { locate: loaded.locate });
  for (const f of report.findings) if (!isBlocking(f)) log(`${formatFinding(f)}\n`);
  const errors = report.findings.filter(isBlocking);
  if (errors.length > 0) throw new SpecError(errors);
  return report;
}
