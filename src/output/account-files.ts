/**
 * Every file of a synth but the access reports: each account's stack
 * (`stacks/<account>/cdk.tf.json`), its module (`<account>/` below the
 * modules folder) and its workload settings, described once and written as
 * soon as they are, then the files that list every account (`manifest.json`,
 * the modules index, the root's import blocks, the workloads index).
 *
 * One loop, on synth's own thread; for a large organization, a worker thread
 * proves access meanwhile and hands over its reports between two accounts
 * (`afterAccount`, src/access/proof-thread.ts).
 */
import { describeAccount, type AccountDescription } from '../description/account';
import type { AccountModel, Model } from '../model/types';
import { moduleFiles, type ModuleFormat } from '../modules/module-files';
import { modulesIndex } from '../modules/index-readme';
import { moduleImportBlocks, ROOT_IMPORTS_FILE, rootImportsFile, type ImportBlock } from '../modules/root-imports';
import { writeCdktfOut } from '../render/cdktf-out';
import { accountArtifacts, workloadsIndex, WORKLOADS_DIR, type Artifact } from '../workloads';

/** A workload artifact as the summary lists it: everything but its content. */
export type ArtifactInfo = Omit<Artifact, 'content'>;

export interface AccountFilesOptions {
  /** Offline dry-run stacks (see terraform/offline-mode.ts). */
  readonly offline: boolean;
  readonly format: ModuleFormat;
  /** Write the modules and the workload settings; without it, the stacks only. */
  readonly modules: boolean;
  /** Where the stacks and the manifest go (laid out as `cdktf.out/`); without it, no stack is written (the cdktf engine wrote them). */
  readonly stacksDir?: string;
  /** Called after each account, in spec order. */
  readonly afterAccount?: () => void;
}

/** Writes the files (modules through `writeModule`, by path relative to the modules folder); returns the workload artifacts written, in spec order. */
export function writeAccountFiles(model: Model, options: AccountFilesOptions, writeModule: (rel: string, content: string) => void): ArtifactInfo[] {
  const imports: ImportBlock[] = [];
  const artifacts: ArtifactInfo[] = [];
  const describe = (account: AccountModel): AccountDescription => {
    const description = describeAccount(account, { offline: options.offline });
    if (options.modules) {
      imports.push(...moduleImportBlocks(description));
      const mine = accountArtifacts(model, account);
      const workloads = mine.length > 0 ? `../${WORKLOADS_DIR}/${account.name}/` : undefined;
      for (const [name, content] of moduleFiles(description, account, { format: options.format, workloads })) writeModule(`${account.name}/${name}`, content);
      for (const { content, ...info } of mine) {
        writeModule(info.path, content);
        artifacts.push(info);
      }
    }
    options.afterAccount?.();
    return description;
  };
  if (options.stacksDir !== undefined) writeCdktfOut(model, options.stacksDir, describe);
  else model.accounts.forEach(describe);
  if (options.modules) {
    writeModule('README.md', modulesIndex(model));
    // Adopted resources: import blocks with module addresses, for the root that calls the modules.
    if (imports.length > 0) writeModule(ROOT_IMPORTS_FILE, rootImportsFile(imports));
    writeModule(`${WORKLOADS_DIR}/README.md`, workloadsIndex(model, artifacts));
  }
  return artifacts;
}
