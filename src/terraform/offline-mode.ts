/**
 * `OFFLINE_DRY_RUN=1`: stacks for local dry runs (`cdktf diff <account>` with
 * no AWS account and no network). Environment only, never a spec field, so a
 * committed spec cannot turn it on for everyone. Guards against a real deploy:
 * - the provider gets dummy static credentials, which take precedence over any
 *   profile or environment credentials, so AWS rejects every call;
 * - the stacks use a state file of their own (`terraform.<account>.offline-dry-run.tfstate`);
 * - synth refuses when it runs under `cdktf deploy`/`destroy`/`watch` or
 *   `terraform apply`/`destroy` (Linux: read from the process tree);
 * - synth prints a banner to stderr, and the summary carries a warning.
 */
import { existsSync, readFileSync } from 'node:fs';
import { EnvError, envProblems } from '../errors';

export const OFFLINE_ENV = 'OFFLINE_DRY_RUN';

/** Whether the environment asks for offline stacks. Anything but 1/true/0/false/empty is an error, not a guess. */
export function offlineRequested(env: NodeJS.ProcessEnv): boolean {
  const v = (env[OFFLINE_ENV] ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw new EnvError(envProblems.notUnderstood(OFFLINE_ENV, env[OFFLINE_ENV], `set ${OFFLINE_ENV}=1 for a local dry run, or unset it`));
}

/** The command lines of this process's ancestors, nearest first (empty where /proc is not available). */
export function ancestorCommandLines(pid = process.pid, maxDepth = 12): string[][] {
  const out: string[][] = [];
  let current = pid;
  for (let depth = 0; depth < maxDepth && current > 1; depth++) {
    const stat = `/proc/${current}/stat`;
    if (!existsSync(stat)) break;
    try {
      const text = readFileSync(stat, 'utf8');
      const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${current}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (current !== pid) out.push(cmdline);
      current = ppid;
    } catch {
      break;
    }
  }
  return out;
}

const CDKTF_APPLYING = new Set(['deploy', 'apply', 'destroy', 'watch']);
const TERRAFORM_APPLYING = new Set(['apply', 'destroy', 'import']);
/** Options placed before the verb that take a separate value (`--log-level debug`). */
const VALUE_OPTIONS = new Set(['--log-level', '-a', '--app', '-o', '--output', '-chdir']);

/** The first positional argument: the verb. */
function verbOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

/** The applying command among the ancestors (`cdktf deploy`, `terraform apply`, ...), if any. */
export function applyingAncestor(commandLines: readonly (readonly string[])[]): string | undefined {
  for (const argv of commandLines) {
    const cdktf = argv.findIndex((a) => /(^|\/)cdktf(\.js)?$/.test(a) || /cdktf-cli\/.*bin\/cdktf/.test(a));
    if (cdktf >= 0) {
      const verb = verbOf(argv.slice(cdktf + 1));
      if (verb && CDKTF_APPLYING.has(verb)) return argv.join(' ');
    }
    const tf = argv.findIndex((a) => /(^|\/)terraform$/.test(a));
    if (tf >= 0) {
      const verb = verbOf(argv.slice(tf + 1));
      if (verb && TERRAFORM_APPLYING.has(verb)) return argv.join(' ');
    }
  }
  return undefined;
}

export function assertNotApplying(commandLines: readonly (readonly string[])[] = ancestorCommandLines()): void {
  const applying = applyingAncestor(commandLines);
  if (applying) {
    throw new EnvError(envProblems.offlineWhileApplying(OFFLINE_ENV, applying));
  }
}

export const OFFLINE_BANNER = [
  '!!! OFFLINE DRY RUN (OFFLINE_DRY_RUN=1) !!!',
  '    Stacks use dummy credentials and the provider skip flags, without allowed_account_ids, with their own',
  '    state file. For `cdktf diff <account>` on this machine only: never deploy them.',
].join('\n');

/** Whether Terraform will install the AWS provider from a filesystem mirror (the project's terraform.rc). */
export function cliConfigHasMirror(env: NodeJS.ProcessEnv): boolean {
  const file = env.TF_CLI_CONFIG_FILE;
  if (!file || !existsSync(file)) return false;
  return /filesystem_mirror\s*\{/.test(readFileSync(file, 'utf8'));
}
