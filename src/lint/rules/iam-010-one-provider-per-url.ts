import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';
import { pushTo } from '../../group-by';

/** IAM010: two issuers with the same URL in one account, at least one of them created there. */
export const iam010: Rule = {
  id: 'IAM010',
  level: 'error',
  kinds: ['account'],
  name: 'One OIDC provider per URL per account',
  explanation: 'An account holds at most one IAM OIDC provider per URL; creating a second one with the same URL fails during the apply.',
  fix: 'declare the issuer once and use that one name in every trust entry',
  suppressible: false,
  check(subject) {
    if (subject.kind !== 'account') return NOT_APPLICABLE;
    const byUrl = new Map<string, { issuer: string; mode: string }[]>();
    for (const p of subject.account.oidcProviders) pushTo(byUrl, p.url, p);
    return findings(
      [...byUrl].flatMap(([url, providers]): RuleFinding[] => {
        if (providers.length < 2 || !providers.some((p) => p.mode === 'create')) return [];
        return [
          {
            at: `oidcProviders.${providers[1].issuer}`,
            message: `issuers ${providers.map((p) => `"${p.issuer}"`).join(', ')} have the same URL ${url}; account "${subject.account.name}" can hold one OIDC provider per URL`,
            fix: `declare the issuer once and name "${providers[0].issuer}" in every trust entry`,
          },
        ];
      }),
    );
  },
};
