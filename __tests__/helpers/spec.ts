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
