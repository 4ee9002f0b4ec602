import { subjectPatternRule } from '../private/trust-loop';
import type { Rule, RuleFinding } from '../types';

/** TRUST027: a wildcard inside the repository name of a `repo:` subject (`repo:org/app*`, `repo:org/ap?:*`). */
export const trust027: Rule = {
  id: 'TRUST027',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'GitHub sub with a wildcard inside the repository name',
  explanation:
    'A * or ? inside the repository name matches every repository of the organization whose name shares the fixed part: "repo:org/app*" lets in app-infra, app-sandbox and any repository someone of the organization creates later with that prefix.',
  fix: 'name the repository exactly: repo:<org>/<repo>:...; for several repositories, list each one',
  check(subject) {
    return subjectPatternRule(subject, (p): RuleFinding[] =>
      p.scope.kind === 'repository-pattern'
        ? [
            {
              statement: p.statement,
              at: p.at,
              message: `subject "${p.value}" on "${p.key}" has a wildcard inside the repository name "${p.scope.repository}": every repository of "${p.scope.org}" whose name matches it can assume the role, including ones created later`,
              fix: `name each repository exactly: repo:${p.scope.org}/<repo>:...`,
            },
          ]
        : [],
    );
  },
};
