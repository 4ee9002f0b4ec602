/**
 * The organization's guardrails in its management account's description: one
 * `aws_organizations_policy` of type RESOURCE_CONTROL_POLICY per policy of the
 * model, attached to every root and OU of `organization.attachTo`, and an
 * output of their ids. The policy text is a literal (escaped by the
 * renderers), so Terraform never evaluates a value of the spec.
 */
import type { OrganizationModel } from '../model/guardrails';
import { TAGS_VARIABLE } from '../names';
import { mergeTags, ref } from './expressions';
import type { Elements } from './element';
import type { Output } from './outputs';

const POLICY = 'aws_organizations_policy';
const ATTACHMENT = 'aws_organizations_policy_attachment';

/** The output that names each guardrail policy's id. */
export const GUARDRAIL_POLICY_IDS_OUTPUT = 'guardrail_policy_ids';

/** Adds the policies and their attachments to `out`; returns the output of their ids. */
export function emitGuardrails(org: OrganizationModel, out: Elements): Record<string, Output> {
  for (const p of org.policies) {
    const scope = `guardrails/${p.tfId}`;
    out.add('resource', POLICY, p.tfId, `${scope}/policy`, {
      name: p.name,
      description: `Guardrails of ${org.id} (${p.document.Statement.map((s) => s.Sid).join(', ')}), derived from the spec by cross-account-iam: docs/guardrails.md.`,
      type: 'RESOURCE_CONTROL_POLICY',
      content: p.content,
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    });
    for (const target of org.targets) {
      const id = `${p.tfId}_${target.replace(/-/g, '_')}`;
      out.add('resource', ATTACHMENT, id, `${scope}/attach-${target}`, { policy_id: ref(`${POLICY}.${p.tfId}`, 'id'), target_id: target });
    }
  }
  if (org.policies.length === 0) return {};
  return {
    [GUARDRAIL_POLICY_IDS_OUTPUT]: {
      description: 'Id of each guardrail resource control policy, by policy name.',
      value: Object.fromEntries(org.policies.map((p) => [p.name, ref(`${POLICY}.${p.tfId}`, 'id')])),
    },
  };
}
