/**
 * The identity policies on the calling side: a role of one spec account that
 * a role of another spec account trusts gets exactly `sts:AssumeRole` on
 * that role, and `sts:TagSession` too where the caller tags its session (EKS
 * Pod Identity chaining into a target role). One policy per calling role.
 *
 * The tool writes only to IAM objects it manages: a caller the spec does not
 * declare keeps its grant in the model (`byHand`), for the module README to
 * give as a statement to add by hand, and nothing writes it. A declared
 * caller whose own inline policies already allow an action on a target (a
 * hand-written grant adopted as it is, whatever its Sid or policy name) is
 * not granted that again.
 */
import { byCodePoint } from '../order';
import type { PolicyDocument } from '../policy/document';
import { tfIdentifier, type IdentifierScope } from './arn';
import type { GrantModel, RoleModel } from './types';
import { allowsWithoutCondition } from './statements-cover';

/** account -> granted role name -> target role ARNs. */
type Book = Map<string, Map<string, Set<string>>>;

export class CrossAccountGrants {
  private readonly assume: Book = new Map();
  private readonly tag: Book = new Map();

  /** Lets `roleName` of `account` assume `target` (and tag the session, with `tagSession`). */
  add(account: string, roleName: string, target: string, tagSession: boolean): void {
    for (const book of tagSession ? [this.assume, this.tag] : [this.assume]) {
      let byRole = book.get(account);
      if (!byRole) book.set(account, (byRole = new Map()));
      let targets = byRole.get(roleName);
      if (!targets) byRole.set(roleName, (targets = new Set()));
      targets.add(target);
    }
  }

  /** The grants of one account, in the order their roles were first granted; `roles` are the account's resolved roles. */
  models(account: string, roles: readonly RoleModel[], ids: IdentifierScope): GrantModel[] {
    return [...(this.assume.get(account) ?? [])].flatMap(([roleName, targetSet]) => {
      const managed = roles.find((r) => r.name.toLowerCase() === roleName.toLowerCase());
      // What the caller's own inline policies already allow is not granted again.
      const own = managed?.inlinePolicies.map((p) => p.document) ?? [];
      const needed = (action: string) => (target: string) => !allowsWithoutCondition(own, action, target);
      const targets = [...targetSet].sort(byCodePoint).filter(needed('sts:AssumeRole'));
      const tagTargets = [...(this.tag.get(account)?.get(roleName) ?? [])].sort(byCodePoint).filter(needed('sts:TagSession'));
      if (targets.length === 0 && tagTargets.length === 0) return [];
      const document: PolicyDocument = {
        statements: [
          ...(targets.length > 0 ? [{ sid: 'AssumeCrossAccountRoles', effect: 'Allow' as const, actions: ['sts:AssumeRole'], resources: targets }] : []),
          // EKS Pod Identity tags the session when it chains into a target role.
          ...(tagTargets.length > 0 ? [{ sid: 'TagCrossAccountSessions', effect: 'Allow' as const, actions: ['sts:TagSession'], resources: tagTargets }] : []),
        ],
      };
      return [
        {
          roleName: managed?.name ?? roleName,
          roleTfId: managed?.tfId,
          targets,
          document,
          tfId: ids.claim(`${managed?.tfId ?? tfIdentifier(roleName)}_assume_cross_account`),
          ...(managed ? {} : { byHand: true as const }),
        },
      ];
    });
  }
}
