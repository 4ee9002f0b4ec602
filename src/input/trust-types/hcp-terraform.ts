/**
 * `type: hcp-terraform`: HCP Terraform (or Terraform Enterprise) runs of one
 * workspace, by run phase.
 *
 * Its schema and its preset record (what a record holds: `CiPreset`,
 * `ci-preset.ts`). Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { audience, issuerField } from './ci-fields';
import { fill, preset, type CiNearMiss } from './ci-preset';

/** HCP Terraform's default audience (`TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`). */
const HCP_TERRAFORM_AUDIENCE = 'aws.workload.identity';

export const hcpTerraformSchema = z
  .strictObject({
    type: z.literal('hcp-terraform').meta({ description: 'hcp-terraform: HCP Terraform (or Terraform Enterprise) runs of one workspace, by run phase.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://app.terraform.io or your Terraform Enterprise URL. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://app.terraform.io or your Terraform Enterprise URL.' }),
    organization: z
      .string({ error: fix('expected the organization name', 'write the HCP Terraform organization name') })
      .regex(/^[A-Za-z0-9_-]{1,100}$/, fix('an organization name has letters, digits, "-" and "_"', 'copy the organization name from HCP Terraform'))
      .meta({ description: 'The HCP Terraform organization name.', examples: ['acme'] }),
    /** The project; HCP Terraform's default project is named "Default Project". @default "Default Project" */
    project: z
      .string()
      .regex(/^[^:*?\x00-\x1f]{1,100}$/, fix('a project name has no ":" and no wildcard', 'copy the project name, e.g. "Default Project"'))
      .default('Default Project')
      .meta({ description: 'The HCP Terraform project; its default project is named "Default Project". No ":" and no wildcard.', examples: ['platform'] }),
    /**
     * The one workspace, or `"*"`: every workspace of the project (one run phase, or both). HashiCorp
     * allows only letters, digits, "-" and "_" in a workspace name, so the `*` of
     * `workspace:*:run_phase:<phase>` cannot stretch past the next ":" (docs/issuers.md).
     */
    workspace: z
      .string({ error: fix('expected the workspace name', 'write the workspace name') })
      .regex(
        /^([A-Za-z0-9_-]{1,90}|\*)$/,
        fix(
          'a workspace name has letters, digits, "-" and "_"; the only pattern is "*" alone (every workspace of the project)',
          'name the one workspace whose runs may assume the role, or write workspace: "*" for every workspace of the project',
        ),
      )
      .meta({
        description:
          'The one workspace whose runs may assume the role, or "*" for every workspace of the project (still pinned to the organization, project and run phase). No other pattern.',
        examples: ['iam-prod', '*'],
      }),
    /** Which runs: `plan`, `apply`, or `both`. A plan-only role is not assumable by an apply run. */
    runPhase: z
      .enum(['plan', 'apply', 'both'], { error: fix('runPhase is plan, apply or both', 'write runPhase: plan for a read-only role, apply or both otherwise') })
      .meta({ description: 'Which runs: plan, apply or both. A plan-only role is not assumable by an apply run.' }),
    /** `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`. @default "aws.workload.identity" */
    audience: audience('audience')
      .default(HCP_TERRAFORM_AUDIENCE)
      .meta({ description: "The aud of the run's token: the workspace's TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE." }),
  })
  .meta({
    title: 'trust: hcp-terraform',
    description: 'HCP Terraform runs of one workspace (or every workspace of one project, workspace: "*"): organization, project, workspace and runPhase.',
  });

const RUN_PHASES = { plan: ['plan'], apply: ['apply'], both: ['plan', 'apply'] } as const;

export const hcpTerraform = preset({
  type: 'hcp-terraform',
  schema: hcpTerraformSchema,
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
