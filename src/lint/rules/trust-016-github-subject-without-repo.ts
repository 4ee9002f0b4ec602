import { conditionAt, isAllow } from '../private/iam-json';
import { conditionRule } from '../private/trust-loop';
import { issuerKind, splitKey } from '../private/claims';
import type { Rule } from '../types';

const UNPINNED = /^(workflow|environment|ref|context|head_ref|base_ref):/;

/** TRUST016: a GitHub `sub` that starts with `workflow|environment|ref|context|head_ref|base_ref` instead of `repo:`. */
export const trust016: Rule = {
  id: 'TRUST016',
  level: 'error',
  name: 'GitHub sub that does not start with the repository',
  explanation:
    'A subject such as "environment:prod" (a customized subject template without the repository) matches every GitHub repository, of every organization, that has an environment of that name.',
  fix: 'start the subject with the repository: repo:<org>/<repo>:environment:<name> (keep "repo" in a customized subject template)',
  check(subject) {
    return conditionRule(
      subject,
      (s, c) => isAllow(s) && splitKey(c.key).claim === 'sub' && issuerKind(splitKey(c.key).prefix) === 'github',
      (s, c) =>
        c.values.flatMap((v) => {
          const m = UNPINNED.exec(v);
          if (!m) return [];
          return [
            {
              statement: s.index,
              at: conditionAt(s, c),
              message: `GitHub subject "${v}" starts with "${m[1]}:" instead of "repo:<org>/<repo>": every repository with that ${m[1]} matches`,
              fix: `write "repo:<org>/<repo>:${v}"`,
            },
          ];
        }),
    );
  },
};
