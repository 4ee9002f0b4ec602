import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Fn, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { RoleModel } from '../model/types';
import { PolicyDocumentData } from './policy-document';

export interface AccountRoleProps {
  readonly role: RoleModel;
  /** Extra tags from the `tags` variable, merged over the spec's tags. */
  readonly extraTags: Record<string, string>;
  /** Resources that must exist before IAM accepts the trust policy (trusted providers and roles). */
  readonly dependsOn: ITerraformDependable[];
}

/** An `aws_iam_role` with its trust document, managed-policy attachments and inline policies. */
export class AccountRole extends Construct {
  readonly resource: IamRole;

  constructor(scope: Construct, props: AccountRoleProps) {
    const { role } = props;
    super(scope, `role-${role.tfId}`);
    const trust = new PolicyDocumentData(this, role.trustTfId, role.trustPolicy);
    this.resource = new IamRole(this, `iam-role-${role.tfId}`, {
      name: role.name,
      path: role.path === '/' ? undefined : role.path,
      description: role.description,
      maxSessionDuration: role.maxSessionDuration,
      permissionsBoundary: role.permissionsBoundary,
      assumeRolePolicy: trust.json,
      tags: Token.asStringMap(Fn.merge([role.tags, props.extraTags])),
      dependsOn: props.dependsOn.length > 0 ? props.dependsOn : undefined,
    });
    this.resource.overrideLogicalId(role.tfId);

    for (const policy of role.managedPolicyArns) {
      new IamRolePolicyAttachment(this, `attach-${policy.tfId}`, { role: this.resource.name, policyArn: policy.arn }).overrideLogicalId(policy.tfId);
    }
    for (const policy of role.inlinePolicies) {
      const doc = new PolicyDocumentData(this, policy.tfId, policy.document);
      new IamRolePolicy(this, `inline-${policy.tfId}`, { name: policy.name, role: this.resource.name, policy: doc.json }).overrideLogicalId(policy.tfId);
    }
  }
}
