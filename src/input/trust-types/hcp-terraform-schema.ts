/**
 * `type: hcp-terraform`: HCP Terraform (or Terraform Enterprise) runs of one
 * workspace, by run phase.
 *
 * Its schema: what a spec may write. The preset record is `hcp-terraform.ts`, which
 * loads this file only when a spec is validated. Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { audience, issuerField } from './ci-fields';

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
