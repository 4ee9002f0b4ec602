/**
 * Runs a CommonJS file through V8's code cache: the CLI's bundle is compiled
 * from the cache a previous run of the same verb left, and a run that found no
 * usable cache leaves one when the process exits. The cache is made after the
 * run, so it holds every function that run compiled, not only the top level
 * (Node 22's `module.enableCompileCache` keeps what it compiled before running
 * the file; on Node 20 there is nothing at all). On this 2-core VM it saves
 * about 0.25 s of the default example's synth (bench/README.md, round 3).
 *
 * A run that loads parts of the bundle its cache lacks (the spec's schemas,
 * yaml or the cdktf app, `input/late-code.ts`: a cache made by a synth of the
 * embedded example has none of them) leaves a second, fuller cache beside it,
 * `<name>.full.v8cache`, which every later run reads first: a spec file's synth
 * then compiles nothing, and the embedded example's reads about 0.5 MB more.
 *
 * Where: `$XDG_CACHE_HOME/cross-account-iam`, else `~/.cache/cross-account-iam`,
 * a folder only its owner may write. One file per build of the bundle (its
 * content hash, given by the build), Node version and architecture, V8 flags
 * and verb; V8 refuses a cache made by another V8 or with other flags, and the
 * file is compiled from its source then. `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's own switch) turns it off. Nothing here ever fails the command: a
 * cache that cannot be read or written is no cache.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { LATE_CODE } from '../input/late-code';

/** Cache files kept at most: older ones (by modification time) go when a new one is written. */
export const MAX_CACHE_FILES = 16;

export interface CodeCacheOptions {
  /** The bundle's content hash, computed when it was built. */
  readonly buildHash: string;
  /** What the cache is for: the verb, as the run's first argument. */
  readonly purpose: string;
  readonly env: NodeJS.ProcessEnv;
  /** The folder; default: {@link cacheDir} of `env`. */
  readonly dir?: string;
  /**
   * The `require` the file gets: one that resolves from the file's folder, such as the caller's own when the
   * caller is in that folder (the launcher is: Node then loads no `node:module` for it).
   * Default: `createRequire(file)`.
   */
  readonly require?: NodeJS.Require;
}

/**
 * `$XDG_CACHE_HOME/cross-account-iam`, else `~/.cache/cross-account-iam`; undefined without either. The home
 * folder is `$HOME` when it is an absolute path, as Node's `os.homedir()` finds it on POSIX; else (and always on
 * Windows, where `os.homedir()` reads `USERPROFILE`) `os.homedir()`, which loads `node:os` only then.
 */
export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'cross-account-iam');
  let home = platform === 'win32' ? undefined : env.HOME;
  try {
    if (!home || !isAbsolute(home)) home = (require('node:os') as typeof import('node:os')).homedir();
  } catch {
    return undefined;
  }
  return home && isAbsolute(home) ? join(home, '.cache', 'cross-account-iam') : undefined;
}

/** A short, stable hash of a string (FNV-1a, 32 bits, hex). */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The cache file's name: one per build, Node, architecture, V8 flags and purpose. */
export function cacheFileName(buildHash: string, purpose: string, execArgv: readonly string[], nodeOptions = ''): string {
  const what = /^[a-z][a-z-]{0,31}$/.test(purpose) ? purpose : 'other';
  const flags = fnv(JSON.stringify([execArgv, nodeOptions]));
  return `${buildHash}-${process.version}-${process.arch}-${flags}-${what}.v8cache`;
}

/**
 * The cache of a run that also loaded the parts a run may skip (`input/late-code.ts`):
 * `...-synth.full.v8cache` beside `...-synth.v8cache`. A run reads it first.
 */
export function fullCacheName(file: string): string {
  return file.replace(/\.v8cache$/, '.full.v8cache');
}

/** The file's bytes, or undefined when it cannot be read. */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Whether `dir` is a folder of ours that no one else may write (so a cache in it is one we made). */
function ownFolder(dir: string): boolean {
  try {
    const st = statSync(dir);
    const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
    return st.isDirectory() && mine && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * The file's text. An ASCII file (the build makes the bundle one) is read as
 * Latin-1, which gives the same text without decoding UTF-8: 3 ms instead of 9
 * for a 1.5 MB bundle.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * Node's CommonJS wrapper: the file's code as a function of its module's bindings. (Written into the bundle by
 * the build, the wrapper would spare V8 a copy of the text in its heap, but Node keeps a Latin-1 text of more
 * than 1 MB outside the heap, and V8 then counted it against the heap's growth: a spec file's synth collected
 * more, 8 ms more under Node 22.)
 */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/** Writes `data` to `file` whole (a temporary file renamed into place), then keeps at most MAX_CACHE_FILES. */
function store(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // not there
    }
    return;
  }
  try {
    const dir = dirname(file);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.v8cache'))
      .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(MAX_CACHE_FILES)) unlinkSync(old.path);
  } catch {
    // another process pruned first, or the folder went away
  }
}

/** What {@link runWithCodeCache} did, for the tests. */
export interface CodeCacheUse {
  /** The cache file, when there is a cache folder. */
  readonly file?: string;
  /** Whether V8 compiled the bundle from the cache. */
  readonly fromCache: boolean;
}

/**
 * Compiles and runs the CommonJS file `file` as Node would (its own `require`,
 * `module`, `exports`, `__filename`, `__dirname`), from the code cache when
 * there is a usable one.
 */
export function runWithCodeCache(file: string, options: CodeCacheOptions): CodeCacheUse {
  const source = readSource(file);
  const disabled = options.env.NODE_DISABLE_COMPILE_CACHE === '1';
  const dir = disabled ? undefined : (options.dir ?? cacheDir(options.env));
  const cacheFile = dir ? join(dir, cacheFileName(options.buildHash, options.purpose, process.execArgv, options.env.NODE_OPTIONS)) : undefined;
  // The fuller cache first: a run that needs only the core pays a little more to read it, one that needs the rest compiles none of it.
  let read: { file: string; data: Buffer } | undefined;
  if (cacheFile && ownFolder(dirname(cacheFile))) {
    for (const f of [fullCacheName(cacheFile), cacheFile]) {
      const data = readIfThere(f);
      if (data !== undefined) {
        read = { file: f, data };
        break;
      }
    }
  }
  const script = new Script(wrap(source), { filename: file, cachedData: read?.data });
  const fromCache = read !== undefined && !script.cachedDataRejected;
  let late = false;
  (globalThis as { [LATE_CODE]?: () => void })[LATE_CODE] = () => {
    late = true;
  };
  if (cacheFile) {
    // After the run, so that the cache holds what the run compiled: when there was no usable cache, or when the run loaded
    // parts the cache it used lacks (it was made by a run that skipped them).
    process.once('exit', () => {
      const target = late ? fullCacheName(cacheFile) : cacheFile;
      if (fromCache && (!late || read!.file === target)) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        if (ownFolder(dirname(cacheFile))) {
          // A cache V8 refused is not read first again.
          if (read !== undefined && !fromCache && read.file !== target) unlinkSync(read.file);
          store(target, script.createCachedData());
        }
      } catch {
        // no cache this time
      }
    });
  }
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const req = options.require ?? (require('node:module') as typeof import('node:module')).createRequire(file);
  run(mod.exports, req, mod, file, dirname(file));
  return { file: cacheFile, fromCache };
}
