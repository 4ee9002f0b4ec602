import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** SPEC002: two iam-user trust entries of one account name the same IAM user. */
export const spec002: Rule = {
  id: 'SPEC002',
  level: 'error',
  name: 'One iam-user trust per IAM user and account',
  explanation: 'Each iam-user trust creates its IAM user and access key; two entries naming one user would create it twice, and Terraform refuses the second.',
  fix: 'give each iam-user trust its own user: one access key per user and role',
  suppressible: false,
  check(subject) {
    if (subject.kind !== 'model') return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    subject.model.accounts.forEach((account, ai) => {
      const users = new Set<string>();
      account.roles.forEach((role, ri) =>
        role.trust.forEach((t, ti) => {
          if (t.spec.type !== 'iam-user') return;
          const key = t.spec.user.toLowerCase();
          if (users.has(key)) {
            out.push({ path: ['accounts', ai, 'roles', ri, 'trust', ti, 'user'], message: `IAM user "${t.spec.user}" is named by two iam-user trust entries in account "${account.name}"` });
          }
          users.add(key);
        }),
      );
    });
    return findings(out);
  },
};
