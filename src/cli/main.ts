/**
 * `cross-account-iam <verb> [options]`: the command line. Finds the verb in
 * the registry (src/cli/verbs/index.ts), runs it, and turns the errors a user
 * can cause, and the failures of the machine (env-failure.ts: permissions, a
 * read-only or full disk, a mount point), into exit code 2 with a message and
 * a fix; anything else is a bug (exit 3,
 * with the stack).
 */
import { readFileSync } from 'node:fs';
import { fdWriter } from './fd-writer';
import { UsageError, usageProblems, UserError } from '../errors';
import { recoverOutputs, swapOptionsFrom } from '../output/swap';
import { stacksDir } from './project';
import { envFailure } from './env-failure';
import type { CliIO, Verb } from './verb';
import { packageInfo } from './package-info';
import { VERBS } from './verbs';

function overview(): string {
  const verbs = Object.values(VERBS).map((load) => load());
  const width = Math.max(...verbs.map((v) => v.name.length));
  return [
    'usage: cross-account-iam <command> [options]',
    '',
    'One spec of AWS accounts, OIDC issuers and workloads -> reviewed Terraform per account.',
    '',
    'commands:',
    ...verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    '`cross-account-iam <command> --help` describes a command and its options.',
    'exit codes: 0 success, 1 findings, 2 bad input or usage',
    '',
  ].join('\n');
}

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageInfo().version}\n`);
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(VERBS, name) ? VERBS[name] : undefined;
  if (!load) {
    io.stderr(`${usageProblems.unknownCommand(name, Object.keys(VERBS)).message}\n`);
    return 2;
  }
  const verb: Verb = load();
  try {
    // A synth killed part-way is finished or rolled back before any command reads or writes the output (src/output/swap.ts).
    recoverOutputs(stacksDir(undefined, io), swapOptionsFrom(io.env));
    return await verb.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cross-account-iam ${verb.name}: ${e.message}\n\n${verb.usage}`);
      return 2;
    }
    if (e instanceof UserError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    const env = envFailure(e, verb.name);
    if (env) {
      io.stderr(`${env.message}\n`);
      return 2;
    }
    io.stderr(`cross-account-iam ${verb.name}: internal error, please report it:\n${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}

/** The process's own streams and environment. */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: fdWriter(1, () => process.stdout),
    stderr: fdWriter(2, () => process.stderr),
    stdin: () => readFileSync(0, 'utf8'),
  };
}
