/**
 * Customer-managed policies, defined once per account; attachments
 * reference them (roles.ts), so Terraform creates them first.
 */
import type { AccountModel } from '../model/types';
import { TAGS_VARIABLE } from '../names';
import { DOC, type Elements } from './element';
import { mergeTags, ref } from './expressions';

export function emitCustomerPolicies(account: AccountModel, out: Elements): void {
  for (const policy of account.policies) {
    const scope = `policy-${policy.tfId}`;
    out.policyDocument(policy.docTfId, `${scope}/doc-${policy.docTfId}`, policy.document);
    out.add('resource', 'aws_iam_policy', policy.tfId, `${scope}/policy`, {
      name: policy.name,
      path: policy.path === '/' ? undefined : policy.path,
      description: policy.description,
      policy: ref(`data.${DOC}.${policy.docTfId}`, 'json'),
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    });
  }
}
