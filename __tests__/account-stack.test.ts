/**
 * AccountStack as a user's cdktf app uses it: public props (a spec, an
 * account name), provider constructs a program can reference, and every kind
 * of kinds.ts materialized as the provider's own class.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformOutput, TerraformStack, type TerraformResource } from 'cdktf';
import { AccountStack } from '../src/constructs/cdktf';
import { CDKTF } from '../src/constructs/cdktf-engine';
import { addDescription } from '../src/constructs/materialize';
import type { AccountDescription } from '../src/description/account';
import { DATA_KINDS, RESOURCE_KINDS } from '../src/description/kinds';
import { renderStackJson } from '../src/render/stack-json';
import { stableJson } from '../src/render/stable-json';
import { stampedVersions } from '../src/render/versions';
import { defineSpec } from '../src/input/load';
import { loadSpec, synthesize } from '../src/synth';
import { tempDir } from './helpers/synth';

const spec = defineSpec({
  version: 1,
  accounts: [
    { name: 'data', id: '111111111111', region: 'eu-west-1', roles: [{ name: 'reader', trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }] }] },
    { name: 'tools', id: '222222222222', region: 'eu-west-1', roles: [{ name: 'ci', trust: [{ type: 'aws-role', account: 'data', role: 'reader' }] }] },
  ],
});

describe('GIVEN a spec in a cdktf app of the user', () => {
  test('WHEN an AccountStack is added THEN the app can reference its role ARN like any resource', () => {
    const app = new App({ outdir: tempDir('xacct-stack-') });
    const stack = new AccountStack(app, 'data', { spec });
    new TerraformOutput(stack, 'reader_arn', { value: stack.role('reader').arn });
    const json = stack.toTerraform() as { output: Record<string, { value: string }>; resource: Record<string, Record<string, unknown>> };
    expect(json.output.reader_arn.value).toBe('${aws_iam_role.reader.arn}');
    expect(Object.keys(json.resource.aws_iam_role)).toEqual(['reader']);
    expect(stack.role('reader').terraformResourceType).toBe('aws_iam_role');
  });

  test('WHEN the stack is named otherwise THEN `account` selects the spec account, and an unknown one is refused with the names there are', () => {
    const app = new App({ outdir: tempDir('xacct-stack-') });
    const stack = new AccountStack(app, 'tools-prod', { spec, account: 'tools' });
    expect(stack.accountName).toBe('tools');
    expect(stack.dependsOnAccounts).toEqual(['data']);
    expect(() => stack.role('nope')).toThrow('account tools has no role nope; its roles: ci');
    expect(() => new AccountStack(app, 'nope', { spec })).toThrow('the spec has no account named "nope": give AccountStack one of data, tools');
  });

  test('WHEN the spec is invalid or has lint errors THEN the construct refuses it as synthesize does', () => {
    const app = new App({ outdir: tempDir('xacct-stack-') });
    const withRole = (role: object) => defineSpec({ version: 1, accounts: [{ name: 'a', id: '111111111111', region: 'eu-west-1', roles: [role as never] }] });
    const schema = withRole({ name: 'r', trust: [{ type: 'aws-role', role: 'arn:aws:iam::*:role/x' }] });
    expect(() => new AccountStack(app, 'a', { spec: schema })).toThrow(
      'accounts[0].roles[0].trust[0].role: "arn:aws:iam::*:role/x" is not a valid IAM role ARN',
    );
    const managed = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    const lint = withRole({ name: 'r', managedPolicies: managed, trust: [{ type: 'aws-service', service: 's3.amazonaws.com' }] });
    expect(() => new AccountStack(app, 'a', { spec: lint })).toThrow('IAM005');
  });
});

describe('GIVEN the kinds table', () => {
  test.each([
    ...Object.entries(RESOURCE_KINDS).map(([t, k]) => ['resource', t, k] as const),
    ...Object.entries(DATA_KINDS).map(([t, k]) => ['data', t, k] as const),
  ])('the %s %s loads a class of @cdktf/provider-aws that synthesizes that type', (_mode, type, kind) => {
    const stack = new TerraformStack(new App({ outdir: tempDir('xacct-kind-') }), 's');
    const Class = CDKTF.load(kind.binding.module)[kind.binding.className] as new (scope: TerraformStack, id: string, config: object) => unknown;
    expect((new Class(stack, 'x', {} as never) as unknown as TerraformResource).terraformResourceType).toBe(type);
  });
});

describe('GIVEN a description with an adopted (imported) element', () => {
  const description: AccountDescription = {
    name: 'acct',
    provider: { region: 'eu-west-1', allowed_account_ids: ['111111111111'] },
    backend: { type: 'local', config: { path: 'x.tfstate' } },
    awsProviderVersion: '>= 5.100, < 7.0',
    variables: { tags: { type: 'map(string)', default: {}, description: 'Tags.' } },
    elements: [
      {
        mode: 'resource',
        type: 'aws_iam_role',
        id: 'old',
        path: 'role-old/iam-role-old',
        body: { name: 'old', assume_role_policy: '{}', depends_on: ['aws_iam_user.u'] },
        importId: 'old',
      },
      { mode: 'resource', type: 'aws_iam_user', id: 'u', path: 'iam-user-u/user', body: { name: 'u', tags: { team: 'a_b' } } },
    ],
    outputs: { role_arns: { description: 'ARNs.', value: { old: '${aws_iam_role.old.arn}' } } },
  };

  test('WHEN rendered directly and through the construct THEN the bytes are the same, import block and literal map keys included', () => {
    const stack = new TerraformStack(new App({ outdir: tempDir('xacct-import-') }), 'acct');
    addDescription(stack, description, CDKTF);
    const direct = stableJson(renderStackJson(description, stampedVersions()));
    expect(direct).toBe(stableJson(stack.toTerraform()));
    expect(JSON.parse(direct).import).toEqual([{ id: 'old', to: 'aws_iam_role.old' }]);
    expect(JSON.parse(direct).resource.aws_iam_user.u.tags).toEqual({ team: 'a_b' });
  });

  test('WHEN an element depends on an address the stack does not hold THEN the construct says which', () => {
    const stack = new TerraformStack(new App({ outdir: tempDir('xacct-import-') }), 'acct');
    const broken = { ...description, elements: [{ ...description.elements[0], body: { name: 'old', depends_on: ['aws_iam_user.missing'] } }] };
    expect(() => addDescription(stack, broken, CDKTF)).toThrow('acct/role-old/iam-role-old depends on aws_iam_user.missing, which the stack does not hold');
  });
});

describe('GIVEN `cdktf synth --hcl` (SYNTH_HCL_OUTPUT=true)', () => {
  test('WHEN the default example is synthesized THEN every stack is written as HCL by the construct, one resource block per role', () => {
    const dir = tempDir('xacct-hcl-');
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      // synthesize reads the variable in the environment it is given; cdktf, which writes the HCL, in process.env.
      const result = synthesize(loadSpec(''), { env: process.env, outdir: join(dir, 'cdktf.out'), modulesDir: false, offline: false });
      for (const account of result.model.accounts) {
        const files = readdirSync(join(dir, 'cdktf.out', 'stacks', account.name));
        expect([account.name, files.sort()]).toEqual([account.name, ['cdk.tf', 'metadata.json']]);
        const hcl = readFileSync(join(dir, 'cdktf.out', 'stacks', account.name, 'cdk.tf'), 'utf8');
        for (const role of account.roles) expect(hcl).toContain(`resource "aws_iam_role" "${role.tfId}" {`);
        // Unformatted: the cdktf CLI runs `terraform fmt` over it after the app.
        expect(hcl).toMatch(new RegExp(`allowed_account_ids = \\[\\s*"${account.id}"\\s*\\]`));
      }
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
  });
});
