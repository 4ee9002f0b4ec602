import type { TrustSpec } from '../spec/schema';
import { ciTrust } from './ci';
import { CIRCLECI_ISSUER } from './ci-vendors';
import type { TrustContext, TrustResult } from './context';

type Circleci = Extract<TrustSpec, { type: 'circleci' }>;

/** `org/<org>/project/<project>/user/<user>`; without users, `user/*`: the user is the last part. */
export function circleciSubjects(t: Pick<Circleci, 'organizationId' | 'projectId' | 'userIds'>): string[] {
  const prefix = `org/${t.organizationId}/project/${t.projectId}/user/`;
  return t.userIds.length > 0 ? t.userIds.map((u) => `${prefix}${u}`) : [`${prefix}*`];
}

/** CircleCI jobs of one project; the issuer is the organization's, and `aud` is the organization id. */
export function circleci(t: Circleci, ctx: TrustContext): TrustResult | undefined {
  return ciTrust(t, ctx, 'circleci', { exact: CIRCLECI_ISSUER(t.organizationId) }, circleciSubjects(t), { value: t.organizationId, field: 'organizationId' });
}
