/**
 * Where each account stack keeps its Terraform state: the spec's `backend:`
 * block, with a per-account override. No block means the local backend (state
 * beside the project). Modules never get a backend: the root that calls them
 * has one.
 *
 * ```yaml
 * backend:
 *   s3: { bucket: acme-terraform-state, region: eu-west-1, keyPrefix: iam }
 * accounts:
 *   - name: data-lake
 *     backend:
 *       s3: { roleArn: arn:aws:iam::999999999999:role/state-writer }   # merged over the spec's
 * ```
 *
 * The state of account `data-lake` then lives at `iam/data-lake.tfstate`; the merge is `accountBackend` in `model/backend.ts`.
 * Messages carry their fix as data (`fix()` and `issue()` of `primitives/fields.ts`).
 */
import { z } from 'zod';

import { fix, issue, roleArnField } from '../primitives/fields';
import { REGION } from '../primitives/patterns';
import { stateKey } from '../../names';

/** A required text field: "missing" when absent, "expected text" when of another type. */
const text = (what: string, howToFix: string) =>
  z.string({ error: (iss) => fix(iss.input === undefined ? `the S3 backend needs the ${what}` : `expected the ${what} as text`, howToFix)(iss) });

const BUCKET_FIX =
  'name an existing bucket: 3 to 63 lower-case letters, digits, "." and "-", starting and ending with a letter or digit, e.g. acme-terraform-state';

/**
 * S3's rules for general purpose bucket names
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 * Returns what is wrong, or undefined.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `a bucket name has 3 to 63 characters, not ${name.length}`;
  const bad = [...new Set(name.replace(/[a-z0-9.-]/g, ''))];
  if (bad.length > 0) return `a bucket name has only lower-case letters, digits, "." and "-", not ${bad.map((c) => JSON.stringify(c)).join(' ')}`;
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'a bucket name starts and ends with a letter or a digit';
  if (name.includes('..')) return 'a bucket name has no two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'a bucket name is not formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.startsWith(p));
  if (prefix) return `S3 reserves bucket names starting with "${prefix}"`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => name.endsWith(s));
  if (suffix) return `S3 reserves bucket names ending with "${suffix}"`;
  return undefined;
}

const bucket = text('state bucket name', BUCKET_FIX).superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) issue(ctx, `${JSON.stringify(name)}: ${problem}`, BUCKET_FIX);
});

const region = text('bucket region', 'write the region the bucket is in, e.g. region: eu-west-1').regex(
  REGION,
  fix('the bucket region is not an AWS region name', 'write the region the bucket is in, e.g. eu-west-1'),
);

const KEY_PREFIX_FIX = 'write e.g. keyPrefix: iam or keyPrefix: terraform/iam';

/**
 * Terraform's S3 backend refuses a key that starts or ends with "/" or has
 * "//"; a "." or ".." segment is a relative path that S3 keeps literally but
 * S3-compatible stores and copies to disk resolve, so it is refused too.
 */
const keyPrefix = text('key prefix (the folder of the state files)', 'write e.g. keyPrefix: iam; account a keeps its state at iam/a.tfstate')
  .regex(
    /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
    fix('a key prefix is one or more "/"-separated segments of letters, digits and ! _ . * \' ( ) -, with no leading, trailing or doubled "/"', KEY_PREFIX_FIX),
  )
  .superRefine((prefix, ctx) => {
    if (prefix.split('/').some((segment) => segment === '.' || segment === '..')) {
      issue(
        ctx,
        `the key prefix ${JSON.stringify(prefix)} has a "." or ".." segment, a relative path and not a folder of the bucket`,
        `name the folder itself, without "." or "..": ${KEY_PREFIX_FIX}`,
      );
    }
  });

/** The real partitions; the role's tail as the backend's `assume_role` takes it. */
const roleArn = roleArnField('roleArn', 'arn:aws:iam::999999999999:role/terraform-state', '[\\w+=,.@/-]+');

const ENDPOINT_FIX = 'write the URL of the S3-compatible store, e.g. https://minio.example.com:9000, or remove it for AWS S3';
/** The highest TCP port. */
const MAX_PORT = 65535;

const ENDPOINT = /^https?:\/\/[A-Za-z0-9.-]+(?::(\d{1,5}))?(\/[^\s]*)?$/;

const endpoint = z
  .string({ error: fix('expected the endpoint as text', ENDPOINT_FIX) })
  .regex(ENDPOINT, fix('endpoint must be an http(s) URL', ENDPOINT_FIX))
  .superRefine((url, ctx) => {
    const port = ENDPOINT.exec(url)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > MAX_PORT)) {
      issue(
        ctx,
        `the endpoint ${JSON.stringify(url)} has the port ${port}; TCP ports are 1 to ${MAX_PORT}`,
        'write the port the store listens on, e.g. https://minio.example.com:9000',
      );
    }
  });

const s3Fields = {
  /** The bucket that holds every account's state (it must exist). */
  bucket: bucket.meta({
    description: 'The bucket that holds every account\'s state (it must exist): 3 to 63 lower-case letters, digits, "." and "-".',
    examples: ['acme-terraform-state'],
  }),
  /** The bucket's region. */
  region: region.meta({ description: "The bucket's region.", examples: ['eu-west-1'] }),
  /** The folder of the state files: account `a` keeps its state at `<keyPrefix>/a.tfstate`. */
  keyPrefix: keyPrefix.meta({
    description:
      'The folder of the state files: account a keeps its state at <keyPrefix>/a.tfstate. "/"-separated segments, no leading, trailing or doubled "/", no "." or ".." segment.',
    examples: ['iam', 'terraform/iam'],
  }),
  /** S3-native state locking (a `.tflock` object beside the state; Terraform 1.10 and later). @default true */
  useLockfile: z
    .boolean()
    .optional()
    .meta({ description: 'S3-native state locking (a .tflock object beside the state; Terraform 1.10 and later).', default: true }),
  /** Server-side encryption of the state object. @default true */
  encrypt: z.boolean().optional().meta({ description: 'Server-side encryption of the state object.', default: true }),
  /** A role Terraform assumes to reach the bucket (`assume_role.role_arn`). */
  roleArn: roleArn.optional().meta({
    description: 'A role Terraform assumes to reach the bucket (assume_role.role_arn), as a full role ARN.',
    examples: ['arn:aws:iam::999999999999:role/terraform-state'],
  }),
  /** An S3-compatible store instead of AWS S3 (`endpoints.s3`), e.g. MinIO or Ceph. */
  endpoint: endpoint.optional().meta({
    description: 'An S3-compatible store instead of AWS S3 (endpoints.s3), e.g. MinIO or Ceph: an http(s) URL.',
    examples: ['https://minio.example.com:9000'],
  }),
  /** Path-style URLs (`https://host/bucket`), which most S3-compatible stores need. @default false */
  usePathStyle: z.boolean().optional().meta({ description: 'Path-style URLs (https://host/bucket), which most S3-compatible stores need.', default: false }),
};

/** The spec-wide `backend:` block. */
export const backendSchema = z.strictObject({
  s3: z
    .strictObject(s3Fields)
    .meta({ description: 'The S3 backend: bucket, region and keyPrefix are required; each account stack keeps its state at <keyPrefix>/<account>.tfstate.' }),
});

/** An account's `backend:` block: any field of the spec's, merged over it. */
export const accountBackendSchema = z.strictObject({
  s3: z.strictObject(s3Fields).partial().meta({
    description:
      "Fields of the S3 backend for this account, merged over the spec's backend.s3; without a spec-wide backend, bucket, region and keyPrefix are required.",
  }),
});

export type SpecBackend = z.output<typeof backendSchema>;
export type AccountBackend = z.output<typeof accountBackendSchema>;

const REQUIRED = ['bucket', 'region', 'keyPrefix'] as const;

/** S3's longest object key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** With `use_lockfile`, Terraform writes the lock beside the state, at the state's key plus this. */
const LOCK_SUFFIX = '.tflock';

type SpecWithBackends = { backend?: SpecBackend; accounts: readonly { name: string; backend?: AccountBackend }[] };

/**
 * Spec-level checks, added to the spec schema's refinement: an account that
 * overrides the backend while the spec has none must give the whole block, and
 * every account's state key (and its lock object's) fits in S3's 1,024 bytes.
 */
export function backendIssues(spec: SpecWithBackends, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!spec.backend) missingFieldIssues(spec, ctx);
  keyLengthIssues(spec, ctx);
}

function missingFieldIssues(spec: SpecWithBackends, ctx: z.core.$RefinementCtx<unknown>): void {
  spec.accounts.forEach((account, ai) => {
    const s3 = account.backend?.s3;
    if (!s3) return;
    for (const field of REQUIRED) {
      if (s3[field] !== undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['accounts', ai, 'backend', 's3', field],
        message: `the account's backend has no ${field}, and the spec has no backend block to take it from`,
        params: { fix: `add ${field} here, or a spec-wide backend: { s3: { bucket, region, keyPrefix } } that every account shares` },
      });
    }
  });
}

/**
 * The longest object key each account's backend writes, checked against
 * {@link MAX_KEY_BYTES}; reported once per keyPrefix field, for the account
 * with the longest key, at the field the prefix came from.
 */
function keyLengthIssues(spec: SpecWithBackends, ctx: z.core.$RefinementCtx<unknown>): void {
  const worst = new Map<string, { path: PropertyKey[]; account: string; key: string; bytes: number; prefixBytes: number }>();
  spec.accounts.forEach((account, ai) => {
    const own = account.backend?.s3;
    const prefix = own?.keyPrefix ?? spec.backend?.s3.keyPrefix;
    if (prefix === undefined || (!spec.backend && !own)) return;
    const path = own?.keyPrefix !== undefined ? ['accounts', ai, 'backend', 's3', 'keyPrefix'] : ['backend', 's3', 'keyPrefix'];
    const locked = own?.useLockfile ?? spec.backend?.s3.useLockfile ?? true;
    const key = stateKey(prefix, account.name) + (locked ? LOCK_SUFFIX : '');
    const bytes = Buffer.byteLength(key, 'utf8');
    const seen = worst.get(path.join('.'));
    if (bytes > MAX_KEY_BYTES && (!seen || bytes > seen.bytes))
      worst.set(path.join('.'), { path, account: account.name, key, bytes, prefixBytes: Buffer.byteLength(prefix, 'utf8') });
  });
  for (const w of worst.values()) {
    const what = w.key.endsWith(LOCK_SUFFIX) ? 'the lock object of its state' : 'its state';
    ctx.addIssue({
      code: 'custom',
      path: w.path,
      message: `account "${w.account}" would keep ${what} at a key of ${w.bytes} bytes (${JSON.stringify(w.key.slice(0, 60) + '...')}); S3 object keys are at most ${MAX_KEY_BYTES} bytes`,
      params: { fix: `shorten the key prefix to at most ${w.prefixBytes - (w.bytes - MAX_KEY_BYTES)} bytes` },
    });
  }
}
