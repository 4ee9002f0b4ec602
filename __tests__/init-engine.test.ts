/**
 * `init --engine cdktf|cdktn|terraform`: what each engine's project holds
 * (cdktf.json or none, the scripts, the CDK CLI it installs), the default
 * (cdktf, the project init has always made), cdktn's Node check, and a bad
 * engine refused with nothing written. (`init-terraform-plan.test.ts` plans a
 * `terraform` project with the real Terraform.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvError } from '../src/errors';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import { assertNodeForCdktn } from '../src/cli/verbs/init';
import { readTree, tempDir } from './helpers/synth';

async function init(args: string[]): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
  const dir = join(tempDir('xacct-init-engine-'), 'acme');
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd: join(dir, '..'), env: { PATH: process.env.PATH }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(['init', 'acme', '--no-install', ...args], io);
  return { dir, code, stdout, stderr };
}
const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const tools = JSON.parse(readFileSync(join(__dirname, '..', 'tools', 'cdktn', 'package.json'), 'utf8'));

describe('GIVEN init', () => {
  test("WHEN no --engine is given THEN the project is the cdktf one, byte for byte but for cdktf.json's projectId", async () => {
    const plain = await init([]);
    const cdktf = await init(['--engine', 'cdktf']);
    expect([plain.code, cdktf.code]).toEqual([0, 0]);
    const files = (dir: string) => new Map([...readTree(dir)].map(([f, text]) => [f, f === 'cdktf.json' ? text.replace(/"projectId": "[^"]+"/, '') : text]));
    expect(files(plain.dir)).toEqual(files(cdktf.dir));
    expect(json(plain.dir, 'package.json').devDependencies['cdktf-cli']).toBe('0.21.0');
    expect(plain.stdout).toContain('next: cd acme && npx cross-account-iam check && npx cdktf synth');
  });

  test('WHEN --engine terraform THEN no cdktf.json and no CDK CLI: synth is the CLI, deploy is terraform per stack folder', async () => {
    const r = await init(['--engine', 'terraform']);
    expect(r.code).toBe(0);
    expect([...readTree(r.dir).keys()].sort()).toEqual(['.gitignore', 'README.md', 'package.json', 'spec.yaml']);
    const pkg = json(r.dir, 'package.json');
    expect(pkg.devDependencies).toEqual({ 'cross-account-iam': expect.any(String) });
    expect(pkg.scripts).toEqual({ synth: 'cross-account-iam synth', check: 'cross-account-iam check', access: 'cross-account-iam access' });
    const readme = readFileSync(join(r.dir, 'README.md'), 'utf8');
    expect(readme).toContain('terraform -chdir=cdktf.out/stacks/ACCOUNT init && terraform -chdir=cdktf.out/stacks/ACCOUNT apply');
    expect(readme).toContain('call the modules in `modules/` from a root of your own');
    expect(readme).not.toMatch(/npx cdktf|cdktn /);
    expect(r.stdout).toContain('next: cd acme && npx cross-account-iam check && npm run synth');
  });

  test('WHEN --engine cdktn on Node 22 or later THEN cdktf.json, cdktn scripts and cdktn-cli; on an older Node THEN exit 2 and nothing written', async () => {
    const r = await init(['--engine', 'cdktn']);
    if (Number(process.versions.node.split('.')[0]) >= 22) {
      expect(r.code).toBe(0);
      expect(json(r.dir, 'cdktf.json').app).toBe('node node_modules/cross-account-iam/dist/cli.js synth');
      const pkg = json(r.dir, 'package.json');
      expect(pkg.devDependencies).toEqual({ 'cross-account-iam': expect.any(String), 'cdktn-cli': tools.dependencies['cdktn-cli'] });
      expect(pkg.scripts.synth).toBe('CHECKPOINT_DISABLE=1 cdktn synth');
      expect(pkg.scripts.deploy).toBe('CHECKPOINT_DISABLE=1 cdktn deploy');
      expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toContain('cdktn synth');
    } else {
      expect([r.code, existsSync(r.dir)]).toEqual([2, false]);
      expect(r.stderr).toContain(`needs Node 22 or later, and this is Node ${process.versions.node}; nothing was written`);
    }
  });

  test('WHEN the Node is older than 22 THEN cdktn is refused with how to get Node 22, and 22 or 24 pass', () => {
    expect(() => assertNodeForCdktn('20.20.2')).toThrow(EnvError);
    expect(() => assertNodeForCdktn('20.20.2')).toThrow(/fix: install Node 22 or 24 .*nvm install 22.*or choose --engine cdktf or --engine terraform/);
    expect(() => assertNodeForCdktn('22.0.0')).not.toThrow();
    expect(() => assertNodeForCdktn('24.22.3')).not.toThrow();
  });

  test('WHEN the engine is not one of the three THEN exit 2 naming the choices, and nothing is written', async () => {
    const r = await init(['--engine', 'pulumi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--engine.*cdktf.*cdktn.*terraform/);
    expect(existsSync(r.dir)).toBe(false);
  });
});
