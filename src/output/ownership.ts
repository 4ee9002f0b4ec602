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
import { EnvError, envProblems, outputFolderProblems, type ProblemLike } from '../errors';
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

/** What an earlier synth left in a stacks folder (before the marker existed), and its own staging and journal. */
const STACKS_ENTRIES = /^(manifest\.json|stacks|cross-account-iam\.json|\.staging-.*|\.swap-.*)$/;

/** Checks both output folders; throws EnvError (exit 2) naming the folder and the fix, before anything is written. */
export function claimOutputFolders(stacks: string, modules: string | undefined, guards: Guards): { stacks: OutputFolder; modules?: OutputFolder } {
  const s = claim('stacks', stacks, guards);
  const m = modules === undefined ? undefined : claim('modules', modules, guards);
  if (m && (inside(m.path, s.path) || inside(s.path, m.path))) {
    refuse(m, outputFolderProblems.nestedWithStacks(m.path === s.path, s.path));
  }
  return { stacks: s, modules: m };
}

function claim(tree: OutputTree, given: string, guards: Guards): OutputFolder {
  const folder: OutputFolder = { tree, given, path: realPath(given), symlink: lstatOrUndefined(given)?.isSymbolicLink() === true };
  if (folder.symlink && !existsSync(folder.path)) {
    const target = resolve(dirname(given), readlinkSync(given));
    refuse({ ...folder, path: target }, outputFolderProblems.danglingLink(target));
  }
  const stat = lstatOrUndefined(folder.path);
  if (stat && !stat.isDirectory()) refuse(folder, outputFolderProblems.aFile(tree));
  if (dirname(folder.path) === folder.path) refuse(folder, outputFolderProblems.theRoot(tree));
  const cwd = realPath(guards.cwd);
  if (inside(cwd, folder.path)) {
    refuse(folder, outputFolderProblems.holdsTheCurrentFolder(tree, cwd === folder.path));
  }
  if (guards.specFile && inside(realPath(guards.specFile), folder.path)) {
    refuse(folder, outputFolderProblems.holdsTheSpec(tree, guards.specFile));
  }
  if (!stat) return folder;
  // modules/ is replaced by renaming it, which a mount point refuses (EBUSY): say so before anything is written.
  if (tree === 'modules' && statSync(dirname(folder.path)).dev !== stat.dev) throw mountPoint(folder.path);
  const root = ['package.json', 'cdktf.json'].find((f) => existsSync(join(folder.path, f)));
  if (root) refuse(folder, outputFolderProblems.aProjectRoot(tree, root));
  const entries = readdirSync(folder.path);
  if (entries.length === 0) return folder;
  const marker = readMarker(folder.path);
  if (marker) {
    if (marker.tree !== tree) refuse(folder, outputFolderProblems.otherTree(tree, marker.tree));
    if (marker.files) {
      const known = new Set([...marker.files, OUTPUT_MARKER]);
      const foreign = filesUnder(folder.path).filter((f) => !known.has(f));
      if (foreign.length > 0) {
        refuse(folder, outputFolderProblems.foreignFiles(foreign, folder.path));
      }
    }
    return folder;
  }
  if (earlierSynth(tree, folder.path, entries)) return folder;
  refuse(folder, outputFolderProblems.notOurs(tree, OUTPUT_MARKER, entries, folder.path));
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

function refuse(folder: OutputFolder, problem: ProblemLike): never {
  const shown = folder.symlink ? `${folder.given} (a symlink to ${folder.path})` : folder.given;
  throw new EnvError(envProblems.outputFolderRefused(folder.tree, shown, problem));
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
