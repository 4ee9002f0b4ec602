import { COMPLIANT, findings, NOT_APPLICABLE, type Rule } from '../types';

/** TRUST017: the IAM-user access-key fallback (the `iam-user` trust, off unless the spec allows it). */
export const trust017: Rule = {
  id: 'TRUST017',
  level: 'warning',
  kinds: ['iam-user-access-key'],
  name: 'IAM-user access key: the secret lands in Terraform state unless a PGP key is given',
  explanation:
    'aws_iam_access_key stores the secret access key in the Terraform state in plain text, readable by anyone who can read the state, unless pgp_key encrypts it. Long-lived keys are also the discouraged alternative to assuming a role.',
  fix: 'give pgpKey (keybase:<user> or a base64 public key) so only the encrypted secret is stored; better, let the workload assume a role',
  check(subject) {
    if (subject.kind !== 'iam-user-access-key') return NOT_APPLICABLE;
    if (subject.user.pgpKey?.trim()) return COMPLIANT;
    return findings([{ message: `access key of IAM user "${subject.user.userName}": the secret access key lands in the Terraform state in plain text` }]);
  },
};
