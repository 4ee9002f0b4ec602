/**
 * Failures of the machine rather than of the input: a folder that cannot be
 * written (permissions, a read-only file system), a full disk, an output
 * folder that is a mount point, a file where a folder should be. main.ts turns
 * each into an EnvError (exit 2) naming the path, what the system said and
 * the fix, instead of "internal error" with a stack trace.
 *
 * Two things the raw error gets wrong are put right here: a recursive mkdir on
 * a read-only or unwritable folder reports ENOENT (the cause is read again
 * from the nearest folder that exists), and a failed write reports no path at
 * all (a verb names the folders it writes with {@link writingTo}).
 */
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { EnvError, envProblems, MACHINE_REASONS } from '../errors';

const OUTPUTS = Symbol('outputs');

type ErrnoError = NodeJS.ErrnoException & { dest?: string; [OUTPUTS]?: readonly string[] };

/** An error from a system call: read by its fields, as an Error of another realm (a test VM, a worker) is not `instanceof Error` here. */
function errnoOf(e: unknown): ErrnoError | undefined {
  return typeof e === 'object' && e !== null && typeof (e as ErrnoError).code === 'string' && typeof (e as ErrnoError).syscall === 'string'
    ? (e as ErrnoError)
    : undefined;
}

/**
 * Runs `fn`, which writes under `folders`; an errno error without a path (a
 * `write` that found the disk full) gets them, so that its message names them.
 */
export function writingTo<T>(folders: readonly string[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const errno = errnoOf(e);
    if (errno && !errno.path) errno[OUTPUTS] = folders;
    throw e;
  }
}

/** The nearest folder at or above `path` that exists. */
function existingAncestor(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The code the system gives for writing into `dir`, or undefined when it may be written. */
function writeRefusal(dir: string): string | undefined {
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    return errnoOf(e)?.code;
  }
}

/** Of the folders a verb writes, those on a device with less than a MiB free, else all of them. */
function fullOnes(folders: readonly string[]): string[] {
  const full = folders.filter((f) => {
    try {
      const s = statfsSync(existingAncestor(f));
      return s.bavail * s.bsize < 1 << 20;
    } catch {
      return false;
    }
  });
  return full.length > 0 ? full : [...folders];
}

/**
 * The path as the user named it: output is staged in a hidden sibling
 * (`.modules.tmp-<pid>-<time>/...`, `.modules.old-...`), which is the
 * user's `modules`.
 */
function userPath(path: string): string {
  const m = /^(.*[\\/])\.([^\\/]+)\.(?:tmp|old)-\d+-\d+(?:[\\/].*)?$/.exec(path);
  return m ? `${m[1]}${m[2]}` : path;
}

/** The EnvError for an errno error a verb let through, or undefined when it is not about the machine (a bug). */
export function envFailure(e: unknown, verb: string): EnvError | undefined {
  const errno = errnoOf(e);
  if (!errno || !MACHINE_REASONS[errno.code!]) return undefined;
  let code = errno.code!;
  const path = errno.path && userPath(errno.path);
  const outputs = path ? [] : fullOnes(errno[OUTPUTS] ?? []);
  const where = path ?? (outputs.join(' and ') || 'its output');
  // the folder the fix is about: the nearest one that exists, which refused the write (or is full)
  let folder = (path ?? outputs[0]) ? existingAncestor((path ?? outputs[0])!) : where;
  if (code === 'ENOENT' && path && errno.syscall === 'mkdir') {
    // mkdir -p reports ENOENT when the real refusal is the folder above's
    const refusal = writeRefusal(folder);
    if (refusal && MACHINE_REASONS[refusal]) code = refusal;
  }
  if (code === 'EBUSY' || code === 'ENOTDIR' || code === 'EISDIR') folder = where;
  return new EnvError(envProblems.machineRefused(verb, errno.syscall!, where, folder === where || !path ? undefined : folder, code, folder));
}
