import { clusterAccount } from '../../workloads/data-platform';
import type { Rule } from '../types';
import { checkModel, forEachTrust } from './model-rule';

/** WORK003: a data-platform trust whose cluster account cannot be told, so its aws_role values are full ARNs. */
export const work003: Rule = {
  id: 'WORK003',
  level: 'warning',
  kinds: ['model'],
  name: 'Data-platform issuer whose cluster account is unknown',
  explanation:
    "The data platform's aws_role value is a role name when the role lives in the cluster's own account, else a full ARN; without knowing the cluster's account, every value is written as a full ARN.",
  fix: 'set issuers.<issuer>.account to the account that runs the cluster',
  check: (subject) =>
    checkModel(subject, (model, report) => {
      const reported = new Set<string>();
      forEachTrust(model, (place) => {
        const t = place.trust;
        if (t.spec.type !== 'data-platform-project' || reported.has(t.spec.issuer) || clusterAccount(model, t.spec.issuer) !== undefined) return;
        reported.add(t.spec.issuer);
        report({
          path: [...place.path, 'issuer'],
          message: `cannot tell which account runs the cluster of issuer "${t.spec.issuer}", so every aws_role value for it is a full ARN`,
          fix: `set issuers.${t.spec.issuer}.account to the account that runs the cluster`,
        });
      });
    }),
};
