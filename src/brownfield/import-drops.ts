/**
 * Why `import` does not take over an exported role: every reason a role is
 * dropped, named, by the stage that drops it. Each gives the text of the
 * role's `SkippedRole.reason`. A role AWS owns is not dropped but listed
 * apart (`awsManaged`, aws-owned.ts).
 *
 *  1. candidates (import-candidates.ts): the spec cannot say what the role is;
 *  2. settle (import-settle.ts): the spec says it, and the spec or the lint pack refuses it;
 *  3. prove (import-prove.ts): synthesis would write something other than the exported role.
 *
 * A role dropped in stage 2 or 3 is dropped alone, and the others are checked
 * again without it (import.ts).
 */
import type { Problem } from '../errors';
import type { Finding } from '../lint';
import type { GrantModel } from '../model/types';
import { GRANT_POLICY_NAME } from '../names';
import { byCodePoint } from '../order';
import type { Equivalence } from './equivalence';

/** A problem of the spec, as a reason names it. */
export const reasonOf = (p: Problem) => `${p.path}: ${p.message} (fix: ${p.fix})`;

/** 1. candidates: what the spec cannot say. */
export const notExpressible = {
  /** The trust policy has a statement no trust entry writes (trust-import.ts says which, or an issuer reason below). */
  trust: (reason: string) => reason,
  /** The trust pins an audience other than the one already imported for its issuer: the spec has one audience per issuer. */
  secondAudience: (host: string, imported: string | undefined, pinned: string) =>
    `the issuer ${host} is imported with audience "${imported}", and this role pins "${pinned}"; the spec has one audience per issuer`,
  /** The trust pins an audience the exported OIDC provider does not list as a client id. */
  audienceNotClientId: (audience: string, host: string, clientIds: readonly string[]) =>
    `the trust pins aud "${audience}", which is not a client id of the provider ${host} (${clientIds.join(', ')})`,
  /** An inline policy cannot be read as a spec policy (policy-import.ts says why). */
  inlinePolicy: (reason: string) => reason,
};

/** 2. settle: what the spec or the lint pack refuses. */
export const refused = {
  /** Validating or resolving the spec reports a problem at the role. */
  bySpec: (p: Problem) => `the spec refuses it: ${reasonOf(p)}`,
  /** A blocking lint finding at the role, of a rule that cannot be suppressed. */
  byUnsuppressibleRule: (f: Finding) => `[${f.ruleId}] ${f.message}; this rule cannot be suppressed (fix: ${f.fix})`,
};

/** 3. prove: what synthesis would write differently, in the order they are checked. */
export const notEquivalent = {
  /** The synthesized trust policy grants some identity other access than the exported one (the equivalence proof). */
  access: (proof: Equivalence) => {
    const d = proof.differences[0];
    return `the trust policy synthesis would write grants different access: ${d.identity} asking ${d.action} is ${d.left} by the exported policy and ${d.right} by the synthesized one (${proof.differences.length} difference${proof.differences.length === 1 ? '' : 's'} in ${proof.checked} checks)`;
  },
  /** Synthesis would add a caller grant no exported inline policy allows: adopting would write a new policy onto the role. */
  grantAdded: (grant: GrantModel) => {
    const actions = grant.document.statements.map((st) => `${st.actions.join(', ')} on ${(st.resources ?? []).join(', ')}`).join('; ');
    return `synthesis would add the inline policy ${GRANT_POLICY_NAME} (${actions}), which no exported inline policy of the role allows; adopting would write a new policy onto it (fix: add the statement to one of the role's inline policies by hand, export again, and import)`;
  },
  /** The inline policies synthesis would write are not the exported ones (by name and document). */
  inlinePolicies: (written: readonly { name: string }[], exported: readonly { name: string }[]) => {
    const names = (list: readonly { name: string }[]) =>
      list
        .map((p) => p.name)
        .sort(byCodePoint)
        .join(', ') || 'none';
    return `the inline policies synthesis would write (${names(written)}) differ from the exported ones (${names(exported)})`;
  },
  /** Same access, but another document to Terraform: adopting would update it. */
  trustDocument: () =>
    'the trust policy synthesis would write grants the same access but is another document to Terraform (an operator, a Sid or how statements are split), so adopting would update it; the spec cannot write this document as it is',
  /** Synthesis would build another ARN (path or name) than the exported role's. */
  arn: (built: string, exported: string) => `synthesis would build the ARN ${built}, not ${exported}`,
};
