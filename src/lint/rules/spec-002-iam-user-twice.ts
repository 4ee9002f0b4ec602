import type { Rule } from '../types';
import { checkModel, forEachTrust } from './model-rule';

/** SPEC002: two iam-user trust entries of one account name the same IAM user. */
export const spec002: Rule = {
  id: 'SPEC002',
  level: 'error',
  kinds: ['model'],
  name: 'One iam-user trust per IAM user and account',
  explanation: 'Each iam-user trust creates its IAM user and access key; two entries naming one user would create it twice, and Terraform refuses the second.',
  fix: 'give each iam-user trust its own user: one access key per user and role',
  suppressible: false,
  check: (subject) =>
    checkModel(subject, (model, report) => {
      // Per account: an account's index, then the user name as IAM compares it.
      const users = new Set<string>();
      forEachTrust(model, (place) => {
        const t = place.trust;
        if (t.spec.type !== 'iam-user') return;
        const key = `${place.ai}:${t.spec.user.toLowerCase()}`;
        if (users.has(key))
          report({
            path: [...place.path, 'user'],
            message: `IAM user "${t.spec.user}" is named by two iam-user trust entries in account "${place.account.name}"`,
          });
        users.add(key);
      });
    }),
};
