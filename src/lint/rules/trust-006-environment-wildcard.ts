import { subjectPatternRule } from '../private/trust-loop';
import type { Rule, RuleFinding } from '../types';

/**
 * TRUST006: a namespace (data-platform environment) wildcard,
 * `system:serviceaccount:*:<service-account>`. A warning where the spec asked
 * for it (`allEnvironments: true`); an error anywhere else.
 */
export const trust006: Rule = {
  id: 'TRUST006',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'Data-platform environment wildcard (allowed only when explicitly asked for)',
  explanation:
    'Jobs of every environment (namespace) can assume the role, so a dev job reaches what the role reaches in prod. The data platform documents `*` for this; the generator emits it only for `allEnvironments: true`, and reports it anywhere else as an error.',
  fix: 'name one environment; if every environment needs the role, say so with allEnvironments: true',
  check(subject) {
    const explicit = new Set((subject.kind === 'trust-policy' && subject.context?.explicitSubjects) || []);
    return subjectPatternRule(subject, (p): RuleFinding[] => {
      if (p.scope.kind !== 'any-namespace') return [];
      if (explicit.has(p.value)) {
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `subject "${p.value}" on "${p.key}" lets every environment assume the role, as asked for with allEnvironments: true`,
            fix: 'name one environment unless jobs of every environment really need this role',
          },
        ];
      }
      return [
        {
          statement: p.statement,
          at: p.at,
          level: 'error',
          message: `subject "${p.value}" on "${p.key}" lets service account "${p.scope.serviceAccount}" of every namespace assume the role, and nothing asked for every environment`,
          fix: 'name the namespace (environment); for a data-platform project, allow every environment explicitly with allEnvironments: true',
        },
      ];
    });
  },
};
