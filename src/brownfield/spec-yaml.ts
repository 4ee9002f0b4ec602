/** The imported spec as YAML, with what was left out and why at the top, where a reviewer starts reading. */
import { stringify } from 'yaml';
import type { ImportResult } from './import';
import { POD_IDENTITY_SERVICE } from '../trust/eks-pod-identity';

const comment = (text: string) => text.split('\n').map((l) => `# ${l}`.trimEnd());

/** One line per grant the imported spec needs on a role it does not manage. */
export function byHandGrants(result: Pick<ImportResult, 'model'>): string[] {
  return result.model.accounts.flatMap((a) =>
    a.grants
      .filter((g) => g.byHand)
      .map((g) => `role ${g.roleName} of ${a.name} (${a.id}) needs sts:AssumeRole on ${g.targets.join(', ')} in one of its identity policies`),
  );
}

/** One line per imported role EKS Pod Identity assumes: its associations are not in an IAM export, so they stay outside the spec. */
export function byHandAssociations(result: Pick<ImportResult, 'model'>): string[] {
  return result.model.accounts.flatMap((a) =>
    a.roles
      .filter((r) => r.trust.some((t) => t.spec.type === 'aws-service' && t.spec.service === POD_IDENTITY_SERVICE))
      .map(
        (r) =>
          `role ${r.name} of ${a.name} (${a.id}) is assumed by EKS Pod Identity: its associations are not in an IAM export, so the spec neither creates nor adopts them, and they stay as they are`,
      ),
  );
}

export function importYaml(result: ImportResult, files: readonly string[]): string {
  const head: string[] = [
    ...comment(`Imported by \`cross-account-iam import\` from ${files.join(', ')}.`),
    ...comment(`${result.imported.length} roles imported, each with adopt: true (Terraform imports it instead of creating it).`),
    ...comment("Every imported trust policy was proved to grant exactly the exported access (the project's evaluator, every identity"),
    ...comment('derived from either document, near-misses included). Review, plan (imports only, no replacement), apply, then remove adopt.'),
  ];
  if (result.skipped.length > 0) {
    head.push('#', ...comment(`${result.skipped.length} roles NOT imported (the spec cannot represent them as they are):`));
    for (const s of result.skipped) head.push(...comment(`- ${s.arn} (${s.file}): ${s.reason}`));
  }
  if (result.awsManaged.length > 0) {
    head.push('#', ...comment(`${result.awsManaged.length} roles AWS manages, listed and never adopted:`));
    for (const s of result.awsManaged) head.push(...comment(`- ${s.arn} (${s.file}): ${s.reason}`));
  }
  const byHand = byHandGrants(result);
  if (byHand.length > 0) {
    head.push(
      '#',
      ...comment(
        `${byHand.length} statements to add by hand (the spec does not manage the calling role, so nothing writes to it; the module README has them too):`,
      ),
    );
    for (const line of byHand) head.push(...comment(`- ${line}`));
  }
  const associations = byHandAssociations(result);
  if (associations.length > 0) {
    head.push('#', ...comment(`${associations.length} roles whose EKS Pod Identity associations stay by hand (the module README lists them too):`));
    for (const line of associations) head.push(...comment(`- ${line}`));
  }
  return `${head.join('\n')}\n${stringify(result.spec, { lineWidth: 0 })}`;
}
