import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IAM_USER_POLICY_NAME } from '../names';
import { toIamPolicy } from '../policy/document';

export interface IamUserKeyProps {
  readonly user: string;
  readonly tfId: string;
  /** The one role the key may assume. */
  readonly roleArn: string;
  readonly pgpKey?: string;
  readonly extraTags: Record<string, string>;
}

export { IAM_USER_POLICY_NAME };

/**
 * The IAM-user fallback: a user whose only permission is `sts:AssumeRole` on
 * one role, and its access key (encrypted with `pgpKey` when given). The
 * policy is a literal document so it is known at plan time.
 */
export class IamUserKey extends Construct {
  readonly user: IamUser;
  readonly key: IamAccessKey;
  /** The user name as written in the spec. */
  readonly userName: string;
  private readonly encrypted: boolean;

  constructor(scope: Construct, props: IamUserKeyProps) {
    super(scope, `iam-user-${props.tfId}`);
    this.encrypted = props.pgpKey !== undefined;
    this.userName = props.user;
    this.user = new IamUser(this, 'user', { name: props.user, tags: Token.asStringMap(Fn.merge([{}, props.extraTags])) });
    this.user.overrideLogicalId(props.tfId);
    const policy = toIamPolicy({ statements: [{ sid: 'AssumeOneRole', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [props.roleArn] }] });
    new IamUserPolicy(this, 'policy', { name: IAM_USER_POLICY_NAME, user: this.user.name, policy: JSON.stringify(policy) }).overrideLogicalId(props.tfId);
    this.key = new IamAccessKey(this, 'key', { user: this.user.name, pgpKey: props.pgpKey });
    this.key.overrideLogicalId(props.tfId);
  }

  /** What the sensitive output carries for this user: the secret only encrypted when a PGP key was given. */
  outputValue(): Record<string, string> {
    return this.encrypted
      ? { access_key_id: this.key.id, encrypted_secret_access_key: this.key.encryptedSecret, key_fingerprint: this.key.keyFingerprint }
      : { access_key_id: this.key.id, secret_access_key: this.key.secret };
  }
}
