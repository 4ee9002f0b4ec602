/**
 * IAM users of the access-key fallback (`iam-user` trust): the user, a policy
 * that lets it assume its one role, and its access key. IAM checks that a
 * trusted user exists, so the role depends on them (roles.ts). The policy is a
 * literal document so it is known at plan time.
 */
import { IdentifierScope } from '../model/arn';
import type { AccountModel } from '../model/types';
import { IAM_USER_POLICY_NAME, TAGS_VARIABLE } from '../names';
import { toIamPolicy } from '../policy/document';
import { pushTo } from '../group-by';
import type { Elements } from './element';
import { mergeTags, ref, type Expression } from './expressions';

export interface IamUsers {
  /** role tfId -> addresses of the users it trusts. */
  readonly usersOf: ReadonlyMap<string, readonly string[]>;
  /** user name -> its key's attributes, for the keys output (outputs.ts), in the order the users are emitted. */
  readonly keys: readonly [string, Record<string, Expression>][];
}

export function emitIamUsers(account: AccountModel, out: Elements): IamUsers {
  const userIds = new IdentifierScope();
  const usersOf = new Map<string, string[]>();
  const keys: [string, Record<string, Expression>][] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      if (t.spec.type !== 'iam-user') continue;
      const { user, pgpKey } = t.spec;
      const id = userIds.claim(user);
      const scope = `iam-user-${id}`;
      const userName = ref(`aws_iam_user.${id}`, 'name');
      const policy = toIamPolicy({ statements: [{ sid: 'AssumeOneRole', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [role.arn] }] });
      out.add('resource', 'aws_iam_user', id, `${scope}/user`, { name: user, tags: mergeTags({}, `var.${TAGS_VARIABLE}`) });
      out.add('resource', 'aws_iam_user_policy', id, `${scope}/policy`, { name: IAM_USER_POLICY_NAME, user: userName, policy: JSON.stringify(policy) });
      out.add('resource', 'aws_iam_access_key', id, `${scope}/key`, { user: userName, pgp_key: pgpKey });
      const key = `aws_iam_access_key.${id}`;
      // The secret only PGP-encrypted when a key was given.
      keys.push([
        user,
        pgpKey !== undefined
          ? { access_key_id: ref(key, 'id'), encrypted_secret_access_key: ref(key, 'encrypted_secret'), key_fingerprint: ref(key, 'key_fingerprint') }
          : { access_key_id: ref(key, 'id'), secret_access_key: ref(key, 'secret') },
      ]);
      pushTo(usersOf, role.tfId, `aws_iam_user.${id}`);
    }
  }
  return { usersOf, keys };
}
