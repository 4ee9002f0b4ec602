import { isAllow, principalIds, readStatements } from '../private/iam-json';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

const ROOT = /^(?:arn:aws[a-z-]*:iam::(\d{12}):root|(\d{12}))$/;

/** TRUST014: trust in an account root (`arn:aws:iam::ID:root`) or a bare account id. */
export const trust014: Rule = {
  id: 'TRUST014',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'Trust in an account root or a bare account id',
  explanation:
    "Trusting an account delegates the decision to that account's IAM policies: any of its users or roles that is allowed sts:AssumeRole on this role, today or later, gets in.",
  fix: 'name the role that needs access: arn:aws:iam::<account-id>:role/<name>',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const statements = readStatements(subject.policy).filter((s) => isAllow(s) && principalIds(s, 'AWS').length > 0);
    if (statements.length === 0) return NOT_APPLICABLE;
    return findings(
      statements.flatMap((s) =>
        principalIds(s, 'AWS').flatMap((id) => {
          const m = ROOT.exec(id);
          if (!m) return [];
          const account = m[1] ?? m[2];
          return [
            {
              statement: s.index,
              at: `Statement[${s.index}].Principal.AWS`,
              message: `principal "${id}" trusts all of account ${account}: any of its principals that its own policies allow can assume the role`,
              fix: `name the role that needs access: arn:aws:iam::${account}:role/<name>`,
            },
          ];
        }),
      ),
    );
  },
};
