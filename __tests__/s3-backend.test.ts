/**
 * Remote state against a real S3 API: s3rver on 127.0.0.1 (a free port, its
 * default credentials S3RVER/S3RVER), a spec whose `backend:` points at it
 * (endpoint, path style; the generated stack carries the skip flags), and the
 * real Terraform with the S3 backend and `use_lockfile`: `init`, `plan`, then a
 * `state push` / `state pull` round trip, which writes state (under the lock)
 * without creating any AWS resource. (`apply -refresh-only` writes nothing
 * here: with no resource in state, Terraform 1.11 calls that plan
 * non-applyable.)
 * The state object must be under `<keyPrefix>/<account>.tfstate`, with no lock
 * object left behind. The AWS provider runs offline (skip flags, dummy
 * credentials, provider mirror); nothing here talks to AWS.
 *
 * Fails, saying why, when Terraform, the provider mirror or s3rver is missing
 * or s3rver cannot start.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { findTerraform, type Terraform } from '../src/terraform/find';
import { run, type PlanJson } from './helpers/terraform/run';
import { OFFLINE_PROVIDER_SETTINGS } from '../src/terraform/offline';
import { tempDir } from './helpers/synth';

const BUCKET = 'team-state';
const KEY_PREFIX = 'iam/ci';

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (e: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => void): void;
}

/** Starts s3rver with the state bucket, or throws saying why it could not. */
async function startS3rver(directory: string): Promise<{ server: S3rverInstance; endpoint: string }> {
  let S3rver: new (options: Record<string, unknown>) => S3rverInstance;
  try {
    S3rver = require('s3rver');
  } catch (e) {
    throw new Error(`s3rver is not installed (it is a devDependency: run npm ci): ${(e as Error).message}`);
  }
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  server.on('event', (e) => {
    for (const r of e.Records) objectEvents.push(`${r.eventName} ${decodeURIComponent(r.s3.object.key)}`);
  });
  try {
    const { port } = await server.run();
    return { server, endpoint: `http://127.0.0.1:${port}` };
  } catch (e) {
    throw new Error(`s3rver could not start on 127.0.0.1 with its data in ${directory}: ${(e as Error).message}`);
  }
}

/** An unsigned GET against s3rver (it serves anonymous requests): status and body. */
function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function bucketKeys(endpoint: string): Promise<string[]> {
  const { status, body } = await httpGet(`${endpoint}/${BUCKET}?list-type=2`);
  expect(status).toBe(200);
  return [...body.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]).sort();
}

const spec = (endpoint: string) => `
backend:
  s3: { bucket: ${BUCKET}, region: eu-west-1, keyPrefix: ${KEY_PREFIX}, endpoint: "${endpoint}", usePathStyle: true }
issuers:
  apps:
    url: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0123456789ABCDEF
    thumbprints: [9e99a48a9960b14926bb7f3b02e22da2b0ab7280]
accounts:
  - name: apps
    id: "111111111111"
    region: eu-west-1
    oidcProviders: { apps: create }
    roles:
      - name: orders
        trust:
          - { type: eks-pod-identity, cluster: apps-prod, namespace: orders, serviceAccount: orders-api }
      - name: reports
        trust:
          - { type: kubernetes-service-account, issuer: apps, namespace: reports, serviceAccount: reporter }
`;

let server: S3rverInstance | undefined;
/** `<event name> <key>` of every object written or deleted, in order. */
const objectEvents: string[] = [];
let endpoint: string;
let tf: Terraform;
let stackDir: string;
let plan: PlanJson;
let pushed: { serial: number };
let stored: { lineage: string };

beforeAll(async () => {
  const dir = tempDir('xacct-s3-');
  // Terraform first: when it is missing, say so before starting anything.
  const found = findTerraform(join(dir, 'tf'), process.env);
  ({ server, endpoint } = await startS3rver(join(dir, 's3rver')));
  tf = { ...found, env: { ...found.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_PROFILE: '', AWS_SESSION_TOKEN: '' } };

  synthesize(parseSpecYaml(spec(endpoint), 'spec.yaml'), {
    outdir: join(dir, 'cdktf.out'),
    modulesDir: join(dir, 'modules'),
    offline: false,
    engine: 'direct',
    accessMatrix: false,
  });
  stackDir = join(dir, 'cdktf.out', 'stacks', 'apps');
  // The provider offline: dummy credentials, skip flags, and no allowed_account_ids (it cannot learn the account here).
  writeFileSync(
    join(stackDir, 'offline_override.tf.json'),
    JSON.stringify({ provider: { aws: { ...OFFLINE_PROVIDER_SETTINGS, allowed_account_ids: null } } }, null, 2),
  );
  mkdirSync(join(stackDir, '.terraform'), { recursive: true });
  await run(tf, stackDir, ['init', '-input=false']);
  await run(tf, stackDir, ['plan', '-input=false', '-out=s3.tfplan', '-var', 'tags={"team":"iam"}']);
  plan = JSON.parse((await run(tf, stackDir, ['show', '-json', 's3.tfplan'])).stdout) as PlanJson;
  // The round trip: read the state Terraform keeps for this stack, change it (a new serial and an output), write it back.
  const pulled = (await run(tf, stackDir, ['state', 'pull'])).stdout;
  const base = pulled.trim() ? JSON.parse(pulled) : { version: 4, terraform_version: '1.11.4', serial: 0, lineage: '', resources: [] };
  // An empty state pulls with no lineage; Terraform gives the first one written a lineage of its own.
  pushed = { ...base, serial: base.serial + 1, outputs: { ...base.outputs, written_by: { value: 's3-backend.test', type: 'string' } } };
  writeFileSync(join(dir, 'pushed.tfstate'), JSON.stringify(pushed));
  await run(tf, stackDir, ['state', 'push', join(dir, 'pushed.tfstate')]);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

test('the generated stack points its S3 backend at the store, with lock file, path style and the skip flags', async () => {
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  expect(stack.terraform.backend.s3).toMatchObject({
    bucket: BUCKET,
    key: `${KEY_PREFIX}/apps.tfstate`,
    use_lockfile: true,
    use_path_style: true,
    endpoints: { s3: endpoint },
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
  });
});

test('terraform plan through the S3 backend plans every resource, with the tags variable on the OIDC provider and the Pod Identity association', () => {
  const byType = new Map<string, Record<string, unknown>>();
  for (const rc of plan.resource_changes ?? []) {
    expect(rc.change.actions).toEqual(['create']);
    byType.set(rc.type, rc.change.after!);
  }
  expect([...byType.keys()].sort()).toEqual(['aws_eks_pod_identity_association', 'aws_iam_openid_connect_provider', 'aws_iam_role']);
  expect(byType.get('aws_iam_openid_connect_provider')!.tags).toEqual({ team: 'iam' });
  expect(byType.get('aws_eks_pod_identity_association')!.tags).toEqual({ team: 'iam' });
  expect(byType.get('aws_iam_role')!.tags).toEqual({ team: 'iam' });
});

test('the state lives in the bucket under <keyPrefix>/<account>.tfstate, and no lock object is left', async () => {
  expect(await bucketKeys(endpoint)).toEqual([`${KEY_PREFIX}/apps.tfstate`]);
  const { status, body } = await httpGet(`${endpoint}/${BUCKET}/${KEY_PREFIX}/apps.tfstate`);
  expect(status).toBe(200);
  const state = JSON.parse(body);
  expect(state).toMatchObject({ version: 4, serial: pushed.serial, resources: [] });
  stored = state;
  expect(state.outputs.written_by.value).toBe('s3-backend.test');
});

test('use_lockfile: every write took a .tflock object beside the state and removed it afterwards', () => {
  const lock = `${KEY_PREFIX}/apps.tfstate.tflock`;
  const lockEvents = objectEvents.filter((e) => e.endsWith(` ${lock}`));
  expect(lockEvents.length).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < lockEvents.length; i += 2) {
    expect(lockEvents[i]).toMatch(/^ObjectCreated:/);
    expect(lockEvents[i + 1]).toMatch(/^ObjectRemoved:/);
  }
  // The state write happened while a lock was held.
  const write = objectEvents.lastIndexOf(`ObjectCreated:Put ${KEY_PREFIX}/apps.tfstate`);
  expect(write).toBeGreaterThan(objectEvents.indexOf(`ObjectCreated:Put ${lock}`));
  expect(objectEvents.slice(write)).toContain(`ObjectRemoved:Delete ${lock}`);
});

test('terraform state pull reads the same state back through the backend', async () => {
  const pulled = JSON.parse((await run(tf, stackDir, ['state', 'pull'])).stdout);
  expect(pulled).toMatchObject({ lineage: stored.lineage, serial: pushed.serial });
  expect(pulled.outputs.written_by.value).toBe('s3-backend.test');
  expect(await bucketKeys(endpoint)).toEqual([`${KEY_PREFIX}/apps.tfstate`]);
});
