import { firstClaim, githubSubjects, OWNER_CLAIMS, REPOSITORY_CLAIMS } from '../private/github-subjects';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

const ALLOWED = REPOSITORY_CLAIMS.map((c) => `${c}:`).join(', ');

/**
 * TRUST016: a GitHub `sub` must start with a claim that pins the repository
 * (`repo:`, `repository:`, `repository_id:`, `workflow_ref:`); one that
 * starts with the owner (`repository_owner:`, `repository_owner_id:`) is an
 * organisation-wide warning, anything else (`environment:`, `ref_type:`,
 * `actor:`, `job_workflow_ref:`, ...) an error. A value GitHub never writes is
 * TRUST026's, a bare wildcard TRUST004's.
 */
export const trust016: Rule = {
  id: 'TRUST016',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'GitHub sub that does not start with the repository',
  explanation:
    'GitHub writes the claims of a customized subject template in the template\'s order. A subject that starts with any claim but the repository (such as "environment:prod", "ref_type:branch:ref:refs/heads/main", "actor:octocat" or "job_workflow_ref:org/shared/.github/workflows/deploy.yml@refs/heads/main") matches the runs of every repository, of every owner, that carry that value; one that starts with the owner matches every repository of the organization.',
  fix: 'start the subject with the repository: repo:<org>/<repo>:environment:<name> (keep "repo" first in a customized subject template)',
  check(subject) {
    const subjects = githubSubjects(subject);
    if (subjects === undefined || subjects.length === 0) return NOT_APPLICABLE;
    return findings(
      subjects.flatMap((p): RuleFinding[] => {
        const first = firstClaim(p.value);
        const where = { statement: p.statement, at: p.at };
        if (first.kind === 'pattern') {
          return [
            {
              ...where,
              message: `GitHub subject "${p.value}" on "${p.key}" has a pattern in its first claim "${first.name}": it matches subjects that start with any claim, not only the repository`,
              fix: `write the claim exactly: one of ${ALLOWED}`,
            },
          ];
        }
        if (first.kind !== 'claim' || REPOSITORY_CLAIMS.includes(first.name)) return [];
        if (OWNER_CLAIMS.includes(first.name)) {
          return [
            {
              ...where,
              level: 'warning',
              message: `GitHub subject "${p.value}" on "${p.key}" starts with "${first.name}:": every repository of that owner, including ones created later, can assume the role`,
              fix: `name the repository: put "repo" (or "repository_id") first in the subject template, e.g. repo:<org>/<repo>:environment:<name>`,
            },
          ];
        }
        return [
          {
            ...where,
            message: `GitHub subject "${p.value}" starts with "${first.name}:" instead of "repo:<org>/<repo>": every repository with that ${first.name} matches, of any owner`,
            fix: `write "repo:<org>/<repo>:${p.value}" (a subject template that starts with ${ALLOWED})`,
          },
        ];
      }),
    );
  },
};
