import { binding, bindingKey } from '../../workloads/kubernetes';
import type { Rule } from '../types';
import { checkModel, forEachTrust } from './model-rule';

/** WORK002: one Kubernetes ServiceAccount bound to two roles (IRSA annotation or Pod Identity association). */
export const work002: Rule = {
  id: 'WORK002',
  level: 'warning',
  kinds: ['model'],
  name: 'One role per Kubernetes ServiceAccount',
  explanation:
    'A ServiceAccount has one role-arn annotation and one Pod Identity association; binding it to a second role leaves one of the two unused by the workload.',
  fix: 'give this role its own ServiceAccount, or let the workload assume this role from the first one (an aws-role trust)',
  check: (subject) =>
    checkModel(subject, (model, report) => {
      const boundTo = new Map<string, string>();
      forEachTrust(model, (place) => {
        const { role } = place;
        const b = binding(model, role, place.trust);
        if (!b) return;
        const key = bindingKey(b);
        const first = boundTo.get(key);
        if (first === undefined) boundTo.set(key, role.arn);
        else if (first !== role.arn) {
          report({
            path: place.path,
            message: `ServiceAccount ${b.namespace}/${b.serviceAccount} on cluster ${b.cluster} is already bound to ${first}; a ServiceAccount has one role (one role-arn annotation, one Pod Identity association)`,
          });
        }
      });
    }),
};
