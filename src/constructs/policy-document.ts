import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { Construct } from 'constructs';
import type { PolicyDocument } from '../policy/document';
import { policyDocumentBody } from '../render/policy-document';

/**
 * A `data "aws_iam_policy_document"` built only from literals, so Terraform
 * renders it at plan time and reviewers see the exact JSON. It never gets a
 * `depends_on`: that would defer it to apply time.
 */
export class PolicyDocumentData extends DataAwsIamPolicyDocument {
  constructor(scope: Construct, tfId: string, doc: PolicyDocument) {
    super(scope, `doc-${tfId}`, policyDocumentBody(doc));
    this.overrideLogicalId(tfId);
  }
}
