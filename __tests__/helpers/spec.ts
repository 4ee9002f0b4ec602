/** A minimal valid spec, and the problems a spec has end to end (schema, references, lint errors). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isSpecError, SpecError, type Problem } from '../../src/errors';
import { isBlocking, lintModel, type Finding } from '../../src/lint';
import { resolveModel } from '../../src/model/resolve';
import { parseSpecYaml, validateSpec, type LoadedSpec } from '../../src/input/load';
import { synthesize } from '../../src/synth';
import { tempDir } from './synth';

export const EKS_URL = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';

export type AnySpec = any;

export function minimalSpec(): AnySpec {
  return {
    version: 1,
    issuers: { eks: { url: EKS_URL } },
    accounts: [
      {
        name: 'a',
        id: '111111111111',
        region: 'eu-west-1',
        oidcProviders: { eks: 'create' },
        roles: [{ name: 'r', trust: [{ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'sa' }] }],
      },
    ],
  };
}

export function specWith(mutate: (spec: AnySpec) => void): AnySpec {
  const spec = minimalSpec();
  mutate(spec);
  return spec;
}

/** Every finding of a valid spec (throws a SpecError for schema and reference problems). */
export function lint(input: unknown, file = 'spec.yaml'): { loaded: LoadedSpec; findings: readonly Finding[] } {
  const loaded = validateSpec(input, file);
  return { loaded, findings: lintModel(resolveModel(loaded)).findings };
}

/** The problems that would stop the synth: schema, reference and unsuppressed lint errors. */
export function blockingProblems(input: unknown): Problem[] {
  try {
    return lint(input).findings.filter(isBlocking);
  } catch (e) {
    if (isSpecError(e)) return [...e.problems];
    throw e;
  }
}

/**
 * Exactly one problem, placed in spec.yaml at a line, with this field path, and
 * a message and fix that match.
 */
export function expectOneProblem(problems: readonly Problem[], path: string, message: RegExp, fix: RegExp): void {
  expect(problems).toHaveLength(1);
  expect(problems[0].file).toMatch(/^spec\.yaml:\d+$/);
  expect(problems[0].path).toBe(path);
  expect(problems[0].message).toMatch(message);
  expect(problems[0].fix).toMatch(fix);
}

/**
 * A YAML spec of one account `platform` with one EKS issuer `cluster` and one
 * role `job` holding one trust entry (`trust`, a YAML flow mapping); `role` is
 * put before the role's `trust:` line (more role fields, each line indented 8).
 */
export const eksRoleYaml = (trust: string, role = '') => `
issuers:
  cluster:
    url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    oidcProviders: { cluster: existing }
    roles:
      - name: job
${role}        trust:
          - ${trust}
`;

/** The one problem of a list, after asserting that there is no other. */
export function onlyProblem(problems: readonly Problem[]): Problem {
  const [p, ...rest] = problems;
  expect(rest).toEqual([]);
  return p;
}

/** The problems of the SpecError `fn` throws, after asserting that the message a user sees has no stack trace or engine internals. */
export function refusal(fn: () => unknown): Problem[] {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SpecError);
  // The message a user sees: what, where, fix; never the engine's stack.
  expect((error as SpecError).message).not.toMatch(/\n\s+at /);
  expect((error as SpecError).message).not.toMatch(/Maximum call stack|parseAllDocuments|\| fix:/);
  return [...(error as SpecError).problems];
}

/** Synthesizes a YAML spec (as spec.yaml) into an empty folder, expects a refusal, and checks that the folder stays empty. */
export function synthRefusal(text: string): Problem[] {
  const dir = tempDir();
  const problems = refusal(() => synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') }));
  expect(readdirSync(dir)).toEqual([]);
  return problems;
}
