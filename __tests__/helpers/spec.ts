/** A minimal valid spec, and the problems a spec has end to end (schema, references, lint errors). */
import { isSpecError, type Problem } from '../../src/errors';
import { findingProblem, isBlocking, lintModel, type Finding } from '../../src/lint';
import { resolveModel } from '../../src/model/resolve';
import { validateSpec, type LoadedSpec } from '../../src/spec/load';

export const EKS_URL = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
    return lint(input).findings.filter(isBlocking).map(findingProblem);
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
