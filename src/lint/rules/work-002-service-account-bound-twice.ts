import { binding, bindingKey } from '../../workloads/kubernetes';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** WORK002: one Kubernetes ServiceAccount bound to two roles (IRSA annotation or Pod Identity association). */
export const work002: Rule = {
  id: 'WORK002',
  level: 'warning',
  name: 'One role per Kubernetes ServiceAccount',
  explanation: 'A ServiceAccount has one role-arn annotation and one Pod Identity association; binding it to a second role leaves one of the two unused by the workload.',
  fix: 'give this role its own ServiceAccount, or let the workload assume this role from the first one (an aws-role trust)',
  check(subject) {
    if (subject.kind !== 'model') return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    const boundTo = new Map<string, string>();
    subject.model.accounts.forEach((account, ai) =>
      account.roles.forEach((role, ri) =>
        role.trust.forEach((t, ti) => {
          const b = binding(role, t);
          if (!b) return;
          const first = boundTo.get(bindingKey(b));
          if (first === undefined) boundTo.set(bindingKey(b), role.arn);
          else if (first !== role.arn) {
            out.push({
              path: ['accounts', ai, 'roles', ri, 'trust', ti],
              message: `ServiceAccount ${b.namespace}/${b.serviceAccount} on cluster ${b.cluster} is already bound to ${first}; a ServiceAccount has one role (one role-arn annotation, one Pod Identity association)`,
            });
          }
        }),
      ),
    );
    return findings(out);
  },
};
