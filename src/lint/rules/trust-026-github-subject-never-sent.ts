import { firstClaim, githubSubjects } from '../private/github-subjects';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

/**
 * TRUST026: a GitHub `sub` value GitHub never writes: not `claim:value`
 * pairs (`invalid`, `octo-org/app`), nor `pull_request`. Under StringEquals or
 * StringLike no token matches it, as with TRUST007's literal wildcards: the
 * value lets no one in, and with no other value the role cannot be assumed.
 */
export const trust026: Rule = {
  id: 'TRUST026',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'GitHub sub value that GitHub never sends',
  explanation:
    'GitHub writes `sub` as claim:value pairs (repo:<org>/<repo>:ref:refs/heads/main, or the claims of a customized subject template), or `pull_request` alone. A value of any other shape, such as "invalid" or "octo-org/app", matches no token: the workloads it was meant for are denied.',
  fix: 'write the subject GitHub sends: repo:<org>/<repo>:ref:refs/heads/<branch>, repo:<org>/<repo>:environment:<name> or repo:<org>/<repo>:pull_request',
  check(subject) {
    const subjects = githubSubjects(subject);
    if (subjects === undefined || subjects.length === 0) return NOT_APPLICABLE;
    return findings(
      subjects
        .filter((p) => firstClaim(p.value).kind === 'never-sent')
        .map((p) => ({
          statement: p.statement,
          at: p.at,
          message: `${p.operator} value "${p.value}" on "${p.key}" is not a subject GitHub sends (claim:value pairs, such as repo:<org>/<repo>:ref:refs/heads/main): no token matches it, so the value lets no workload in`,
        })),
    );
  },
};
