/**
 * The spec's `backend:` block and `options.awsProviderVersion`: what they
 * accept, the errors (field path and fix) for what they refuse, and what the
 * stacks and modules get from them. The real S3 API test is s3-backend.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { SpecError, type Problem } from '../src/errors';
import { AccountStack } from '../src/constructs/cdktf';
import { resolveModel } from '../src/model/resolve';
import { describeAccount } from '../src/description/account';
import { DATA_KINDS, RESOURCE_KINDS } from '../src/description/kinds';
import { renderStackJson } from '../src/render/stack-json';
import { stableJson } from '../src/render/stable-json';
import { stampedVersions } from '../src/render/versions';
import { bucketNameProblem } from '../src/input/sections/backend';
import { parseSpecYaml } from '../src/input/load';
import { admits, admitsSomeFrom, DEFAULT_AWS_PROVIDER_VERSION, parseConstraint } from '../src/input/sections/provider-version';
import { synthesize } from '../src/synth';
import { expectOneProblem } from './helpers/spec';
import { tempDir } from './helpers/synth';

const SPEC = `
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    roles:
      - name: job
        trust: [{ type: aws-service, service: s3.amazonaws.com }]
  - name: lake
    id: "222222222222"
    region: eu-west-1
    roles:
      - name: reader
        trust: [{ type: aws-role, role: job, account: platform }]
`;
const BACKEND = `
backend:
  s3: { bucket: acme-terraform-state, region: eu-central-1, keyPrefix: iam/prod }
`;

function problemsOf(text: string): Problem[] {
  try {
    resolveModel(parseSpecYaml(text, 'spec.yaml'));
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return [...(e as SpecError).problems];
  }
  throw new Error('expected a SpecError, but the spec was accepted');
}

const model = (text: string) => resolveModel(parseSpecYaml(text, 'spec.yaml'));
const stackOf = (text: string, account: string, offline = false) =>
  renderStackJson(
    describeAccount(
      model(text).accounts.find((a) => a.name === account)!,
      { offline },
    ),
    stampedVersions(),
  ) as any;

describe('GIVEN no backend block', () => {
  test('THEN every stack keeps the local backend, as before', () => {
    const stack = stackOf(SPEC, 'lake');
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../terraform.lake.tfstate' } });
    expect(stack['//'].metadata.backend).toBe('local');
  });
});

describe('GIVEN a spec-wide S3 backend', () => {
  test('THEN each account stack keeps its state at <keyPrefix>/<account>.tfstate, locked by a lock file and encrypted by default', () => {
    for (const account of ['platform', 'lake']) {
      const stack = stackOf(SPEC + BACKEND, account);
      expect(stack.terraform.backend).toEqual({
        s3: { bucket: 'acme-terraform-state', key: `iam/prod/${account}.tfstate`, region: 'eu-central-1', encrypt: true, use_lockfile: true },
      });
      expect(stack['//'].metadata.backend).toBe('s3');
    }
  });

  test('AND an account override THEN its fields are merged over the spec-wide ones, for that account only', () => {
    const text = (SPEC + BACKEND).replace(
      '  - name: lake\n',
      '  - name: lake\n    backend:\n      s3: { keyPrefix: lake-team, encrypt: false, roleArn: "arn:aws:iam::999999999999:role/state" }\n',
    );
    expect(stackOf(text, 'lake').terraform.backend.s3).toEqual({
      bucket: 'acme-terraform-state',
      key: 'lake-team/lake.tfstate',
      region: 'eu-central-1',
      encrypt: false,
      use_lockfile: true,
      assume_role: { role_arn: 'arn:aws:iam::999999999999:role/state' },
    });
    expect(stackOf(text, 'platform').terraform.backend.s3.key).toBe('iam/prod/platform.tfstate');
  });

  test('AND an S3-compatible endpoint THEN endpoints.s3, path style and the skip flags a store without STS needs', () => {
    const text = SPEC + BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, endpoint: "https://minio.example.com:9000", usePathStyle: true }');
    expect(stackOf(text, 'lake').terraform.backend.s3).toEqual({
      bucket: 'acme-terraform-state',
      key: 'iam/lake.tfstate',
      region: 'eu-central-1',
      encrypt: true,
      use_lockfile: true,
      use_path_style: true,
      endpoints: { s3: 'https://minio.example.com:9000' },
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      skip_s3_checksum: true,
    });
  });

  test('THEN an offline dry run still uses a local state file of its own (it never touches the team state)', () => {
    expect(stackOf(SPEC + BACKEND, 'lake', true).terraform.backend).toEqual({ local: { path: '../../../terraform.lake.offline-dry-run.tfstate' } });
  });

  test('THEN the AccountStack construct writes the same bytes as the direct renderer', () => {
    const text = (SPEC + BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, endpoint: "http://127.0.0.1:9000", usePathStyle: true }')).replace(
      '  - name: lake\n',
      '  - name: lake\n    backend:\n      s3: { roleArn: "arn:aws:iam::999999999999:role/state" }\n',
    );
    const app = new App({ outdir: tempDir('xacct-backend-app-') });
    const loaded = parseSpecYaml(text, 'spec.yaml');
    for (const account of model(text).accounts) {
      expect(stableJson(renderStackJson(describeAccount(account), stampedVersions()))).toBe(
        stableJson(new AccountStack(app, account.name, { spec: loaded }).toTerraform()),
      );
    }
  });

  test('WHEN the stack is synthesized as HCL (cdktf synth --hcl) THEN its backend "s3" block has the lock file and the store settings', () => {
    const text = SPEC + BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, endpoint: "http://127.0.0.1:9000", usePathStyle: true }');
    const outdir = tempDir('xacct-backend-hcl-');
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const app = new App({ outdir });
      new AccountStack(app, 'lake', { spec: parseSpecYaml(text, 'spec.yaml') });
      app.synth();
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
    const hcl = readFileSync(join(outdir, 'stacks', 'lake', 'cdk.tf'), 'utf8');
    const block = hcl.slice(hcl.indexOf('backend "s3" {'), hcl.indexOf('provider "aws"'));
    for (const line of ['key = "iam/lake.tfstate"', 'use_lockfile = true', 'use_path_style = true', 's3 = "http://127.0.0.1:9000"', 'skip_s3_checksum = true'])
      expect(block).toContain(line);
    expect(hcl).toContain('version = ">= 5.100, < 7.0"');
  });

  test('THEN modules get no backend, and synth writes the stacks with it', () => {
    const dir = tempDir('xacct-backend-');
    synthesize(parseSpecYaml(SPEC + BACKEND, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), offline: false });
    const stack = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'lake', 'cdk.tf.json'), 'utf8'));
    expect(stack.terraform.backend.s3.key).toBe('iam/prod/lake.tfstate');
    for (const file of ['versions.tf.json', 'main.tf.json', 'variables.tf.json', 'outputs.tf.json']) {
      expect(readFileSync(join(dir, 'modules', 'lake', file), 'utf8')).not.toMatch(/backend|tfstate/);
    }
    expect(existsSync(join(dir, 'modules', 'lake', 'backend.tf.json'))).toBe(false);
  });
});

describe('GIVEN a bad backend block', () => {
  test.each<[string, string, string, RegExp, RegExp]>([
    [
      'an upper-case bucket name',
      BACKEND.replace('acme-terraform-state', 'Acme-State'),
      'backend.s3.bucket',
      /only lower-case letters.*"A"/,
      /3 to 63 lower-case letters/,
    ],
    ['a bucket name with an underscore', BACKEND.replace('acme-terraform-state', 'acme_state'), 'backend.s3.bucket', /"_"/, /name an existing bucket/],
    ['a two-character bucket name', BACKEND.replace('acme-terraform-state', 'ab'), 'backend.s3.bucket', /3 to 63 characters, not 2/, /name an existing bucket/],
    [
      'a bucket formatted as an IP address',
      BACKEND.replace('acme-terraform-state', '192.168.5.4'),
      'backend.s3.bucket',
      /IP address/,
      /name an existing bucket/,
    ],
    [
      'a reserved bucket suffix',
      BACKEND.replace('acme-terraform-state', 'acme-state-s3alias'),
      'backend.s3.bucket',
      /reserves.*"-s3alias"/,
      /name an existing bucket/,
    ],
    [
      'a key prefix with a leading slash',
      BACKEND.replace('keyPrefix: iam/prod', 'keyPrefix: /iam'),
      'backend.s3.keyPrefix',
      /no leading, trailing or doubled "\/"/,
      /keyPrefix: iam/,
    ],
    ['a key prefix with a doubled slash', BACKEND.replace('keyPrefix: iam/prod', 'keyPrefix: iam//prod'), 'backend.s3.keyPrefix', /doubled/, /keyPrefix: iam/],
    [
      'a missing key prefix',
      BACKEND.replace(', keyPrefix: iam/prod', ''),
      'backend.s3.keyPrefix',
      /the S3 backend needs the key prefix/,
      /keyPrefix: iam; account a keeps its state at iam\/a.tfstate/,
    ],
    ['a region that is not one', BACKEND.replace('eu-central-1', 'europe'), 'backend.s3.region', /not an AWS region/, /eu-west-1/],
    [
      'an endpoint that is not a URL',
      BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, endpoint: minio:9000 }'),
      'backend.s3.endpoint',
      /http\(s\) URL/,
      /S3-compatible store/,
    ],
    [
      'a role that is not a role ARN',
      BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, roleArn: state-writer }'),
      'backend.s3.roleArn',
      /role ARN/,
      /arn:aws:iam::/,
    ],
    [
      'a DynamoDB lock table (not supported: S3 lock files replace it)',
      BACKEND.replace('keyPrefix: iam/prod }', 'keyPrefix: iam, dynamodbTable: locks }'),
      'backend.s3',
      /unknown field "dynamodbTable"/,
      /remove the field/,
    ],
  ])('%s', (_, backend, path, message, fix) => {
    expectOneProblem(problemsOf(SPEC + backend), path, message, fix);
  });

  test('an account override without a spec-wide block must be complete, and the error names each missing field', () => {
    const text = SPEC.replace('  - name: lake\n', '  - name: lake\n    backend:\n      s3: { bucket: lake-state }\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(['accounts[1].backend.s3.region', 'accounts[1].backend.s3.keyPrefix']);
    expect(problems[0].message).toMatch(/has no region, and the spec has no backend block/);
    expect(problems[0].fix).toMatch(/add region here, or a spec-wide backend/);
  });

  test('the S3 naming rules, one by one', () => {
    expect(bucketNameProblem('acme-terraform-state')).toBeUndefined();
    expect(bucketNameProblem('acme.state.eu')).toBeUndefined();
    for (const bad of [
      '-acme',
      'acme-',
      'acme..state',
      'xn--acme',
      'sthree-acme',
      'amzn-s3-demo-acme',
      'acme--ol-s3',
      'acme.mrap',
      'acme--x-s3',
      'acme--table-s3',
      'a'.repeat(64),
    ]) {
      expect([bad, bucketNameProblem(bad)]).toEqual([bad, expect.any(String)]);
    }
  });
});

describe('GIVEN the AWS provider version constraint', () => {
  test('THEN the default admits 5.100.0 and every 6.x, and neither 5.99 nor 7.0', () => {
    expect(DEFAULT_AWS_PROVIDER_VERSION).toBe('>= 5.100, < 7.0');
    for (const v of ['5.100.0', '5.100.1', '6.0.0', '6.12.0', '6.99.9']) expect([v, admits(DEFAULT_AWS_PROVIDER_VERSION, v)]).toEqual([v, true]);
    for (const v of ['5.99.1', '7.0.0', '4.67.0']) expect([v, admits(DEFAULT_AWS_PROVIDER_VERSION, v)]).toEqual([v, false]);
  });

  test('THEN stacks and modules require it, not the exact version the bindings were generated from', () => {
    const m = model(SPEC);
    const stack = renderStackJson(describeAccount(m.accounts[0]), stampedVersions()) as any;
    expect(stack.terraform.required_providers.aws).toEqual({ source: 'aws', version: '>= 5.100, < 7.0' });
    const dir = tempDir('xacct-versions-');
    synthesize(parseSpecYaml(SPEC, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    expect(JSON.parse(readFileSync(join(dir, 'modules', 'platform', 'versions.tf.json'), 'utf8')).terraform.required_providers.aws).toEqual({
      source: 'hashicorp/aws',
      version: '>= 5.100, < 7.0',
    });
    expect(readFileSync(join(dir, 'modules', 'README.md'), 'utf8')).toContain('version = ">= 5.100, < 7.0"');
  });

  test('WHEN options.awsProviderVersion is set THEN stacks, modules and the example root use it', () => {
    const text = `${SPEC}options:\n  awsProviderVersion: "~> 6.0"\n`;
    const dir = tempDir('xacct-versions-');
    synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    expect(JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'lake', 'cdk.tf.json'), 'utf8')).terraform.required_providers.aws.version).toBe('~> 6.0');
    expect(JSON.parse(readFileSync(join(dir, 'modules', 'lake', 'versions.tf.json'), 'utf8')).terraform.required_providers.aws.version).toBe('~> 6.0');
    expect(readFileSync(join(dir, 'modules', 'README.md'), 'utf8')).toContain('version = "~> 6.0"');
  });

  test.each<[string, RegExp, RegExp]>([
    ['">> 6.0"', /is not a Terraform version constraint/, /comma-separated conditions/],
    ['"6.x"', /is not a Terraform version constraint/, /~> 6\.0/],
    ['">= 5.100,"', /is not a Terraform version constraint/, /comma-separated/],
    [
      '"~> 4.0"',
      /admits no AWS provider from 5\.100\.0 up to \(not including\) 7\.0\.0, the versions the generated code is tested or reviewed with/,
      /allow a version in that range, e\.g\. ">= 5\.100, < 7\.0"/,
    ],
    ['">= 5.0, < 5.100"', /admits no AWS provider from 5\.100\.0 up to/, /"~> 6\.0"/],
    ['">= 99"', /">= 99" admits no AWS provider from 5\.100\.0 up to \(not including\) 7\.0\.0/, /allow a version in that range/],
    ['"~> 7.0"', /admits no AWS provider from 5\.100\.0 up to/, /"~> 6\.0"/],
    ['"= 7.0.0"', /admits no AWS provider from 5\.100\.0 up to/, /"~> 6\.0"/],
    ['6', /expected a version constraint as text/, /awsProviderVersion: ">= 5\.100, < 7\.0"/],
  ])('options.awsProviderVersion: %s is refused, naming the field and the fix', (value, message, fix) => {
    expectOneProblem(problemsOf(`${SPEC}options:\n  awsProviderVersion: ${value}\n`), 'options.awsProviderVersion', message, fix);
  });

  test('THEN the parser reads Terraform syntax: operators, one to three numbers, pre-releases, spaces', () => {
    for (const ok of ['6.0.0', '= 6.0.0', '!= 6.1.0, >= 6.0', '~> 6.0', '~>6.2.1', '>= 5.100, < 7.0', '6.0.0-beta1'])
      expect([ok, parseConstraint(ok) !== undefined]).toEqual([ok, true]);
    expect(admits('~> 6.2.1', '6.2.9')).toBe(true);
    expect(admits('~> 6.2.1', '6.3.0')).toBe(false);
    expect(admits('~> 6.2', '6.99.0')).toBe(true);
    expect(admits('~> 6.2', '7.0.0')).toBe(false);
    expect(admitsSomeFrom('> 5.100.0, <= 5.100.0', '5.100.0')).toBe(false);
    expect(admitsSomeFrom('= 5.100.0', '5.100.0')).toBe(true);
    expect(admitsSomeFrom('~> 5.100.2', '5.100.0')).toBe(true);
  });
});

describe('GIVEN docs/aws-provider-6.md, the record of what provider 6 changed for what we emit', () => {
  test('THEN it has a row for every resource and data source type the descriptions can hold', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'aws-provider-6.md'), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| '));
    for (const type of [...Object.keys(RESOURCE_KINDS), ...Object.keys(DATA_KINDS)]) {
      expect([type, rows.some((r) => r.split('|')[1].includes(`\`${type}\``) || r.split('|')[1].includes(`"${type}"`))]).toEqual([type, true]);
    }
  });
});
