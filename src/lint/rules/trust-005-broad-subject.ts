import { subjectPatternRule } from '../private/trust-loop';
import type { Rule, RuleFinding } from '../types';

/** TRUST005: a whole-namespace subject `system:serviceaccount:NS:*`, an org-wide `repo:org/*`, or every ref of one repository `repo:org/repo:*`. */
export const trust005: Rule = {
  id: 'TRUST005',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'Whole-namespace, org-wide or every-ref subject',
  explanation:
    'Every service account of the namespace (or every repository of the organization, or every branch, pull request and environment of a repository), including ones created later by other teams, can assume the role.',
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
      if (p.scope.kind === 'any-ref') {
        // As the spec asks for it (github-actions allRefs: true), an info; anywhere else a warning.
        const asked = subject.kind === 'trust-policy' && (subject.context?.explicitSubjects ?? []).includes(p.value);
        return [
          {
            statement: p.statement,
            at: p.at,
            ...(asked ? { level: 'info' as const } : {}),
            message: `subject "${p.value}" on "${p.key}" lets every branch, tag, pull request and environment of repository "${p.scope.repository}" assume the role${asked ? ', as asked for with allRefs: true' : ''}`,
            fix: `name the branch or environment that deploys: repo:${p.scope.repository}:ref:refs/heads/main or repo:${p.scope.repository}:environment:<name>`,
          },
        ];
      }
      return [];
    });
  },
};
