/**
 * `cdktf diff <account>` on a machine with no AWS account and no network:
 * the real cdktf CLI, the real Terraform, the provider from the mirror. One
 * account only: the CLI takes seconds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineDiffArgs, offlineDiffEnv, plannedChanges } from '../src/terraform/offline-diff';

const PROJECT = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cdktf-diff-'));
let run: { status: number | null; output: string };

beforeAll(() => {
  const env = offlineDiffEnv(work, { ...process.env, MODULES_DIR: join(work, 'modules'), SPEC_FILE: '' });
  const r = spawnSync(join(PROJECT, 'node_modules', '.bin', 'cdktf'), offlineDiffArgs('connections', join(work, 'cdktf.out')), {
    cwd: PROJECT,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  run = { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}, 200_000);

test('THEN cdktf diff succeeds and plans the four resources of the Connections account', () => {
  expect({ status: run.status, tail: run.status === 0 ? '' : run.output.slice(-3000) }).toEqual({ status: 0, tail: '' });
  const { resources, summary } = plannedChanges(run.output);
  expect(summary).toEqual({ add: 4, change: 0, destroy: 0 });
  expect(Object.fromEntries(resources)).toEqual({
    'aws_iam_openid_connect_provider.connections-cluster': 'created',
    'aws_iam_role.connections-role-test': 'created',
    'aws_iam_role.connections-data-sync': 'created',
    'aws_iam_role_policy_attachment.connections-role-test_AmazonS3FullAccess': 'created',
  });
});

test('THEN the plan shows the IRSA trust of the scenario', () => {
  expect(run.output).toContain(
    '"oidc.eks.ca-central-1.amazonaws.com/id/8A024CF24ADD3925BEFA224C4BDD005B:sub" = "system:serviceaccount:devops-aurora-1:connections-serviceaccount-s3"',
  );
});

test('THEN the run announces offline mode, and the stack it planned carries no real-deploy settings', () => {
  expect(run.output).toContain('OFFLINE DRY RUN');
  const stack = JSON.parse(readFileSync(join(work, 'cdktf.out', 'stacks', 'connections', 'cdk.tf.json'), 'utf8'));
  expect(stack.provider.aws[0]).toEqual({
    region: 'ca-central-1',
    access_key: 'offline-dry-run',
    secret_key: 'offline-dry-run',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: 'true',
  });
  expect(stack.terraform.backend.local.path).toBe('../../../terraform.connections.offline-dry-run.tfstate');
});
