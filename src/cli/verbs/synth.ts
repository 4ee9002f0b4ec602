/**
 * `cross-account-iam synth`: the spec -> cdktf stacks and plain modules, with
 * no cdktf CLI. `cdktf synth` runs this same verb as its app (cdktf.json), so
 * both write the same bytes. Writes nothing when the spec has a problem.
 */
import { AccessProofError } from '../../errors';
import { existsSync, rmdirSync } from 'node:fs';
import { formatSummary } from '../../summary';
import { hclStacksRequested, moduleFormat, synthesize } from '../../synth';
import { OFFLINE_BANNER, offlineRequested } from '../../terraform/offline-mode';
import { usageText, verbArgs } from '../args';
import { chooseSpec, describeChoice, loadChoice, modulesDir, namingSpec, stacksDir, synthRecordFiles } from '../project';
import { writingTo } from '../env-failure';
import { heapGovernor } from '../heap';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['spec', 'modules-dir', 'stacks-dir', 'format', 'verbose'] as const;

/** Removes `dir` when it is an empty folder; anything else stays. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty, not there, or not ours to remove
  }
}

export const verb: Verb = {
  name: 'synth',
  summary: 'write the cdktf stacks (cdktf.out/) and the plain Terraform modules (modules/) of a spec',
  usage: usageText({
    synopsis: ['synth [--spec FILE] [--modules-dir DIR] [--stacks-dir DIR] [--format json|hcl] [--verbose]'],
    description: `
Validates and lints the spec, then writes one cdktf stack per account into the
stacks directory and one plain Terraform module per account (with the workload
settings, READMEs and ACCESS.md) into the modules directory, both replaced
together (a synth killed part-way is finished or rolled back by the next
command). Only a folder synth wrote, an empty one or a missing one is replaced:
any other is refused (exit 2). Nothing is written when the spec has a problem. The same bytes as
\`cdktf synth\` in a project made by \`cross-account-iam init\`, without the cdktf
CLI. The stacks directory also gets ${'`cross-account-iam.json`'}, naming the spec,
which \`access\` reads. The access proof (docs/access.md) runs first: a failing
check (a declared caller denied, a near-miss allowed, a check that cannot be
decided, an undeclared role chain) exits 1 and writes nothing, unless the role
suppresses PROOF001 with a reason. The summary goes to stdout, problems to stderr:
a few lines at any size (counts, folders, warnings by rule); --verbose lists
every account with its roles, every workload artifact and every warning.
Environment: OFFLINE_DRY_RUN=1 (stacks for an offline \`diff\`), ACCESS_MATRIX=on|off|auto,
SYNTH_WORKER=on|off|auto (on: the access proof on a second thread, faster and larger; auto is off).`,
    flags: FLAGS,
    exit: '0 success, 1 a failing check of the access proof, 2 bad input or usage',
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout }, 'none');
    if (!args) return 0;
    const choice = chooseSpec(args.values.spec, io);
    if (choice.kind === 'embedded') io.stdout(`${describeChoice(choice)}\n`);
    return namingSpec(choice, () => {
      const loaded = loadChoice(choice);
      const offline = offlineRequested(io.env);
      const format = moduleFormat(args.values.format as 'json' | 'hcl' | undefined, loaded.spec.options.moduleFormat, io.env);
      if (offline) io.stderr(`${OFFLINE_BANNER}\n`);
      const outdir = stacksDir(args.values['stacks-dir'], io);
      const modules = modulesDir(args.values['modules-dir'], io);
      const fresh = [outdir, modules].filter((d) => !existsSync(d));
      // HCL stacks load cdktf and the provider bindings: Node 22.1+ keeps them compiled in its own cache (NODE_DISABLE_COMPILE_CACHE=1
      // turns it off). Any other synth loads only the CLI's bundle, which has its own cache (code-cache.ts), so Node's stays off,
      // and node:module is not loaded (Node 22 compiles it and the ES module loader on first use: 0.6 ms).
      if (hclStacksRequested(io.env)) (require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
      let result;
      try {
        result = writingTo([outdir, modules], () => {
          try {
            return synthesize(loaded, {
              env: io.env,
              outdir,
              modulesDir: modules,
              moduleFormat: format,
              offline,
              cwd: io.cwd,
              specFile: choice.kind === 'file' ? choice.path : undefined,
              stacksFiles: synthRecordFiles(choice),
              onProgress: heapGovernor(),
            });
          } catch (e) {
            for (const d of fresh) removeIfEmpty(d); // a failed synth leaves no folder it made
            throw e;
          }
        });
      } catch (e) {
        if (!(e instanceof AccessProofError)) throw e;
        io.stderr(`${e.message}\n`);
        return 1;
      }
      io.stdout(formatSummary(result.summary, result, { verbose: args.switches.has('verbose') }));
      return 0;
    });
  },
};
