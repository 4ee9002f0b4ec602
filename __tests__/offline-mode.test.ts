/** OFFLINE_DRY_RUN: how it is switched on, what it changes in a stack, and how it refuses to be deployed. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvError } from '../src/errors';
import { loadSpec, synthesize } from '../src/synth';
import { applyingAncestor, assertNotApplying, offlineRequested } from '../src/terraform/offline-mode';

describe('offlineRequested', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
    [' TRUE ', true],
  ])('OFFLINE_DRY_RUN=%j -> %s', (value, expected) => {
    expect(offlineRequested(value === undefined ? {} : { OFFLINE_DRY_RUN: value })).toBe(expected);
  });

  test('GIVEN a value it does not understand THEN it refuses to guess', () => {
    expect(() => offlineRequested({ OFFLINE_DRY_RUN: 'yes' })).toThrow(EnvError);
    expect(() => offlineRequested({ OFFLINE_DRY_RUN: 'yes' })).toThrow('fix: set OFFLINE_DRY_RUN=1');
  });
});

describe('refusing real deploys', () => {
  const shell = ['/bin/sh', '-c', 'node --import tsx main.ts'];
  test.each([
    [[shell, ['node', '/p/node_modules/.bin/cdktf', 'deploy', 'connections']], true],
    [[shell, ['node', '/p/node_modules/cdktf-cli/bundle/bin/cdktf', '--log-level', 'debug', 'destroy']], true],
    [[shell, ['npx', 'cdktf', 'watch', '--auto-approve']], true],
    [[['terraform', 'apply', 'plan']], true],
    [[shell, ['node', '/p/node_modules/.bin/cdktf', 'diff', 'connections']], false],
    [[shell, ['node', '/p/node_modules/.bin/cdktf', 'synth']], false],
    [[['terraform', 'plan']], false],
    [[['node', 'deploy.js']], false],
  ])('ancestors %j -> refused: %s', (lines, refused) => {
    expect(applyingAncestor(lines) !== undefined).toBe(refused);
    if (refused) expect(() => assertNotApplying(lines)).toThrow(EnvError);
    else expect(() => assertNotApplying(lines)).not.toThrow();
  });
});

describe('the stacks', () => {
  const work = mkdtempSync(join(tmpdir(), 'offline-'));
  const stack = (dir: string, name: string) => JSON.parse(readFileSync(join(work, dir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('GIVEN offline THEN dummy credentials, skip flags, no allowed_account_ids, no deploy role, its own state; modules unchanged', () => {
    synthesize(loadSpec(''), { outdir: join(work, 'real'), modulesDir: join(work, 'real-modules'), offline: false, moduleFormat: 'json' });
    const offline = synthesize(loadSpec(''), { outdir: join(work, 'offline'), modulesDir: join(work, 'offline-modules'), offline: true, moduleFormat: 'json' });
    expect(stack('real', 'raw-data').provider.aws[0]).toEqual({ region: 'eu-west-1', allowed_account_ids: ['444444444444'] });
    expect(stack('offline', 'raw-data').provider.aws[0]).toEqual({
      region: 'eu-west-1',
      access_key: 'offline-dry-run',
      secret_key: 'offline-dry-run',
      skip_credentials_validation: true,
      skip_metadata_api_check: 'true',
      skip_requesting_account_id: true,
    });
    expect(stack('real', 'raw-data').terraform.backend.local.path).toBe('../../../terraform.raw-data.tfstate');
    expect(stack('offline', 'raw-data').terraform.backend.local.path).toBe('../../../terraform.raw-data.offline-dry-run.tfstate');
    expect(readFileSync(join(work, 'offline-modules', 'raw-data', 'main.tf.json'), 'utf8')).toBe(
      readFileSync(join(work, 'real-modules', 'raw-data', 'main.tf.json'), 'utf8'),
    );
    expect(offline.summary.offline).toBe(true);
    expect(offline.summary.warnings.map((w) => w.ruleId)).toContain('OFFLINE_DRY_RUN');
  });
});
