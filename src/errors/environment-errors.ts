/** The environment variables, run modes and machines a user can get wrong: not the spec. */
import { UserError, type ProblemLike } from './problem';

/** A bad environment variable, run mode or machine (not the spec), from {@link envProblems}: what is wrong and the fix. A UserError: exit 2. */
export class EnvError extends UserError {
  static override readonly names: readonly string[] = ['EnvError'];

  constructor(problem: ProblemLike) {
    super(problem);
    this.name = 'EnvError';
  }
}

/** The environment variables, run modes and machines a user can get wrong, each with its fix. */
export const envProblems = {
  notUnderstood: (variable: string, value: string | undefined, fix: string): ProblemLike => ({ message: `${variable}=${value} is not understood`, fix }),
  offlineWhileApplying: (variable: string, applying: string): ProblemLike => ({
    message: `${variable} is set, but synth runs under \`${applying}\`: offline stacks use dummy credentials and must never be deployed`,
    fix: `unset ${variable} to deploy; use it only with \`cdktf diff <account>\` or \`cdktf synth\``,
  }),
  engineMissing: (why: string, missing: string): ProblemLike => ({
    message: `${why} needs cdktf, but ${missing} is not installed (cdktf, constructs and @cdktf/provider-aws are optional peer dependencies of cross-account-iam)`,
    fix: 'npm install -D cdktf@0.21 constructs@10.7 @cdktf/provider-aws@21, or leave out the HCL stacks and engine: "cdktf" (the default engine needs none of them)',
  }),
  workerStalled: (seconds: number): ProblemLike => ({
    message: `the thread proving access made no progress within ${seconds} s (it may have run out of memory); nothing was written`,
    fix: 'synthesize on one thread with SYNTH_WORKER=off, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)',
  }),
  nodeTooOldForCdktn: (version: string): ProblemLike => ({
    message: `init --engine cdktn: CDK Terrain's CLI (cdktn-cli) needs Node 22 or later, and this is Node ${version}; nothing was written`,
    fix: 'install Node 22 or 24 (https://nodejs.org, or `nvm install 22`), then run init again with it; or choose --engine cdktf or --engine terraform',
  }),
  /** Terraform or its provider mirror is missing (the offline diff, the end-to-end tests, the benchmark): each missing piece says how to provide it. */
  terraformUnavailable: (missing: readonly string[]): ProblemLike => ({ message: `Terraform end-to-end checks cannot run:\n- ${missing.join('\n- ')}` }),
  /**
   * A system call of `verb` the machine refused (`code`, one of {@link MACHINE_REASONS}): on `where`,
   * within `within` when the refusal came from a folder above it; `folder` is the one the fix is about.
   */
  machineRefused: (verb: string, syscall: string, where: string, within: string | undefined, code: string, folder: string): ProblemLike => ({
    message: `cross-account-iam ${verb}: cannot ${syscall} ${where}: ${within ? `${within}: ` : ''}${MACHINE_REASONS[code]} (${code})`,
    fix: machineFix(code, folder, verb),
  }),
  /** An output folder synth refuses to write into (`src/output/ownership.ts`): `problem`, from {@link outputFolderProblems}, says what the folder is. */
  outputFolderRefused: (tree: string, shown: string, problem: ProblemLike): ProblemLike => ({
    message: `the ${tree} folder ${shown} ${problem.message}; nothing was written`,
    fix: problem.fix,
  }),
};

type OutputTree = 'modules' | 'stacks';
const FLAG: Record<OutputTree, string> = { modules: '--modules-dir (or MODULES_DIR)', stacks: '--stacks-dir (or CDKTF_OUTDIR)' };
const DEFAULT: Record<OutputTree, string> = { modules: 'modules', stacks: 'cdktf.out' };
const OWN_FOLDER = (tree: OutputTree) => `name a folder of its own with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`;
const REPLACED_WHOLE = 'synth replaces an output folder whole';
const some = (names: readonly string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}`;

/** Why synth refuses an output folder: what the folder is (the message goes on "the <tree> folder <path> ..."), and the fix. */
export const outputFolderProblems = {
  nestedWithStacks: (same: boolean, stacks: string): ProblemLike => ({
    message: `is ${same ? 'the same folder as' : 'nested with'} the stacks folder ${stacks}`,
    fix: 'give the modules and the stacks folders of their own, side by side',
  }),
  danglingLink: (target: string): ProblemLike => ({ message: 'points nowhere: its target does not exist', fix: `create ${target}, or remove the link` }),
  aFile: (tree: OutputTree): ProblemLike => ({ message: 'is a file, not a folder', fix: `name a folder with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}` }),
  theRoot: (tree: OutputTree): ProblemLike => ({ message: 'is the root folder', fix: OWN_FOLDER(tree) }),
  holdsTheCurrentFolder: (tree: OutputTree, itself: boolean): ProblemLike => ({
    message: `is the current folder${itself ? '' : ' or one of its parents'}: ${REPLACED_WHOLE}`,
    fix: OWN_FOLDER(tree),
  }),
  holdsTheSpec: (tree: OutputTree, spec: string): ProblemLike => ({ message: `holds the spec ${spec}: ${REPLACED_WHOLE}`, fix: OWN_FOLDER(tree) }),
  aProjectRoot: (tree: OutputTree, root: string): ProblemLike => ({ message: `is a project root (it has ${root}): ${REPLACED_WHOLE}`, fix: OWN_FOLDER(tree) }),
  otherTree: (tree: OutputTree, other: string): ProblemLike => ({
    message: `holds the ${other} of an earlier synth, not ${tree}`,
    fix: `give the ${tree} a folder of their own with ${FLAG[tree]}`,
  }),
  foreignFiles: (foreign: readonly string[], folder: string): ProblemLike => ({
    message: `holds ${foreign.length === 1 ? 'a file' : `${foreign.length} files`} that synth did not write (${some(foreign)}), which replacing it would delete`,
    fix: `move ${foreign.length === 1 ? 'it' : 'them'} out of ${folder}, then synthesize again`,
  }),
  notOurs: (tree: OutputTree, marker: string, entries: readonly string[], folder: string): ProblemLike => ({
    message: `is not empty and was not written by cross-account-iam synth (it has no ${marker}): replacing it would delete ${some(entries)}`,
    fix: `name an empty or new folder with ${FLAG[tree]}, or move what ${folder} holds elsewhere`,
  }),
};

/** The errno codes that say something about the machine; any other error stays a bug. */
export const MACHINE_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space is left on its device',
  EDQUOT: 'the disk quota is used up',
  EBUSY: 'it is busy: a mount point, or held open by another program',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder where a file belongs',
  ENOENT: 'it does not exist',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
};

/** Where each writing verb's output goes, for the "or write elsewhere" half of a fix. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  synth: 'point --stacks-dir and --modules-dir (or CDKTF_OUTDIR and MODULES_DIR) at a writable folder',
  init: 'init a folder you can write to (cross-account-iam init DIR)',
  import: 'write the spec elsewhere with --out FILE, or to stdout',
  access: 'write the reports elsewhere with --out DIR',
  audit: 'write the reports elsewhere with --out DIR, or leave --out out',
};

/** The fix of a machine's refusal (`code`) to a verb, about `path`, the folder that refused. */
function machineFix(code: string, path: string, verb: string): string {
  const elsewhere = ELSEWHERE[verb] ?? 'run it where it can write';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `give your user write access to ${path} (ls -ld ${path}), or ${elsewhere}`;
    case 'EROFS':
      return `run it in a writable copy of the project, or ${elsewhere}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `free space on that device (df -h ${path}), or ${elsewhere}`;
    case 'EBUSY':
      return `an output folder is replaced as a whole, which a mount point cannot be: name a folder inside the mount (e.g. ${path}/out), or ${elsewhere}`;
    case 'ENOTDIR':
      return `move away the file that stands where a folder belongs, or ${elsewhere}`;
    case 'EISDIR':
      return `move away the folder that stands where a file belongs, or ${elsewhere}`;
    case 'ENOENT':
      return `create the folder it is in, or ${elsewhere}`;
    case 'EMFILE':
    case 'ENFILE':
      return 'raise the limit of open files (ulimit -n 4096) and run it again';
    default:
      return `shorten the path or remove the link loop, or ${elsewhere}`;
  }
}
