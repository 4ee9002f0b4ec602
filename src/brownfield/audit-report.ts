/** The audit as a readable markdown report; the JSON is the {@link AuditReport} itself. */
import type { AuditReport, ConditionView, RoleAudit } from './audit';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const cond = (c: ConditionView) => `${c.operator} \`${c.key}\` = ${c.values.map((v) => `\`${v}\``).join(' or ')}`;

function callerLines(r: RoleAudit): string[] {
  const out: string[] = [];
  for (const i of r.callers.issuers.filter((x) => x.saml)) {
    const aud = i.aud.length > 0 ? i.aud.map(cond).join('; ') : '**no SAML:aud condition**';
    out.push(`- SAML provider \`${i.host}\` (sts:AssumeRoleWithSAML): ${aud}${i.other.length > 0 ? `; also ${i.other.map(cond).join('; ')}` : ''}`);
  }
  for (const i of r.callers.issuers.filter((x) => !x.saml)) {
    const sub = i.sub.length > 0 ? i.sub.map(cond).join('; ') : '**no sub condition**';
    const aud = i.aud.length > 0 ? i.aud.map(cond).join('; ') : '**no aud condition**';
    const other = i.other.length > 0 ? `; also ${i.other.map(cond).join('; ')}` : '';
    const listed = (ids: readonly string[]) => ids.map((x) => `\`${x}\``).join(', ');
    const audiences = i.audiences
      ? i.audiences.admitted.length > 0
        ? `; audiences that get in: ${listed(i.audiences.admitted)} (the provider's client ids: ${listed(i.audiences.clientIds)})`
        : `; **no client id of the provider (${listed(i.audiences.clientIds)}) passes the aud condition: no token gets in**`
      : '';
    out.push(`- issuer \`${i.host}\`: ${sub}; ${aud}${other}${audiences}${i.anyToken ? ' — **any token of this issuer gets in**' : ''}`);
  }
  for (const a of r.callers.aws) {
    const what =
      a.principal === '*' ? 'any AWS principal' : a.wholeAccount ? `every principal of account ${a.account} that its own policies allow` : `\`${a.principal}\``;
    const guard = a.conditions.length > 0 ? ` when ${a.conditions.map(cond).join('; ')}` : '';
    out.push(
      `- AWS: ${what}${a.outside ? ' (**outside the exported accounts**)' : ''}${a.organizationAccess ? ', the management account of the organization (OrganizationAccountAccessRole)' : ''}${guard}`,
    );
  }
  for (const s of r.callers.services) out.push(`- service \`${s.service}\`${s.conditions.length > 0 ? ` when ${s.conditions.map(cond).join('; ')}` : ''}`);
  for (const n of r.callers.notes) out.push(`- note: ${n}`);
  return out.length > 0 ? out : ['- nobody: the trust policy allows no principal'];
}

export function auditMarkdown(report: AuditReport): string {
  const { counts } = report;
  const out: string[] = [
    '# IAM trust audit',
    '',
    `${report.roles.length} roles in ${report.accounts.length} account${report.accounts.length === 1 ? '' : 's'}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos.`,
    '',
    '| account | id | roles | export files |',
    '|---|---|---|---|',
    ...report.accounts.map((a) => `| ${cell(a.name)} | ${a.id} | ${a.roles} | ${a.files.map((f) => `\`${cell(f)}\``).join(', ')} |`),
    '',
    '## Organisation',
    '',
    '### Trust from outside the exported accounts',
    '',
  ];
  if (report.externalEdges.length === 0) out.push('None.');
  else
    out.push(
      '| role | trusted principal | account |',
      '|---|---|---|',
      ...report.externalEdges.map(
        (e) =>
          `| \`${e.role}\` | \`${cell(e.principal)}\` | ${e.account ?? 'any'}${e.organizationAccess ? ' (the management account: OrganizationAccountAccessRole)' : ''} |`,
      ),
    );
  out.push('', '### Roles any token of an issuer can assume', '');
  if (report.openToAnyToken.length === 0) out.push('None.');
  else out.push('| role | issuer |', '|---|---|', ...report.openToAnyToken.map((e) => `| \`${e.role}\` | \`${e.issuer}\` |`));
  out.push('', '## Roles', '');
  for (const r of report.roles) {
    const errors = r.findings.filter((f) => f.level === 'error').length;
    out.push(
      `### ${r.account} / ${r.role}${errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}`,
      '',
      `\`${r.arn}\`, from \`${r.file}\``,
      '',
      ...(r.awsManaged ? [`**AWS-managed**: ${r.awsManaged}. \`import\` lists it and never adopts it.`, ''] : []),
      'Who can assume it:',
      '',
      ...callerLines(r),
      '',
    );
    if (r.findings.length === 0) out.push('No findings.', '');
    else {
      out.push('| rule | level | where | finding | fix |', '|---|---|---|---|---|');
      for (const f of r.findings) out.push(`| ${f.ruleId} | ${f.level} | ${cell(f.where)} | ${cell(f.message)} | ${cell(f.fix)} |`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
