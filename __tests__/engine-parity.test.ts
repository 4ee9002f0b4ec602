/**
 * A smoke test of AccountStack against the direct renderer: both render the
 * same description, one as provider constructs synthesized by a cdktf App,
 * one straight to JSON, so they must agree byte for byte. Checked on every
 * file of cdktf.out/ and modules/ for both examples, an offline dry run, an
 * organization-shaped spec, and random specs (every trust type); what would
 * break it is a kind whose provider class or materialization writes its body
 * differently (see account-stack.test.ts for each kind on its own).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { generateSpec } from '../bench/spec-gen';
import { parseAccountArgs, readExports } from '../src/brownfield/export';
import { importExport } from '../src/brownfield/import';
import { importYaml } from '../src/brownfield/spec-yaml';
import { CDKTF } from '../src/constructs/cdktf-engine';
import { materialize } from '../src/constructs/materialize';
import { describeAccount } from '../src/description/account';
import { resolveModel } from '../src/model/resolve';
import { renderStackJson } from '../src/render/stack-json';
import { stableJson } from '../src/render/stable-json';
import { stampedVersions } from '../src/render/versions';
import { loadSpecFile, parseSpecYaml, validateSpec } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';
import { loadSpec, synthesize } from '../src/synth';
import { readTree, tempDir } from './helpers/synth';

const BROWNFIELD = join(__dirname, '..', 'examples', 'brownfield');

// cdktf checks the Terraform version (`terraform version`, through execSync) once for each import block: each
// importFrom adds a ValidateTerraformVersion, 52 for the brownfield fixtures, about 3.5 s of CPU in processes. Each
// such command runs for real once here; the checks after it read that output (same command, same run). A command
// that fails is not kept, so it fails again for each check, as it did.
jest.mock('child_process', () => {
  const real = jest.requireActual<typeof import('child_process')>('child_process');
  const outputs = new Map<string, ReturnType<typeof real.execSync>>();
  const execSync = (command: string, options?: Parameters<typeof real.execSync>[1]) => {
    if (!/^\S+ version$/.test(command)) return real.execSync(command, options);
    const key = `${command} ${JSON.stringify(options)}`;
    if (!outputs.has(key)) outputs.set(key, real.execSync(command, options));
    return outputs.get(key)!;
  };
  return { ...real, execSync };
});

function bothEngines(loaded: ReturnType<typeof loadSpec>, options: { offline?: boolean; accessMatrix?: boolean } = {}) {
  const dir = tempDir('xacct-parity-');
  const trees = (['direct', 'cdktf'] as const).map((engine) => {
    synthesize(loaded, {
      outdir: join(dir, engine, 'cdktf.out'),
      modulesDir: join(dir, engine, 'modules'),
      engine,
      offline: options.offline ?? false,
      accessMatrix: options.accessMatrix ?? true,
    });
    return readTree(join(dir, engine));
  });
  return { direct: trees[0], cdktf: trees[1] };
}

function expectSameTrees({ direct, cdktf }: ReturnType<typeof bothEngines>) {
  expect([...direct.keys()]).toEqual([...cdktf.keys()]);
  for (const [file, content] of cdktf) expect([file, direct.get(file) === content ? 'same' : direct.get(file)]).toEqual([file, 'same']);
}

describe('GIVEN the default example', () => {
  test('WHEN synthesized by both engines THEN every file is byte-identical', () => {
    expectSameTrees(bothEngines(loadSpec('')));
  });
});

describe('GIVEN the presets example (GitHub Actions, EKS Pod Identity, web identity, IAM-user keys, HCL modules)', () => {
  test('WHEN synthesized by both engines THEN every file is byte-identical', () => {
    expectSameTrees(bothEngines(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml'))));
  });
});

describe('GIVEN EKS Pod Identity across accounts (attributes of AWS provider 6.2.0, in the 6.25 bindings)', () => {
  test('WHEN synthesized by both engines THEN every file is byte-identical', () => {
    const trees = bothEngines(loadSpecFile(join(__dirname, '..', 'examples', 'eks-cross-account', 'spec.yaml')));
    expect(trees.cdktf.get('cdktf.out/stacks/platform/cdk.tf.json')).toContain('"target_role_arn": "arn:aws:iam::222222222222:role/lake-reader"');
    expectSameTrees(trees);
  });
});

describe('GIVEN an offline dry run (OFFLINE_DRY_RUN)', () => {
  test('WHEN the default example is synthesized by both engines THEN every file is byte-identical', () => {
    expectSameTrees(bothEngines(loadSpec(''), { offline: true }));
  });
});

describe('GIVEN an organization of 12 accounts x 20 roles (hubs, chains, grants, deploy roles, tags, paths, boundaries)', () => {
  test('WHEN synthesized by both engines THEN every file is byte-identical', () => {
    // ACCESS.md does not depend on the engine, and its matrix is the slow part at this size.
    const trees = bothEngines(validateSpec(generateSpec(12), 'org.yaml'), { accessMatrix: false });
    expect(trees.direct.has('modules/ACCESS.md')).toBe(false);
    expectSameTrees(trees);
  });
});

describe('GIVEN the brownfield fixtures imported (examples/brownfield: import blocks)', () => {
  test('WHEN synthesized by both engines THEN the stacks are byte-identical, import blocks included', () => {
    const files = readdirSync(BROWNFIELD)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(BROWNFIELD, f));
    const imported = importExport(
      readExports(files, { accountNames: parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']) }),
      { region: 'eu-west-1' },
    );
    const yaml = importYaml(imported, files);
    const stacks = (engine: 'direct' | 'cdktf') => {
      const dir = tempDir(`xacct-engine-${engine}-`);
      synthesize(parseSpecYaml(yaml, 'imported.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: false, engine, accessMatrix: false });
      return ['platform', 'data-lake', 'legacy'].map((a) => readFileSync(join(dir, 'cdktf.out', 'stacks', a, 'cdk.tf.json'), 'utf8'));
    };
    const direct = stacks('direct');
    expect(stacks('cdktf')).toEqual(direct);
    const blocks = direct.flatMap((s) => JSON.parse(s).import ?? []);
    expect(blocks.length).toBeGreaterThanOrEqual(imported.imported.length);
    expect(blocks).toEqual(expect.arrayContaining([{ id: 'sample-prod:read-raw', to: expect.stringMatching(/^aws_iam_role_policy\./) }]));
  });
});

describe('GIVEN accounts that trust each other both ways without a role cycle', () => {
  const ids = ['a', 'b', 'c'];
  const mesh: SpecInput = {
    accounts: ids.map((name, i) => ({
      name,
      id: String(111111111111 * (i + 1)),
      region: 'eu-west-1',
      roles: [
        { name: 'base', trust: [{ type: 'aws-service', service: 's3.amazonaws.com' }] },
        { name: 'peer', trust: ids.filter((x) => x !== name).map((x) => ({ type: 'aws-role' as const, role: 'base', account: x })) },
      ],
    })),
  };

  test('THEN no account depends on another (each edge would close a cycle), and both engines agree', () => {
    expect(resolveModel(validateSpec(mesh)).accounts.map((a) => a.dependsOn)).toEqual([[], [], []]);
    expectSameTrees(bothEngines(validateSpec(mesh)));
  });
});

describe('GIVEN ${, %{, $${, %%{ and %${ in every free-text field that takes them', () => {
  // Terraform reads them as templates: both engines must write them escaped the same way, and cdktf must not read them as its tokens.
  const hostile = ['${upper("zq")}', '%{ if x }', '$${a}', '%%{b}', '%${c}', 'Read ${ the state bucket'];
  const spec = (v: string): SpecInput => ({
    options: { allowIamUserAccessKeys: true },
    accounts: [
      {
        name: 'a',
        id: '111111111111',
        region: 'eu-west-1',
        deployRole: `arn:aws:iam::111111111111:role/${v}`,
        policies: [
          {
            name: 'state',
            description: v,
            statements: [
              {
                actions: ['s3:GetObject'],
                resources: [`arn:aws:s3:::b/${v}`],
                conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalTag/team', values: [v] }],
              },
            ],
          },
        ],
        roles: [
          {
            name: 'r',
            description: v,
            managedPolicies: ['state'],
            inlinePolicies: [{ name: 'p', statements: [{ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::c/${v}`] }] }],
            trust: [{ type: 'iam-user', user: 'u', pgpKey: `keybase:${v}` }],
          },
        ],
      },
    ],
  });

  test.each(hostile)('WHEN %s is in each of them THEN both engines write every file byte-identically, with the value escaped', (v) => {
    const trees = bothEngines(validateSpec(spec(v), 'spec.yaml'));
    expectSameTrees(trees);
    const stack = trees.direct.get('cdktf.out/stacks/a/cdk.tf.json')!;
    const escaped = JSON.stringify(v.replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{')).slice(1, -1);
    expect(stack).toContain(`"description": "${escaped}"`);
    expect(stack).toContain(`"pgp_key": "keybase:${escaped}"`);
    expect(stack).toContain(`"role_arn": "arn:aws:iam::111111111111:role/${escaped}"`);
  });
});

describe('GIVEN random specs', () => {
  const AWS_TAG = fc.string({ unit: fc.constantFrom(...'abcXYZ019 _.:/=+-@é'), minLength: 1, maxLength: 12 });
  // Printable text in IAM's description set (the loader refuses control characters, IAM anything outside Latin-1): quotes, backslashes, `${`, `%{`.
  const text = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~¡éÿ'), maxLength: 40 });
  const roleName = (i: number) => fc.constantFrom(`r${i}`, `R${i}`);

  const spec = fc.integer({ min: 1, max: 3 }).chain((accounts) =>
    fc.record({
      options: fc.constant({ allowIamUserAccessKeys: true }),
      issuers: fc.constant({ k8s: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] } }),
      accounts: fc.tuple(
        ...Array.from({ length: accounts }, (_, ai) =>
          fc.record({
            name: fc.constant(`acct${ai}`),
            id: fc.constant(String(300000000000 + ai)),
            region: fc.constantFrom('eu-west-1', 'us-east-2'),
            deployRole: fc.option(fc.constant(`arn:aws:iam::${300000000000 + ai}:role/deploy`), { nil: undefined }),
            oidcProviders: fc.constantFrom<Record<string, 'create' | 'existing'>>({ k8s: 'create' }, { k8s: 'existing' }),
            roles: fc.tuple(
              ...Array.from({ length: 3 }, (_, ri) =>
                fc.record({
                  name: roleName(ri),
                  description: fc.option(text, { nil: undefined }),
                  path: fc.constantFrom('/', '/team/', '/a/b/'),
                  maxSessionDuration: fc.option(fc.integer({ min: 3600, max: 43200 }), { nil: undefined }),
                  permissionsBoundary: fc.option(fc.constantFrom('boundary', 'arn:aws:iam::aws:policy/PowerUserAccess'), { nil: undefined }),
                  managedPolicies: fc.subarray(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'local-policy']),
                  tags: fc.dictionary(AWS_TAG, AWS_TAG, { maxKeys: 3 }),
                  inlinePolicies: fc.uniqueArray(
                    fc.record({
                      name: fc.constantFrom('read', 'write'),
                      statements: fc.array(
                        fc.record({
                          sid: fc.option(fc.constantFrom('A', 'B1'), { nil: undefined }),
                          actions: fc.array(fc.constantFrom('s3:GetObject', 's3:*'), { minLength: 1, maxLength: 2 }),
                          resources: fc.array(fc.constantFrom('*', 'arn:aws:s3:::b/${aws:username}/*'), { minLength: 1, maxLength: 2 }),
                          conditions: fc.array(
                            fc.record({
                              test: fc.constant('StringEquals'),
                              variable: fc.constant('aws:PrincipalTag/team'),
                              values: fc.array(text, { minLength: 1, maxLength: 2 }),
                            }),
                            {
                              maxLength: 1,
                            },
                          ),
                        }),
                        { minLength: 1, maxLength: 2 },
                      ),
                    }),
                    { maxLength: 2, selector: (p) => p.name },
                  ),
                  trust: fc.array(
                    fc.oneof(
                      fc.record({
                        type: fc.constant('kubernetes-service-account' as const),
                        issuer: fc.constant('k8s'),
                        namespace: fc.constantFrom('ns', 'jobs'),
                        serviceAccount: fc.constantFrom('sa', 'sa.x'),
                      }),
                      fc.record({
                        type: fc.constant('data-platform-project' as const),
                        issuer: fc.constant('k8s'),
                        project: fc.constantFrom('p_1', 'x'),
                        environment: fc.constant('dev'),
                      }),
                      fc.record({ type: fc.constant('google-service-account' as const), uniqueId: fc.constant('1234567890123'), requireSubject: fc.boolean() }),
                      fc.record({ type: fc.constant('aws-service' as const), service: fc.constantFrom('s3.amazonaws.com', 'lambda.amazonaws.com') }),
                      fc.record({
                        type: fc.constant('eks-pod-identity' as const),
                        cluster: fc.constantFrom('c1', 'prod'),
                        namespace: fc.constantFrom('ns', 'jobs'),
                        serviceAccount: fc.constantFrom('sa', 'api'),
                      }),
                      fc.record({
                        type: fc.constant('iam-user' as const),
                        user: fc.constantFrom('airflow', 'batch'),
                        pgpKey: fc.option(fc.constant('keybase:ops'), { nil: undefined }),
                      }),
                      fc.record({
                        type: fc.constant('web-identity' as const),
                        issuers: fc.constant([{ issuer: 'k8s', subjects: ['system:serviceaccount:a:b', 'system:serviceaccount:c:*'] }]),
                      }),
                      // Only roles declared earlier: no cycles.
                      ...(ri > 0 ? [fc.record({ type: fc.constant('aws-role' as const), role: fc.constant(`r${ri - 1}`) })] : []),
                      ...(ai > 0
                        ? [fc.record({ type: fc.constant('aws-role' as const), role: fc.constant('r0'), account: fc.constant(`acct${ai - 1}`) })]
                        : []),
                    ),
                    { minLength: 1, maxLength: 3 },
                  ),
                }),
              ),
            ),
          }),
        ),
      ),
    }),
  );

  test('WHEN rendered directly and materialized as AccountStack does THEN each stack is byte-identical', () => {
    const versions = stampedVersions();
    fc.assert(
      fc.property(spec, fc.boolean(), (input, offline) => {
        const inputSpec = input as unknown as SpecInput;
        // Role names may collide within an account; such specs are refused before either engine runs.
        const parsed = (() => {
          try {
            return resolveModel(validateSpec(inputSpec));
          } catch {
            return undefined;
          }
        })();
        fc.pre(parsed !== undefined);
        const app = new App({ outdir: tempDir('xacct-prop-') });
        for (const account of parsed!.accounts) {
          // A stack materialized as AccountStack does once the pipeline has checked its spec, from the resolved model itself:
          // values the lint pack would refuse (a wildcard in StringEquals, an IAM user named twice) are rendered too.
          const stack = new TerraformStack(app, account.name);
          materialize(stack, account, offline, CDKTF);
          const viaCdktf = stableJson(stack.toTerraform());
          expect(stableJson(renderStackJson(describeAccount(account, { offline }), versions))).toBe(viaCdktf);
        }
      }),
      { numRuns: 25 },
    );
  });
});
