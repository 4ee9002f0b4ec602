import type { TrustSpec } from '../input/trust-types';
import { webIdentityStatement } from './oidc';
import type { TrustBuildContext, TrustResult } from './context';

/** The data platform names each job's service account `<project>-<uuid>`; this matches any UUID, character class by character class. */
export const UUID_PATTERN = '????????-????-????-????-????????????';

/** Kubernetes forbids `_`, so the platform writes project `ingest_weather` as `ingest.weather`. */
export function serviceAccountProject(project: string): string {
  return project.replace(/_/g, '.');
}

export function dataPlatformSubject(project: string, environment: string): string {
  return `system:serviceaccount:${environment}:${serviceAccountProject(project)}-${UUID_PATTERN}`;
}

export function dataPlatformProject(t: Extract<TrustSpec, { type: 'data-platform-project' }>, ctx: TrustBuildContext): TrustResult | undefined {
  const provider = ctx.provider(t.issuer);
  if (!provider) return undefined;
  const subject = dataPlatformSubject(t.project, t.allEnvironments ? '*' : t.environment!);
  return {
    statements: [
      webIdentityStatement(provider, { test: 'StringLike', variable: `${provider.host}:sub`, values: [subject] }, t.pinAudience === false ? false : undefined),
    ],
    resolved: { spec: t, provider, subject },
  };
}
