import { binding, bindingKey } from '../../workloads/kubernetes';
import type { Rule } from '../types';
import { checkModel, trustEntries } from './model-rule';

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
      for (const { role, trust, path } of trustEntries(model)) {
        const b = binding(model, role, trust);
        if (!b) continue;
        const first = boundTo.get(bindingKey(b));
        if (first === undefined) boundTo.set(bindingKey(b), role.arn);
        else if (first !== role.arn) {
          report({
            path,
            message: `ServiceAccount ${b.namespace}/${b.serviceAccount} on cluster ${b.cluster} is already bound to ${first}; a ServiceAccount has one role (one role-arn annotation, one Pod Identity association)`,
          });
        }
      }
    }),
};
