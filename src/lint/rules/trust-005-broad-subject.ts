import { subjectPatternRule } from '../private/trust-loop';
import type { Rule, RuleFinding } from '../types';

/** TRUST005: a whole-namespace subject `system:serviceaccount:NS:*` or an org-wide `repo:org/*`. */
export const trust005: Rule = {
  id: 'TRUST005',
  level: 'warning',
  name: 'Whole-namespace or org-wide subject',
  explanation:
    'Every service account of the namespace (or every repository of the organization), including ones created later by other teams, can assume the role.',
  fix: 'name the service account (or the repository) that needs the role',
  check(subject) {
    return subjectPatternRule(subject, (p): RuleFinding[] => {
      if (p.scope.kind === 'namespace') {
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `subject "${p.value}" on "${p.key}" lets every service account of namespace "${p.scope.namespace}" assume the role`,
            fix: `name the service account: system:serviceaccount:${p.scope.namespace}:<service-account>`,
          },
        ];
      }
      if (p.scope.kind === 'org') {
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `subject "${p.value}" on "${p.key}" lets every repository of GitHub organization "${p.scope.org}" assume the role`,
            fix: `name the repository, and a branch or environment: repo:${p.scope.org}/<repo>:environment:<name>`,
          },
        ];
      }
      return [];
    });
  },
};
