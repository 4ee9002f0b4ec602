/**
 * "Is this folder ours?": the one answer every writer of `modules/` and
 * `cdktf.out/` asks before anything is written. Synth replaces an output
 * folder only when it wrote it itself (it carries {@link OUTPUT_MARKER}), or
 * when it is empty or missing. A folder that holds the spec, the current
 * folder or one of its parents, a project root (package.json or cdktf.json),
 * `/`, a file, or the other output folder is never an output folder. A
 * symlinked output folder is written through: the folder it points to is
 * checked and replaced, and the link is kept.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { EnvError, envProblems } from '../errors';
import { byCodePoint } from '../order';

/** The file that proves a folder was written by synth; in `modules/` it lists every file written there. */
export const OUTPUT_MARKER = '.cross-account-iam-output.json';

export type OutputTree = 'modules' | 'stacks';

interface Marker {
  readonly writtenBy: 'cross-account-iam synth';
  readonly tree: OutputTree;
  /** Every file of the tree, for `modules/`; the stacks tree also holds the cdktf CLI's working files. */
  readonly files?: readonly string[];
}

/** The marker's bytes: the same files give the same bytes. */
export function markerText(tree: OutputTree, files?: readonly string[]): string {
  const marker: Marker = { writtenBy: 'cross-account-iam synth', tree, ...(files ? { files: [...files].sort(byCodePoint) } : {}) };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

export interface OutputFolder {
  readonly tree: OutputTree;
  /** The folder as given (absolute). */
  readonly given: string;
  /** Where the output goes: `given`, or the folder a symlink points to. */
  readonly path: string;
  /** `given` is a symlink (to `path`). */
  readonly symlink: boolean;
}

export interface Guards {
  /** The current folder: neither it nor any of its parents is an output folder. */
  readonly cwd: string;
  /** The spec file on disk, if any: no folder holding it is an output folder. */
  readonly specFile?: string;
}

const FLAG: Record<OutputTree, string> = { modules: '--modules-dir (or MODULES_DIR)', stacks: '--stacks-dir (or CDKTF_OUTDIR)' };
const DEFAULT: Record<OutputTree, string> = { modules: 'modules', stacks: 'cdktf.out' };
/** What an earlier synth left in a stacks folder (before the marker existed), and its own staging and journal. */
const STACKS_ENTRIES = /^(manifest\.json|stacks|cross-account-iam\.json|\.staging-.*|\.swap-.*)$/;

/** Checks both output folders; throws EnvError (exit 2) naming the folder and the fix, before anything is written. */
export function claimOutputFolders(stacks: string, modules: string | undefined, guards: Guards): { stacks: OutputFolder; modules?: OutputFolder } {
  const s = claim('stacks', stacks, guards);
  const m = modules === undefined ? undefined : claim('modules', modules, guards);
  if (m && (inside(m.path, s.path) || inside(s.path, m.path))) {
    refuse(
      m,
      `is ${m.path === s.path ? 'the same folder as' : 'nested with'} the stacks folder ${s.path}`,
      'give the modules and the stacks folders of their own, side by side',
    );
  }
  return { stacks: s, modules: m };
}

function claim(tree: OutputTree, given: string, guards: Guards): OutputFolder {
  const folder: OutputFolder = { tree, given, path: realPath(given), symlink: lstatOrUndefined(given)?.isSymbolicLink() === true };
  if (folder.symlink && !existsSync(folder.path)) {
    const target = resolve(dirname(given), readlinkSync(given));
    refuse({ ...folder, path: target }, 'points nowhere: its target does not exist', `create ${target}, or remove the link`);
  }
  const stat = lstatOrUndefined(folder.path);
  if (stat && !stat.isDirectory()) refuse(folder, 'is a file, not a folder', `name a folder with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`);
  if (dirname(folder.path) === folder.path) refuse(folder, 'is the root folder', `name a folder of its own with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`);
  const cwd = realPath(guards.cwd);
  if (inside(cwd, folder.path)) {
    refuse(
      folder,
      `is the current folder${cwd === folder.path ? '' : ' or one of its parents'}: synth replaces an output folder whole`,
      `name a folder of its own with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`,
    );
  }
  if (guards.specFile && inside(realPath(guards.specFile), folder.path)) {
    refuse(
      folder,
      `holds the spec ${guards.specFile}: synth replaces an output folder whole`,
      `name a folder of its own with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`,
    );
  }
  if (!stat) return folder;
  // modules/ is replaced by renaming it, which a mount point refuses (EBUSY): say so before anything is written.
  if (tree === 'modules' && statSync(dirname(folder.path)).dev !== stat.dev) throw mountPoint(folder.path);
  const root = ['package.json', 'cdktf.json'].find((f) => existsSync(join(folder.path, f)));
  if (root)
    refuse(
      folder,
      `is a project root (it has ${root}): synth replaces an output folder whole`,
      `name a folder of its own with ${FLAG[tree]}, e.g. ${DEFAULT[tree]}`,
    );
  const entries = readdirSync(folder.path);
  if (entries.length === 0) return folder;
  const marker = readMarker(folder.path);
  if (marker) {
    if (marker.tree !== tree)
      refuse(folder, `holds the ${marker.tree} of an earlier synth, not ${tree}`, `give the ${tree} a folder of their own with ${FLAG[tree]}`);
    if (marker.files) {
      const known = new Set([...marker.files, OUTPUT_MARKER]);
      const foreign = filesUnder(folder.path).filter((f) => !known.has(f));
      if (foreign.length > 0) {
        refuse(
          folder,
          `holds ${foreign.length === 1 ? 'a file' : `${foreign.length} files`} that synth did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}), which replacing it would delete`,
          `move ${foreign.length === 1 ? 'it' : 'them'} out of ${folder.path}, then synthesize again`,
        );
      }
    }
    return folder;
  }
  if (earlierSynth(tree, folder.path, entries)) return folder;
  refuse(
    folder,
    `is not empty and was not written by cross-account-iam synth (it has no ${OUTPUT_MARKER}): replacing it would delete ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}`,
    `name an empty or new folder with ${FLAG[tree]}, or move what ${folder.path} holds elsewhere`,
  );
}

/** The error the rename of a mount point gives, raised before the swap so that nothing is staged. */
function mountPoint(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EBUSY: resource busy or locked, rename '${path}'`), { code: 'EBUSY', errno: -16, syscall: 'rename', path });
}

/** Output of a synth from before the marker: `modules/` with the generated index, or a cdktf.out of only a manifest, stacks and the synth record. */
function earlierSynth(tree: OutputTree, path: string, entries: readonly string[]): boolean {
  if (tree === 'modules') {
    try {
      return readFileSync(join(path, 'README.md'), 'utf8').startsWith('# Generated modules\n\nGenerated by ');
    } catch {
      return false;
    }
  }
  // The synth record says our CLI wrote it; a cdktf.out of another app has only the manifest and stacks.
  return entries.includes('manifest.json') && entries.includes('cross-account-iam.json') && entries.every((e) => STACKS_ENTRIES.test(e));
}

function readMarker(path: string): Marker | undefined {
  try {
    const marker = JSON.parse(readFileSync(join(path, OUTPUT_MARKER), 'utf8')) as Marker;
    return marker.writtenBy === 'cross-account-iam synth' && (marker.tree === 'modules' || marker.tree === 'stacks') ? marker : undefined;
  } catch {
    return undefined;
  }
}

function refuse(folder: OutputFolder, problem: string, fix: string): never {
  const shown = folder.symlink ? `${folder.given} (a symlink to ${folder.path})` : folder.given;
  throw new EnvError(envProblems.outputFolderRefused(folder.tree, shown, problem, fix));
}

/** Whether `path` is `folder` or below it. */
function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/** The path with every symlink resolved, as far as it exists. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Files below `dir`, relative, with `/` (symlinks are not followed). */
export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = `${prefix}${e.name}`;
    return e.isDirectory() ? filesUnder(join(dir, e.name), `${rel}/`) : [rel];
  });
}
