import { subjectPatternRule } from '../private/trust-loop';
import type { Rule } from '../types';

/** TRUST004: `*`, `system:serviceaccount:*`, `system:serviceaccount:*:*`, `repo:*`, or a first segment that is only a wildcard. */
export const trust004: Rule = {
  id: 'TRUST004',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Bare-wildcard subject',
  explanation:
    'A subject that is only a wildcard, or whose first segment is (every service account of a cluster, every repository on GitHub), lets anyone who can get a token from the issuer assume the role.',
  fix: 'name the one subject: system:serviceaccount:<namespace>:<service-account>, or repo:<org>/<repo>:environment:<name>',
  check(subject) {
    return subjectPatternRule(subject, (p) =>
      p.scope.kind === 'bare'
        ? [{ statement: p.statement, at: p.at, message: `subject "${p.value}" on "${p.key}" is a bare wildcard: it matches ${p.scope.matches}` }]
        : [],
    );
  },
};
