import { ciPreset, type CiTrustType } from '../../input/trust-types/ci-presets';
import { issuerOf } from '../../input/issuers';
import { injectedSubject, misplacedStars } from '../../input/subject-parts';
import { conditionAt, isAllow, readStatements } from '../private/iam-json';
import { subjectPatterns } from '../private/subjects';
import { isStringLike, issuerKind, operatorParts, splitKey } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** GitHub's immutable-id claims, which no pattern may stand in for, and what each pins. */
const ID_OF: Readonly<Record<string, string>> = {
  repository_owner_id: 'repository owner',
  repository_id: 'repository',
  actor_id: 'actor',
  enterprise_id: 'enterprise',
};
/** The GitHub claims TRUST019 reads: the workflow ref (a pattern only after `@`) and the ids (no pattern). */
const GITHUB_PATTERNED = new Set(['job_workflow_ref', ...Object.keys(ID_OF)]);

/**
 * TRUST019: a StringLike `sub` of a CI issuer (GitLab, HCP Terraform,
 * CircleCI, Buildkite, Bitbucket Pipelines) with a wildcard before the part
 * the vendor puts last. The vendor is known by its hosted issuer, or, for
 * GitLab Self-Managed and Terraform Enterprise, by the trust entry that
 * names the provider. Also GitHub's `job_workflow_ref` (`owner/repo/path@ref`),
 * whose ref after `@` is its only variable part, and GitHub's immutable ids
 * (`repository_owner_id`, `repository_id`, `actor_id`, `enterprise_id`), which have none.
 * For a vendor whose `sub` goes on after that part (CircleCI's V2 token,
 * Buildkite's step), also a `*` before the last part that is followed by a
 * pinned value of a later part (`input/subject-parts.ts`): a run whose last
 * part (a branch) ends with that text matches it.
 */
export const trust019: Rule = {
  id: 'TRUST019',
  level: 'error',
  kinds: ['trust-policy'],
  name: "CI subject, workflow ref or GitHub id with a wildcard outside the vendor's trailing position",
  explanation:
    "CI issuers write the project, workspace, pipeline or repository first and the run's variable parts last. A wildcard before the last part lets every project, workspace, pipeline or repository that shares the text before it assume the role. A * in the middle, with pinned parts after it (CircleCI's user/*/vcs-origin/<origin>/vcs-ref/refs/heads/main), also matches a run whose last part ends with those parts: a push to the branch zzz/vcs-origin/<origin>/vcs-ref/refs/heads/main. GitHub's numeric ids have no variable part: a wildcard in one pins nothing.",
  fix: 'pin every part of the subject but the last; use the preset for the vendor, which builds the subject from typed fields',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const byHost = new Map<string, CiTrustType>();
    for (const p of subject.context?.providers ?? []) if (p.vendor) byHost.set(p.host.toLowerCase(), p.vendor);
    const patterns = subjectPatterns(subject.policy).flatMap((p) => {
      const host = splitKey(p.key).prefix.toLowerCase();
      const vendor = issuerOf(host).preset ?? byHost.get(host);
      return vendor ? [{ ...p, vendor }] : [];
    });
    const githubClaims = readStatements(subject.policy)
      .filter(isAllow)
      .flatMap((s) =>
        s.conditions
          .filter(
            (c) => GITHUB_PATTERNED.has(splitKey(c.key).claim) && issuerKind(splitKey(c.key).prefix) === 'github' && isStringLike(operatorParts(c.operator)),
          )
          .flatMap((c) => c.values.map((value) => ({ statement: s.index, at: conditionAt(s, c), key: c.key, claim: splitKey(c.key).claim, value }))),
      );
    if (patterns.length === 0 && githubClaims.length === 0) return NOT_APPLICABLE;
    const workflowFindings = githubClaims.flatMap((p): RuleFinding[] => {
      const at = p.value.search(/[*?]/);
      if (at < 0) return [];
      if (p.claim !== 'job_workflow_ref') {
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `GitHub id "${p.value}" on "${p.key}" has a wildcard: it no longer pins one ${ID_OF[p.claim]}`,
            fix: `write the numeric ${ID_OF[p.claim]} id exactly, under StringEquals`,
          },
        ];
      }
      if (p.value.slice(0, at).includes('@')) return [];
      return [
        {
          statement: p.statement,
          at: p.at,
          message: `GitHub workflow ref "${p.value}" on "${p.key}" has a wildcard before "@": every workflow sharing the text before it can run the job`,
          fix: 'name the workflow exactly, owner/repo/.github/workflows/<file>.yml@<ref>; only the ref after "@" may be a pattern',
        },
      ];
    });
    return findings([
      ...workflowFindings,
      ...patterns.flatMap((p): RuleFinding[] => {
        const format = ciPreset(p.vendor);
        const at = p.value.search(/[*?]/);
        if (at < 0) return [];
        if (!format.fixedPrefix.test(p.value.slice(0, at)) && !format.pinnedWildcard?.test(p.value)) {
          return [
            {
              statement: p.statement,
              at: p.at,
              message: `${format.name} subject "${p.value}" on "${p.key}" has a wildcard before the last part of ${format.subjectFormat}`,
              fix: `pin every part before the last: ${format.subjectFormat}`,
            },
          ];
        }
        const later = format.laterParts;
        if (later === undefined || misplacedStars(later, p.value).length === 0) return [];
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `${format.name} subject "${p.value}" on "${p.key}" has a "*" before the last part of ${later.format}, followed by pinned parts: a run whose ${later.lastPart} ends with them matches too, e.g. "${injectedSubject(later, p.value)}"`,
            fix: `pin every part before the last (or match those parts by "?", one per character of a fixed-length id): ${later.format}`,
          },
        ];
      }),
    ]);
  },
};
