/**
 * Every workload artifact of a model, in spec order (accounts, then kinds,
 * then roles), so the output is the same on every run:
 * `workloads/<account>/...` below the modules directory, plus an index at
 * `workloads/README.md`.
 */
import type { Model } from '../model/types';
import { airflowArtifacts } from './airflow';
import type { Artifact } from './artifact';
import { awsSdkArtifacts } from './aws-sdk';
import { dataPlatformArtifacts } from './data-platform';
import { githubArtifacts } from './github';
import { gitlabArtifacts } from './gitlab-ci';
import { hcpTerraformArtifacts } from './hcp-terraform';
import { circleciArtifacts } from './circleci';
import { buildkiteArtifacts } from './buildkite';
import { bitbucketArtifacts } from './bitbucket';
import { kubernetesArtifacts } from './kubernetes';

export type { Artifact, ArtifactKind } from './artifact';
export { WORKLOADS_DIR } from './artifact';
export { workloadsIndex } from './readme';

export function workloadArtifacts(model: Model): Artifact[] {
  return model.accounts.flatMap((account) => accountArtifacts(model, account));
}

/** One account's workload artifacts, in the order {@link workloadArtifacts} lists them. */
export function accountArtifacts(model: Model, account: Model['accounts'][number]): Artifact[] {
  return [
    ...kubernetesArtifacts(model, account),
    ...airflowArtifacts(model, account),
    ...awsSdkArtifacts(model, account),
    ...dataPlatformArtifacts(model, account),
    ...githubArtifacts(account, model.file),
    ...gitlabArtifacts(account, model.file),
    ...hcpTerraformArtifacts(account, model.file),
    ...circleciArtifacts(account, model.file),
    ...buildkiteArtifacts(account, model.file),
    ...bitbucketArtifacts(account, model.file),
  ];
}
