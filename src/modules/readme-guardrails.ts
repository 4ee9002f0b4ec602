/**
 * The management account module's README section on the organization's
 * guardrails: which policies, attached where, with which fences, the JSON
 * files for teams that manage RCPs elsewhere, and the rollout.
 */
import { RCP_MAX_CHARACTERS } from '../model/guardrails';
import type { AccountModel } from '../model/types';

/** The folder of the module that holds each guardrail policy as the JSON AWS receives. */
export const GUARDRAILS_JSON_DIR = 'guardrails';

/** Each policy's JSON file, relative to the module: the exact minified text Terraform uploads (its length is what AWS counts). */
export function guardrailJsonFiles(account: AccountModel): [string, string][] {
  return (account.guardrails?.policies ?? []).map((p) => [`${GUARDRAILS_JSON_DIR}/${p.name}.json`, `${p.content}\n`]);
}

export function guardrailSection(account: AccountModel): string[] {
  const org = account.guardrails;
  if (!org) return [];
  const lines = ['## Organization guardrails', ''];
  if (org.policies.length === 0) return [...lines, `\`organization.guardrails\` chooses no fence: no resource control policy is written for ${org.id}.`, ''];
  lines.push(
    `Resource control policies of ${org.id}, derived from the spec (docs/guardrails.md), attached to ${org.targets.map((t) => `\`${t}\``).join(', ')}:`,
    '',
    '| policy | characters | statements | JSON |',
    '|---|---|---|---|',
    ...org.policies.map(
      (p) =>
        `| \`${p.name}\` | ${p.content.length} of ${RCP_MAX_CHARACTERS} | ${p.document.Statement.map((s) => `\`${s.Sid}\``).join(', ')} | [\`${GUARDRAILS_JSON_DIR}/${p.name}.json\`](${GUARDRAILS_JSON_DIR}/${p.name}.json) |`,
    ),
    '',
  );
  const unfenced = org.issuers.filter((i) => i.kind === 'unknown');
  if (org.guardrails.includes('oidc-tenants') && unfenced.length > 0) {
    lines.push(
      'Issuers whose tenant no fence can check (only the providers fence applies to them):',
      '',
      ...unfenced.map((i) => `- \`${i.host}\` (${i.issuer}): ${i.kind === 'unknown' ? i.why : ''}`),
      '',
    );
  }
  lines.push(
    'Rollout: apply with `organization.attachTo` naming a test OU first, run the workloads of every account there, then add the root or the other OUs. The JSON files are the exact text Terraform uploads, for teams that manage RCPs elsewhere.',
    '',
  );
  return lines;
}
