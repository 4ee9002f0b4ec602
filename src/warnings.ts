/**
 * Warnings: what synthesizes but deserves a second look, beyond the lint pack's
 * findings: these belong to the workload presets and the run mode.
 */
import type { Model } from './model/types';
import type { Warning } from './summary';
import { clusterAccount } from './workloads/data-platform';
import { binding, bindingKey } from './workloads/kubernetes';

export function modelWarnings(model: Model): Warning[] {
  const out: Warning[] = [];
  const unknownClusters = new Set<string>();
  const boundTo = new Map<string, string>();
  model.accounts.forEach((account, ai) =>
    account.roles.forEach((role, ri) =>
      role.trust.forEach((t, ti) => {
        const path = `accounts[${ai}].roles[${ri}].trust[${ti}]`;
        if (t.spec.type === 'iam-user') {
          out.push({
            ruleId: 'IAM_USER_ACCESS_KEY',
            path,
            // Whether the secret lands in state unencrypted is the lint pack's TRUST017.
            message: `IAM user "${t.spec.user}" gets a long-lived access key that can assume role "${role.name}"`,
            fix: 'prefer a role trust (aws-role, kubernetes-service-account, eks-pod-identity); otherwise give pgpKey and rotate the key',
          });
        }
        const b = binding(role, t);
        const first = b && boundTo.get(bindingKey(b));
        if (b && first === undefined) boundTo.set(bindingKey(b), role.arn);
        else if (b && first !== role.arn) {
          out.push({
            ruleId: 'SERVICE_ACCOUNT_BOUND_TWICE',
            path,
            message: `ServiceAccount ${b.namespace}/${b.serviceAccount} on cluster ${b.cluster} is already bound to ${first}; a ServiceAccount has one role (one role-arn annotation, one Pod Identity association)`,
            fix: 'give this role its own ServiceAccount, or let the workload assume this role from the first one (an aws-role trust)',
          });
        }
        if (t.spec.type === 'data-platform-project' && clusterAccount(model, t.spec.issuer) === undefined && !unknownClusters.has(t.spec.issuer)) {
          unknownClusters.add(t.spec.issuer);
          out.push({
            ruleId: 'DATA_PLATFORM_CLUSTER_ACCOUNT',
            path: `${path}.issuer`,
            message: `cannot tell which account runs the cluster of issuer "${t.spec.issuer}", so every aws_role value for it is a full ARN`,
            fix: `set issuers.${t.spec.issuer}.account to the account that runs the cluster`,
          });
        }
      }),
    ),
  );
  return out;
}
