/**
 * The plain Terraform modules: clean child modules (no provider configuration,
 * no backend, no required variable), a README listing inputs and outputs,
 * deterministic output, and the committed copies in step with the generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAIN_ROOT_EXAMPLE, plainRootExample } from '../src/examples/plain-root-example';
import { readTree, synthTo, type Synthesized } from './helpers/synth';

const ROOT = join(__dirname, '..');
const ACCOUNTS = ['data-platform', 'data-lake', 'shared-services', 'raw-data', 'data-query', 'connections'];

let out: Synthesized;
beforeAll(() => {
  out = synthTo();
});

describe.each(ACCOUNTS)('modules/%s', (account) => {
  test('holds versions, main, variables, outputs, a README and its ACCESS.md, nothing else', () => {
    const files = [...readTree(join(out.dir, 'modules', account)).keys()];
    expect(files).toEqual(['ACCESS.md', 'README.md', 'main.tf.json', 'outputs.tf.json', 'variables.tf.json', 'versions.tf.json']);
  });

  test('has required_providers and no provider configuration or backend', () => {
    expect(out.module(account, 'versions.tf.json')).toEqual({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.100, < 7.0' } } },
    });
    const all = ['main.tf.json', 'variables.tf.json', 'outputs.tf.json'].map((f) => out.module(account, f));
    for (const body of all) {
      expect(body.provider).toBeUndefined();
      expect(body.terraform).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('"//"');
    }
  });

  test('no variable is required', () => {
    for (const [name, v] of Object.entries(out.module(account, 'variables.tf.json').variable) as [string, any][]) {
      expect([name, 'default' in v]).toEqual([name, true]);
    }
  });

  test("its resources are the stack's resources", () => {
    const stack = out.stack(account);
    const main = out.module(account, 'main.tf.json');
    expect(Object.keys(main.resource).sort()).toEqual(Object.keys(stack.resource).sort());
    for (const [type, instances] of Object.entries(stack.resource) as [string, Record<string, any>][]) {
      expect(Object.keys(main.resource[type])).toEqual(Object.keys(instances));
    }
  });

  test('the README lists every input and output', () => {
    const readme: string = out.module(account, 'README.md');
    expect(readme).toContain('## Inputs');
    expect(readme).toContain('## Outputs');
    for (const name of Object.keys(out.module(account, 'variables.tf.json').variable)) expect(readme).toContain(`<a name="input_${name}"></a>`);
    for (const name of Object.keys(out.module(account, 'outputs.tf.json').output)) expect(readme).toContain(`<a name="output_${name}"></a>`);
  });
});

describe('determinism', () => {
  test('two synths of the same spec give byte-identical trees', () => {
    const again = synthTo();
    for (const sub of ['modules', 'cdktf.out']) {
      const a = readTree(join(out.dir, sub));
      const b = readTree(join(again.dir, sub));
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [file, content] of a) expect([file, b.get(file) === content]).toEqual([file, true]);
    }
  });

  test('the output names no temp dir or absolute path', () => {
    for (const [file, content] of readTree(join(out.dir, 'cdktf.out'))) {
      expect([file, content.includes(out.dir)]).toEqual([file, false]);
    }
  });
});

describe('committed copies', () => {
  test('modules/ in the repository is what the embedded example synthesizes (run `npm run synth` after changing the generator)', () => {
    const committed = readTree(join(ROOT, 'modules'));
    const fresh = readTree(join(out.dir, 'modules'));
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    for (const [file, content] of fresh) expect([file, committed.get(file) === content]).toEqual([file, true]);
  });

  test(`${PLAIN_ROOT_EXAMPLE} calls every module with an aliased provider (run \`npm run examples\` to refresh)`, () => {
    const text = readFileSync(join(ROOT, PLAIN_ROOT_EXAMPLE), 'utf8');
    expect(text).toBe(plainRootExample());
    for (const account of ACCOUNTS) {
      const id = account.replace(/-/g, '_');
      expect(text).toContain(`source    = "../../modules/${account}"`);
      expect(text).toContain(`providers = { aws = aws.${id} }`);
      expect(text).toMatch(new RegExp(`alias\\s+= "${id}"`));
    }
  });
});
