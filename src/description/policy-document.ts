/**
 * The body of a `data "aws_iam_policy_document"`, the one way every emitter
 * writes a policy (trust, inline, customer-managed, caller grant).
 */
import type { PolicyDocument } from '../policy/document';
import { exactStatement } from '../policy/exact-conditions';

/**
 * A `data "aws_iam_policy_document"` built only from literals, so Terraform
 * renders it at plan time and reviewers see the exact JSON; it never gets a
 * `depends_on` (that would defer it to apply time). Block lists are omitted
 * when not given and kept when given empty, as the provider's class writes them.
 */
export function policyDocumentBody(doc: PolicyDocument): Readonly<Record<string, unknown>> {
  // The model's lists as they are, not copies: a description is read-only, and every renderer copies what it writes.
  return {
    statement: doc.statements.map((statement) => {
      const s = exactStatement(statement);
      return {
        sid: s.sid,
        effect: s.effect,
        actions: s.actions,
        resources: s.resources,
        principals: s.principals?.map((p) => ({ type: p.type, identifiers: p.identifiers })),
        condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
      };
    }),
  };
}
