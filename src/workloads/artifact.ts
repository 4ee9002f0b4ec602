/**
 * What the workload generators hand back: files under `workloads/<account>/`,
 * each described for the summary and the index. A file holds the settings of
 * every role of its account that needs that kind (all Airflow connections in
 * one `.env`, all ServiceAccounts of one cluster in one manifest, a
 * workspace's HCP Terraform variables in one file); only settings that cannot
 * share a file (one role's SDK environment, one job's CI step, a kustomize
 * Component) get a file per role.
 */

import { generatedNotice } from '../names';

export type ArtifactKind =
  | 'kubernetes-service-accounts'
  | 'kustomize-patch'
  | 'kustomize-component'
  | 'airflow-connection-env'
  | 'airflow-connection-json'
  | 'aws-sdk-env'
  | 'aws-config-profile'
  | 'data-platform-aws-role'
  | 'github-actions-step'
  | 'gitlab-ci-job'
  | 'hcp-terraform-variables'
  | 'circleci-step'
  | 'buildkite-step'
  | 'bitbucket-pipelines-step';

export interface Artifact {
  /** Path below the modules directory, always `workloads/<account>/...`. */
  readonly path: string;
  readonly account: string;
  /** The roles of `account` whose settings the file holds, in spec order. */
  readonly roles: readonly string[];
  readonly kind: ArtifactKind;
  /** One line: what to do with the file. */
  readonly use: string;
  readonly content: string;
}

/** The folder of every workload artifact, below the modules directory. */
export const WORKLOADS_DIR = 'workloads';

export function accountPath(account: string, file: string): string {
  return `${WORKLOADS_DIR}/${account}/${file}`;
}

/** The first line of every generated text artifact that allows comments. */
export function generatedHeader(spec: string): string {
  return generatedNotice(spec, 'text');
}

/** The header as a `#` comment line, for `.env` and `.ini` files. */
export function hashHeader(spec: string): string {
  return `# ${generatedHeader(spec)}`;
}
