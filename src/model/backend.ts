/**
 * An account's remote state as the model keeps it: the account's own backend
 * fields over the spec's, with the defaults applied.
 */
import type { AccountBackend, SpecBackend } from '../input/sections/backend';
import { stateKey } from '../names';
import type { S3BackendModel } from './types';

/**
 * The account's backend: its own fields over the spec's. Undefined (the local
 * backend) when neither has one. Call only on a spec that passed
 * {@link backendIssues}.
 */
export function accountBackend(spec: SpecBackend | undefined, account: { name: string; backend?: AccountBackend }): S3BackendModel | undefined {
  if (!spec && !account.backend) return undefined;
  const s3 = { ...spec?.s3, ...definedFields(account.backend?.s3 ?? {}) };
  return {
    bucket: s3.bucket!,
    key: stateKey(s3.keyPrefix!, account.name),
    region: s3.region!,
    encrypt: s3.encrypt ?? true,
    useLockfile: s3.useLockfile ?? true,
    roleArn: s3.roleArn,
    endpoint: s3.endpoint,
    usePathStyle: s3.usePathStyle,
  };
}

function definedFields<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
