import { VENDORS, vendorOfHost, type CiVendor } from '../../trust/ci-vendors';
import { subjectPatterns } from '../private/subjects';
import { splitKey } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/**
 * TRUST019: a StringLike `sub` of a CI issuer (GitLab, HCP Terraform,
 * CircleCI, Buildkite, Bitbucket Pipelines) with a wildcard before the part
 * the vendor puts last. The vendor is known by its hosted issuer, or, for
 * GitLab Self-Managed and Terraform Enterprise, by the trust entry that
 * names the provider.
 */
export const trust019: Rule = {
  id: 'TRUST019',
  level: 'error',
  name: "CI subject wildcard outside the vendor's trailing position",
  explanation:
    "CI issuers write the project, workspace, pipeline or repository first and the run's variable parts last. A wildcard before the last part lets every project, workspace, pipeline or repository that shares the text before it assume the role.",
  fix: 'pin every part of the subject but the last; use the preset for the vendor, which builds the subject from typed fields',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const byHost = new Map<string, CiVendor>();
    for (const p of subject.context?.providers ?? []) if (p.vendor) byHost.set(p.host.toLowerCase(), p.vendor);
    const patterns = subjectPatterns(subject.policy).flatMap((p) => {
      const host = splitKey(p.key).prefix.toLowerCase();
      const vendor = vendorOfHost(host) ?? byHost.get(host);
      return vendor ? [{ ...p, vendor }] : [];
    });
    if (patterns.length === 0) return NOT_APPLICABLE;
    return findings(
      patterns.flatMap((p): RuleFinding[] => {
        const format = VENDORS[p.vendor];
        const at = p.value.search(/[*?]/);
        if (at < 0 || format.fixedPrefix.test(p.value.slice(0, at))) return [];
        return [
          {
            statement: p.statement,
            at: p.at,
            message: `${format.name} subject "${p.value}" on "${p.key}" has a wildcard before the last part of ${format.subject}`,
            fix: `pin every part before the last: ${format.subject}`,
          },
        ];
      }),
    );
  },
};
