/**
 * `cross-account-iam check`: the spec's schema, references and lint pack,
 * with nothing written. Exit 1 when the lint pack finds an error (the
 * findings are listed), 2 when the spec cannot be read or resolved.
 */
import { formatFinding, isBlocking, lintModel } from '../../lint';
import { resolveModel } from '../../model/resolve';
import { usageText, verbArgs } from '../args';
import { chooseSpec, describeChoice, loadChoice } from '../project';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['spec'] as const;

export const verb: Verb = {
  name: 'check',
  summary: 'validate and lint a spec; nothing is written',
  usage: usageText({
    synopsis: ['check [--spec FILE]'],
    description: `
Reads the spec, checks it against the schema and its references, and runs the
lint pack over every trust and identity policy synthesis would write. Lists
every finding (errors, warnings, infos, suppressed ones) on stdout. Writes no
file.`,
    flags: FLAGS,
    exit: '0 no lint error, 1 lint errors (listed), 2 the spec cannot be read or resolved, or bad usage',
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout }, 'none');
    if (!args) return 0;
    const choice = chooseSpec(args.values.spec, io);
    io.stdout(`${describeChoice(choice)}\n`);
    const loaded = loadChoice(choice);
    const { findings } = lintModel(resolveModel(loaded), { locate: loaded.locate });
    for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
    const errors = findings.filter(isBlocking).length;
    const model = `${loaded.spec.accounts.length} account${loaded.spec.accounts.length === 1 ? '' : 's'}`;
    io.stdout(
      `${choice.name}: ${model}, ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} other finding${findings.length - errors === 1 ? '' : 's'}\n`,
    );
    return errors > 0 ? 1 : 0;
  },
};
