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
      return [{ at: 'userName', value: subject.user.userName }];
    case 'account':
    case 'model':
      return undefined;
  }
}

/** `${` or `%{` not escaped by doubling its first character. */
const UNESCAPED = /(?<![$%])[$%]\{/g;
const MAYBE = /[$%]\{/;

/** TRUST018: an unescaped `${` (or `%{`) in a value written to Terraform. */
export const trust018: Rule = {
  id: 'TRUST018',
  level: 'error',
  name: 'Unescaped ${ in a value written to Terraform',
  explanation:
    'Terraform reads "${...}" in any string as an interpolation (and "%{...}" as a template directive): the value fails to plan, or silently becomes something else. IAM policy variables such as ${aws:username} must be written &{aws:username} in a policy document.',
  fix: 'write "$${" for a literal "${" ("%%{" for "%{"); in a policy document write an IAM policy variable as &{aws:username}',
  suppressible: false,
  check(subject) {
    // Most documents hold no `{` after `$` or `%` at all: say so without walking every string.
    if ((subject.kind === 'trust-policy' || subject.kind === 'identity-policy') && !MAYBE.test(policyText(subject.policy))) {
      return findings([]);
    }
    const strings = terraformStrings(subject);
    if (!strings) return { status: 'not-applicable' };
    const policy = subject.kind === 'trust-policy' || subject.kind === 'identity-policy';
    return findings(
      strings.flatMap(({ at, value }): RuleFinding[] => {
        if (!MAYBE.test(value)) return [];
        const found = [...new Set([...value.matchAll(UNESCAPED)].map((m) => m[0]))];
        if (found.length === 0) return [];
        const statement = /^Statement\[(\d+)\]/.exec(at);
        const variable = /\$\{(aws|sts|s3|ec2|iam):[^}]*\}/.exec(value);
        return [
          {
            ...(statement ? { statement: Number(statement[1]) } : {}),
            at,
            message: `${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)} has an unescaped ${found.map((f) => `"${f}"`).join(' and ')}: Terraform reads it as ${found.includes('${') ? 'an interpolation' : 'a template directive'}`,
            fix:
              policy && variable
                ? `write the IAM policy variable as "&{${variable[0].slice(2)}" (or "$\${" for a literal "\${")`
                : `write ${found.map((f) => `"${f[0]}${f}" for a literal "${f}"`).join(', ')}`,
          },
        ];
      }),
    );
  },
};
