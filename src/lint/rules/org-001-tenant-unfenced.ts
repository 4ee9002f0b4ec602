import { entryTenants } from '../../model/guardrail-tenants';
import { issuerOf } from '../../input/issuers';
import type { Rule } from '../types';
import { checkModel, forEachTrust } from './model-rule';

/**
 * ORG001: the organization's tenant fence cannot be expressed for an issuer:
 * no claim STS fills names the tenant of its tokens (docs/guardrails.md).
 */
export const org001: Rule = {
  id: 'ORG001',
  level: 'warning',
  kinds: ['model'],
  name: 'Every trusted issuer has a tenant the guardrails can fence',
  explanation:
    'With an organization whose guardrails include oidc-tenants, each issuer the spec trusts gets a resource control policy statement that denies tokens of other tenants. For an issuer whose tokens carry no tenant in a claim STS accepts (a web-identity entry with its own subjects, a Kubernetes issuer outside EKS), no such statement can be written: a hand-made role that trusts the issuer loosely admits tokens of any of its tenants, and only the oidc-providers fence applies.',
  fix: 'trust the issuer through its preset (github-actions, gitlab-ci, ...) whose tenant the tool knows, or accept the gap with a suppression and a reason',
  check: (subject) =>
    checkModel(subject, (model, report) => {
      const org = model.organization;
      if (!org || !org.guardrails.includes('oidc-tenants')) return;
      const reported = new Set<string>();
      forEachTrust(model, (place) => {
        for (const e of entryTenants(place.trust)) {
          if (e.kind !== 'unknown' || reported.has(e.host)) continue;
          reported.add(e.host);
          report({
            path: place.path,
            message: `the oidc-tenants guardrail cannot fence issuer "${e.issuer}" (${e.host}): ${e.why}; a token of any tenant of "${e.issuer}" (${issuerOf(e.host).name}) passes the organization's resource control policies to a role that trusts the issuer loosely (only oidc-providers applies)`,
          });
        }
      });
    }),
};
