/**
 * `cross-account-iam diff <account>`: `cdktf diff <account>` with no AWS
 * account. The account name is checked against the spec before anything
 * runs; the stacks for the dry run are synthesized into a temporary folder
 * (OFFLINE_DRY_RUN=1: dummy credentials, their own state file), so the
 * project's cdktf.out/ and modules/ are never touched, whatever happens.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliProblems, UsageError, usageProblems, UserError } from '../../errors';
import { mirrorMisses } from '../../terraform/mirror';
import { resolveModel } from '../../model/resolve';
import { offlineDiffArgs } from '../../terraform/offline-diff';
import { OFFLINE_ENV } from '../../terraform/offline-mode';
import { usageText, verbArgs } from '../args';
import { chooseSpec, describeChoice, loadChoice, namingSpec, projectRoot } from '../project';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['spec'] as const;

/** The cdktf CLI installed in the project (cdktf-cli's own bin script). */
export function cdktfBin(root: string): string {
  let pkgFile: string;
  try {
    pkgFile = createRequire(join(root, 'package.json')).resolve('cdktf-cli/package.json');
  } catch {
    throw new UserError(cliProblems.cdktfCliMissing(root));
  }
  const pkg = require(pkgFile) as { bin: Record<string, string> };
  return join(dirname(pkgFile), pkg.bin.cdktf);
}

function checkProject(io: CliIO): void {
  if (!existsSync(join(io.cwd, 'cdktf.json'))) {
    throw new UserError(cliProblems.noCdktfJson(io.cwd));
  }
}

export const verb: Verb = {
  name: 'diff',
  summary: 'plan one account offline (`cdktf diff <account>` with dummy credentials); nothing of the project is written',
  usage: usageText({
    synopsis: ['diff ACCOUNT [--spec FILE]'],
    description: `
Runs \`cdktf diff ACCOUNT\` on this machine, with no AWS account: the stacks are
synthesized for an offline dry run (dummy credentials, the provider's skip
flags, a state file of their own) into a temporary folder, so cdktf.out/ and
modules/ stay as they are. ACCOUNT must be an account of the spec; a wrong name
is refused before anything runs, with the list of accounts. Terraform comes
from $TERRAFORM_BINARY_NAME or the PATH; to take the AWS provider from a local
mirror, set TF_CLI_CONFIG_FILE to a CLI config with a filesystem_mirror.
Run it where cdktf.json is.`,
    flags: FLAGS,
    exit: '0 the plan ran, 2 bad input (spec, account name, no cdktf here) or usage, or cdktf diff failed (its output shows why)',
  }),
  async run(argv: readonly string[], io: CliIO): Promise<number> {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout });
    if (!args) return 0;
    if (args.positionals.length !== 1)
      throw new UsageError(args.positionals.length === 0 ? usageProblems.noAccountToPlan() : usageProblems.oneAtATime('account', args.positionals));
    const [account] = args.positionals;
    const choice = chooseSpec(args.values.spec, io);
    io.stderr(`diff: ${describeChoice(choice)}\n`);
    const cdktf = namingSpec(choice, () => {
      const accounts = resolveModel(loadChoice(choice)).accounts;
      const found = accounts.find((a) => a.name === account);
      if (!found)
        throw new UserError(
          cliProblems.accountNotInSpec(
            account,
            accounts.map((a) => a.name),
          ),
        );
      const miss = mirrorMisses(io.env.TF_CLI_CONFIG_FILE, found.awsProviderVersion);
      if (miss) throw new UserError(cliProblems.mirrorMisses(account, found.awsProviderVersion, miss.paths, miss.versions));
      checkProject(io);
      return cdktfBin(projectRoot(io.cwd));
    });
    const work = mkdtempSync(join(tmpdir(), 'cross-account-iam-diff-'));
    const env: NodeJS.ProcessEnv = {
      ...io.env,
      [OFFLINE_ENV]: '1',
      CHECKPOINT_DISABLE: '1',
      SPEC_FILE: choice.kind === 'file' ? choice.path : '',
      MODULES_DIR: join(work, 'modules'),
    };
    try {
      const code = await new Promise<number>((done, fail) => {
        const child = spawn(process.execPath, [cdktf, ...offlineDiffArgs(account, join(work, 'cdktf.out'))], {
          cwd: io.cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (d: Buffer) => io.stdout(d.toString()));
        child.stderr.on('data', (d: Buffer) => io.stderr(d.toString()));
        child.once('error', fail);
        child.once('close', (status) => done(status ?? 1));
      });
      if (code !== 0) io.stderr(`diff: cdktf diff ${account} failed (exit ${code}); the project's files are unchanged\n`);
      return code === 0 ? 0 : 2;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
