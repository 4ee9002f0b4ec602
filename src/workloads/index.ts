/**
 * Every workload artifact of a model, in spec order (accounts, roles, trust
 * entries), so the output is the same on every run:
 * `workloads/<account>/<role>/...` below the modules directory, plus an index
 * at `workloads/README.md`.
 */
import type { Model } from '../model/types';
import { airflowArtifacts } from './airflow';
import { type Artifact, WORKLOADS_DIR } from './artifact';
import { awsSdkArtifacts } from './aws-sdk';
import { dataPlatformArtifacts } from './data-platform';
import { githubArtifacts } from './github';
import { kubernetesArtifacts } from './kubernetes';
import { workloadsIndex } from './readme';

export type { Artifact, ArtifactKind } from './artifact';
export { WORKLOADS_DIR } from './artifact';

export function workloadArtifacts(model: Model): Artifact[] {
  const out: Artifact[] = [];
  for (const account of model.accounts) {
    for (const role of account.roles) {
      out.push(
        ...kubernetesArtifacts(account, role, model.file),
        ...airflowArtifacts(account, role, model.file),
        ...awsSdkArtifacts(account, role, model.file),
        ...dataPlatformArtifacts(model, account, role),
        ...githubArtifacts(account, role, model.file),
      );
    }
  }
  return out;
}

/** The files to write: every artifact and the index, by path below the modules directory. */
export function workloadFiles(model: Model, artifacts: readonly Artifact[]): Map<string, string> {
  const files = new Map<string, string>(artifacts.map((a) => [a.path, a.content]));
  files.set(`${WORKLOADS_DIR}/README.md`, workloadsIndex(model, artifacts));
  return files;
}
