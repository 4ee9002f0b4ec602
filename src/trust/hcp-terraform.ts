import type { TrustSpec } from '../spec/schema';
import { ciTrust } from './ci';
import type { TrustContext, TrustResult } from './context';

type HcpTerraform = Extract<TrustSpec, { type: 'hcp-terraform' }>;

export const RUN_PHASES = { plan: ['plan'], apply: ['apply'], both: ['plan', 'apply'] } as const;

/** `organization:<org>:project:<project>:workspace:<ws>:run_phase:<phase>`, one exact subject per phase: a plan-only role never matches an apply run. */
export function hcpTerraformSubjects(t: Pick<HcpTerraform, 'organization' | 'project' | 'workspace' | 'runPhase'>): string[] {
  return RUN_PHASES[t.runPhase].map((phase) => `organization:${t.organization}:project:${t.project}:workspace:${t.workspace}:run_phase:${phase}`);
}

/** HCP Terraform (or Terraform Enterprise) dynamic provider credentials. */
export function hcpTerraform(t: HcpTerraform, ctx: TrustContext): TrustResult | undefined {
  return ciTrust(t, ctx, 'hcp-terraform', { selfHosted: 'https://app.terraform.io or your Terraform Enterprise URL' }, hcpTerraformSubjects(t), { value: t.audience, field: 'audience' });
}
