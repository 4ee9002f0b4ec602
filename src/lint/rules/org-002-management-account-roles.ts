import type { Rule } from '../types';
import { checkModel } from './model-rule';

/** ORG002: roles in the organization's management account, which no resource control policy reaches. */
export const org002: Rule = {
  id: 'ORG002',
  level: 'warning',
  kinds: ['model'],
  name: 'No role relies on the guardrails in the management account',
  explanation:
    "Resource control policies never apply to the organization's management account: its roles are outside every guardrail the spec derives (oidc-providers, oidc-tenants, identity-perimeter, confused-deputy), and the access proof evaluates them without. AWS advises keeping workloads out of the management account.",
  fix: 'move the role to a member account under the guardrails, or accept it with a suppression and a reason',
  check: (subject) =>
    checkModel(subject, (model, report) => {
      const org = model.organization;
      if (!org || org.policies.length === 0) return;
      model.accounts.forEach((account, ai) => {
        if (account.name !== org.managementAccount) return;
        account.roles.forEach((role, ri) => {
          report({
            path: role.origin ?? ['accounts', ai, 'roles', ri],
            message: `role "${role.name}" is in the management account "${account.name}", which the organization's resource control policies never reach: none of its guardrails fences it`,
          });
        });
      });
    }),
};
