/** Module READMEs in terraform-docs form, the workloads index, and the summary the app prints. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { loadSpecFile, validateSpec } from '../src/input/load';
import { formatSummary, SUMMARY_WARNINGS_MAX } from '../src/summary';
import { synthesize } from '../src/synth';

const PROJECT = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'readme-'));
const result = synthesize(loadSpecFile(join(PROJECT, 'examples', 'presets', 'spec.yaml')), {
  outdir: join(work, 'out'),
  modulesDir: join(work, 'modules'),
  moduleFormat: 'hcl',
  offline: false,
});
const readme = (account: string) => readFileSync(join(work, 'modules', account, 'README.md'), 'utf8');

/** The rows of the markdown table under `## <heading>`. */
function table(md: string, heading: string): string[][] {
  const section = md
    .slice(md.indexOf(`## ${heading}\n`))
    .split('\n')
    .slice(2);
  const rows: string[][] = [];
  for (const line of section) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
}

describe('module README (terraform-docs sections)', () => {
  test('THEN the sections come in terraform-docs order between its markers', () => {
    const md = readme('legacy');
    const order = [
      '<!-- BEGIN_TF_DOCS -->',
      '## Requirements',
      '## Providers',
      '## Modules',
      '## Resources',
      '## Inputs',
      '## Outputs',
      '<!-- END_TF_DOCS -->',
    ].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('Files: `versions.tf`, `main.tf`, `variables.tf`, `outputs.tf`.');
  });

  test('THEN the resources table lists every resource and data source with its registry page', () => {
    const rows = table(readme('apps'), 'Resources');
    expect(rows).toContainEqual([
      '[aws_eks_pod_identity_association.orders-pod-identity_orders_orders-api](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_pod_identity_association)',
      'resource',
    ]);
    expect(rows).toContainEqual([
      '[aws_iam_policy_document.shared-reader_trust](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document)',
      'data source',
    ]);
    expect(rows.filter((r) => r[1] === 'resource')).toHaveLength(8); // 3 providers, 4 roles, 1 association
  });

  test('THEN inputs and outputs are sorted by name, with types, defaults and the sensitive flag', () => {
    expect(table(readme('legacy'), 'Inputs')).toEqual([
      [
        '<a name="input_tags"></a> [tags](#input\\_tags)',
        'Tags added to every role (over the tags the spec gives), OIDC provider, Pod Identity association and IAM user.',
        '`map(string)`',
        '`{}`',
        'no',
      ],
    ]);
    expect(table(readme('legacy'), 'Outputs').map((r) => [r[0].replace(/^.*\[(.*)\].*$/, '$1'), r[2]])).toEqual([
      ['iam\\_user\\_access\\_keys', 'yes'],
      ['oidc\\_provider\\_arns', 'no'],
      ['role\\_arns', 'no'],
      ['role\\_names', 'no'],
    ]);
  });

  test('THEN the README links the account folder of workload settings', () => {
    expect(readme('ci')).toContain('[`../workloads/ci/`](../workloads/ci/)');
  });
});

test('the workloads index lists every artifact with its use', () => {
  const index = readFileSync(join(work, 'modules', 'workloads', 'README.md'), 'utf8');
  for (const a of result.summary.artifacts) expect(index).toContain(`[\`${a.path.slice('workloads/'.length)}\`](./${a.path.slice('workloads/'.length)})`);
  expect(result.summary.artifacts.length).toBeGreaterThan(10);
});

// The app as cdktf.json runs it: scripts/cdktf-app.cjs, main.ts bundled by esbuild.
test('the app writes the summary to stdout (cdktf labels whatever an app writes to stderr [ERROR]) and nothing to stderr', () => {
  const r = spawnSync(process.execPath, ['scripts/cdktf-app.cjs'], {
    cwd: PROJECT,
    env: {
      ...process.env,
      SPEC_FILE: 'examples/presets/spec.yaml',
      CDKTF_OUTDIR: join(work, 'app-out2'),
      MODULES_DIR: join(work, 'app-modules2'),
      OFFLINE_DRY_RUN: '',
      MODULES_FORMAT: '',
    },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('synth summary for examples/presets/spec.yaml');
  expect(r.stdout).toContain('accounts: 5, roles: 21');
  expect(r.stdout).not.toContain('    apps (777777777777, eu-west-1)'); // the role list is --verbose's
  expect(r.stdout).toContain(`  workload artifacts: 22 (every file, with its roles, in ${join(work, 'app-modules2')}/workloads/README.md)\n`);
  // The two TRUST024 warnings of the example are suppressed, with their reasons, and still listed; ORG001 names the issuer no guardrail can fence.
  expect(r.stdout).toContain('  warnings: 7\n    [TRUST024] accounts[0].roles[2].trust[0].repository');
  expect(r.stdout).toContain('(suppressed at accounts[0].roles[2].suppressions[0]: example of the name-only subject');
  expect(r.stdout).toContain('    [ORG001] accounts[1].roles[2].trust[0]');
  expect(r.stdout).toContain('    [WORK004] accounts[2].roles[0].trust[0]');
});

test('GIVEN --verbose WHEN the CLI synthesizes THEN the summary lists every account with its roles and every workload artifact', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/bin.ts',
      'synth',
      '--spec',
      'examples/presets/spec.yaml',
      '--stacks-dir',
      join(work, 'v-out'),
      '--modules-dir',
      join(work, 'v-modules'),
      '--verbose',
    ],
    {
      cwd: PROJECT,
      env: { ...process.env, OFFLINE_DRY_RUN: '', MODULES_FORMAT: '' },
      encoding: 'utf8',
    },
  );
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('    apps (777777777777, eu-west-1): orders-pod-identity, shared-reader, partner-uploader');
  expect(r.stdout).toMatch(/ {2}workload artifacts: 22 \(.*\)\n {4}workloads\/ci\/github-actions\/deploy-main.yaml\n/);
  expect(r.stdout.split('\n').filter((l) => l.startsWith('    workloads/'))).toHaveLength(22);
});

test('GIVEN a bad MODULES_FORMAT THEN the app exits 2 (bad input) with the fix and writes nothing', () => {
  const r = spawnSync(process.execPath, ['scripts/cdktf-app.cjs'], {
    cwd: PROJECT,
    env: { ...process.env, CDKTF_OUTDIR: join(work, 'bad-out'), MODULES_DIR: join(work, 'bad-modules'), MODULES_FORMAT: 'yaml', OFFLINE_DRY_RUN: '' },
    encoding: 'utf8',
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('fix: set MODULES_FORMAT=json or MODULES_FORMAT=hcl');
  expect(() => readFileSync(join(work, 'bad-modules', 'README.md'))).toThrow();
});

test('GIVEN an organization-sized spec THEN the summary is a few lines (counts, folders, warnings by rule), and --verbose lists everything', () => {
  const big = synthesize(validateSpec(generateSpec(30), 'org.yaml'), {
    outdir: join(work, 'org-out'),
    modulesDir: join(work, 'org-modules'),
    offline: false,
    accessMatrix: false,
  });
  const text = formatSummary(big.summary, { outdir: 'out', modulesDir: 'mods' });
  const lines = text.trimEnd().split('\n');
  const rules = new Set(big.summary.warnings.map((w) => w.ruleId));
  expect(big.summary.warnings.length).toBeGreaterThan(SUMMARY_WARNINGS_MAX);
  // 7 lines of counts and folders, 2 per rule, 1 pointing at --verbose: nothing grows with the accounts.
  expect(lines).toHaveLength(7 + 2 * rules.size + 1);
  expect(lines.filter((l) => /^ {4}acct-\d{4} \(/.test(l))).toHaveLength(0);
  expect(lines.filter((l) => l.startsWith('    workloads/'))).toHaveLength(0);
  // 208: account 0's callers outside the spec (org-automation, org-audit) get no Airflow connection files (issue 11).
  expect(text).toContain('  workload artifacts: 208 (every file, with its roles, in mods/workloads/README.md)\n');
  for (const rule of rules) {
    const n = big.summary.warnings.filter((w) => w.ruleId === rule).length;
    expect(text).toContain(`    [${rule}] ${n} ${n === 1 ? 'warning' : 'warnings'}, the first at `);
  }
  expect(text).toContain('    (--verbose lists every warning');

  const verbose = formatSummary(big.summary, { outdir: 'out', modulesDir: 'mods' }, { verbose: true }).split('\n');
  expect(verbose.filter((l) => /^ {4}acct-\d{4} \(/.test(l))).toHaveLength(30);
  expect(verbose.filter((l) => l.startsWith('    workloads/'))).toHaveLength(208);
  expect(verbose.filter((l) => /^ {4}\[[A-Z0-9_]+\] /.test(l))).toHaveLength(big.summary.warnings.length);
});
