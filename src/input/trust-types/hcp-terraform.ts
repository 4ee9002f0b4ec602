/**
 * `type: hcp-terraform`: HCP Terraform (or Terraform Enterprise) runs of one
 * workspace, by run phase.
 *
 * Its preset record (what a record holds: `CiPreset`, `ci-preset.ts`). The
 * schema is `hcp-terraform-schema.ts`, loaded on first use: running a synth never
 * builds it (bench/README.md, round 5). Sources: docs/issuers.md.
 */
import { fill, preset, type CiNearMiss } from './ci-preset';
import type { hcpTerraformSchema } from './hcp-terraform-schema';

const RUN_PHASES = { plan: ['plan'], apply: ['apply'], both: ['plan', 'apply'] } as const;

export const hcpTerraform = preset({
  type: 'hcp-terraform',
  get schema(): typeof hcpTerraformSchema {
    return (require('./hcp-terraform-schema') as typeof import('./hcp-terraform-schema')).hcpTerraformSchema;
  },
  name: 'HCP Terraform',
  hosted: { host: /^app\.terraform\.io$/, name: 'HCP Terraform', claims: [] },
  issuer: () => ({ selfHosted: 'https://app.terraform.io or your Terraform Enterprise URL' }),
  audience: (t) => ({ value: t.audience, field: 'audience' }),
  audienceText: 'aws.workload.identity',
  subjectFormat: 'organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>',
  fixedPrefix: /^organization:[^:*?]+:project:[^:*?]+:workspace:[^:*?]+:run_phase:/,
  // Every workspace of one project: the `*` is the whole workspace part, and workspace names hold no ":".
  pinnedWildcard: /^organization:[^:*?]+:project:[^:*?]+:workspace:\*:run_phase:(plan|apply)$/,
  // One subject per phase: a plan-only role never matches an apply run. With workspace "*", every workspace of the project.
  subjects: (t) => RUN_PHASES[t.runPhase].map((phase) => `organization:${t.organization}:project:${t.project}:workspace:${t.workspace}:run_phase:${phase}`),
  tenant: (t) => ({ claim: 'sub', values: [`organization:${t.organization}:*`] }),
  describe: (s) =>
    `HCP Terraform ${s.organization}/${s.project}/${s.workspace === '*' ? '(every workspace)' : s.workspace} · ${s.runPhase === 'both' ? 'plan and apply' : s.runPhase}`,
  realSubject: fill,
  nearMisses: (s, sub) => {
    const base = (org: string, project: string, ws: string, phase: string) => `organization:${org}:project:${project}:workspace:${ws}:run_phase:${phase}`;
    const phase = RUN_PHASES[s.runPhase][0];
    // The workspace of the run tried: the declared one, or for "*" the example filled in.
    const ws = /:workspace:([^:]*):run_phase:/.exec(sub)![1];
    const out: [CiNearMiss, string][] = [];
    if (s.workspace !== '*') out.push(['other-workspace', base(s.organization, s.project, `${ws}-extra`, phase)]);
    out.push(
      ['other-project', base(s.organization, s.project === 'Default Project' ? 'Other Project' : 'Default Project', ws, phase)],
      ['other-organization', base(`${s.organization}-extra`, s.project, ws, phase)],
    );
    if (s.runPhase !== 'both') out.push(['other-run-phase', base(s.organization, s.project, ws, s.runPhase === 'plan' ? 'apply' : 'plan')]);
    return out;
  },
});
