import type { PolicyDocument } from '../policy/document';

/**
 * The body of a `data "aws_iam_policy_document"`, as the provider's
 * `DataAwsIamPolicyDocument` writes it: block lists are omitted when not
 * given and kept when given empty.
 */
export function policyDocumentBody(doc: PolicyDocument) {
  return {
    statement: doc.statements.map((s) => ({
      sid: s.sid,
      effect: s.effect,
      actions: [...s.actions],
      resources: s.resources ? [...s.resources] : undefined,
      principals: s.principals?.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })),
      condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })),
    })),
  };
}
