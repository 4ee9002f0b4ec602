import { jsonStrings, policyObject, policyText } from '../private/iam-json';
import { findings, type LintSubject, type Rule, type RuleFinding } from '../types';

/** The strings of a subject that end up in Terraform, with where they are. */
function terraformStrings(subject: LintSubject): { at: string; value: string }[] | undefined {
  switch (subject.kind) {
    case 'trust-policy':
    case 'identity-policy':
      return jsonStrings(policyObject(subject.policy));
    case 'role': {
      const r = subject.role;
      return [
        { at: 'name', value: r.name },
        { at: 'path', value: r.path },
        ...(r.description !== undefined ? [{ at: 'description', value: r.description }] : []),
        ...(r.permissionsBoundary !== undefined ? [{ at: 'permissionsBoundary', value: r.permissionsBoundary }] : []),
        ...r.managedPolicyArns.map((value, i) => ({ at: `managedPolicies[${i}]`, value })),
        ...Object.entries(r.tags).flatMap(([k, v]) => [
          { at: `tags.${k}`, value: k },
          { at: `tags.${k}`, value: v },
        ]),
      ];
    }
    case 'oidc-provider':
      return [
        { at: 'url', value: subject.provider.url },
        ...subject.provider.clientIds.map((value, i) => ({ at: `clientIds[${i}]`, value })),
        ...subject.provider.thumbprints.map((value, i) => ({ at: `thumbprints[${i}]`, value })),
      ];
    case 'iam-user-access-key':
      return [{ at: 'userName', value: subject.user.userName }, ...(subject.user.pgpKey !== undefined ? [{ at: 'pgpKey', value: subject.user.pgpKey }] : [])];
    case 'account':
    case 'model':
      return undefined;
  }
}

/** Whether any value `terraformStrings` lists for a role (tag keys included) has a `{`. */
function roleHasBrace(r: Extract<LintSubject, { kind: 'role' }>['role']): boolean {
  if (r.name.includes('{') || r.path.includes('{') || r.description?.includes('{') || r.permissionsBoundary?.includes('{')) return true;
  for (const arn of r.managedPolicyArns) if (arn.includes('{')) return true;
  for (const key in r.tags) if (Object.prototype.hasOwnProperty.call(r.tags, key) && (key.includes('{') || r.tags[key].includes('{'))) return true;
  return false;
}

/** `${` or `%{`: a template sequence to Terraform, which the renderers escape. */
const TEMPLATE = /[$%]\{/;
/** `$${` or `%%{`: what a spec once wrote for a literal `${` or `%{`. */
const OLD_ESCAPE = /\$\$\{|%%\{/;
/** Where the AWS provider's policy document writes `&{` as `${`: resources, principals and condition values (not actions or condition keys). */
const PROVIDER_REWRITES = /^Statement\[\d+\]\.(Resource|NotResource|Principal|NotPrincipal|Condition)\b/;

const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);

/**
 * TRUST018: a value with `${`, `%{` or (in a policy document) `&{`. The
 * renderers escape every literal, so Terraform passes it to AWS as typed; the
 * finding says so (info), and warns where the typed value is probably not
 * what was meant: `$${` / `%%{` (the escape specs once needed) reach AWS
 * doubled, and the provider's policy document writes `&{` as `${`.
 */
export const trust018: Rule = {
  id: 'TRUST018',
  level: 'info',
  kinds: ['trust-policy', 'identity-policy', 'role', 'oidc-provider', 'iam-user-access-key'],
  name: 'A value with ${ or %{, passed to AWS as typed',
  explanation:
    'Terraform reads "${...}" in a string as an interpolation and "%{...}" as a template directive. The generator escapes every value of the spec ("$${", "%%{"), so Terraform never evaluates one: AWS gets the value exactly as typed, and IAM reads ${aws:username} in a policy document as its policy variable. Write a value as AWS should get it: "$${" and "%%{" reach AWS with both characters, and the AWS provider\'s policy document writes "&{" as "${".',
  fix: 'nothing to do for a value typed as AWS should get it; write "${" where the spec has "$${" (and "%{" for "%%{"), and an IAM policy variable as ${aws:username}, not &{aws:username}',
  check(subject) {
    const policy = subject.kind === 'trust-policy' || subject.kind === 'identity-policy';
    // Most documents hold no `{` after `$`, `%` or `&` at all: say so without walking every string.
    if (policy && !/[$%&]\{/.test(policyText(subject.policy))) return findings([]);
    // A role (one per role of the spec) is the same: every finding below needs a `{` in one of its values.
    if (subject.kind === 'role' && !roleHasBrace(subject.role)) return findings([]);
    const strings = terraformStrings(subject);
    if (!strings) return { status: 'not-applicable' };
    return findings(
      strings.flatMap(({ at, value }): RuleFinding[] => {
        // Each finding below needs `${`, `%{` or `&{`: a value without `{` (nearly all of them) has none.
        if (!value.includes('{')) return [];
        const statement = /^Statement\[(\d+)\]/.exec(at);
        const where = { ...(statement ? { statement: Number(statement[1]) } : {}), at };
        const isKey = at.endsWith(`[${JSON.stringify(value)}]`) || at.endsWith(`.${value}`);
        if (OLD_ESCAPE.test(value)) {
          const found = value.match(OLD_ESCAPE)![0];
          return [
            {
              ...where,
              level: 'warning',
              message: `${shown(value)} has "${found}": AWS gets it as typed, with both "${found[0]}" (the generator escapes every value for Terraform)`,
              fix: `write "${found.slice(1)}" if AWS should get "${found.slice(1)}"`,
            },
          ];
        }
        if (policy && !isKey && PROVIDER_REWRITES.test(at) && value.includes('&{')) {
          return [
            {
              ...where,
              level: 'warning',
              message: `${shown(value)} has "&{": the AWS provider's policy document writes it as "\${", so IAM gets ${shown(value.replace(/&\{/g, '${'))}`,
              fix: 'write "${" (an IAM policy variable as ${aws:username}): the generator escapes it, and IAM gets it as typed',
            },
          ];
        }
        if (TEMPLATE.test(value)) {
          return [
            {
              ...where,
              message: `${shown(value)} has "${value.match(TEMPLATE)![0]}": written escaped, so Terraform passes it to AWS as typed`,
              fix: 'nothing to do if AWS should get the value as typed',
            },
          ];
        }
        return [];
      }),
    );
  },
};
