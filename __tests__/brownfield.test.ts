/**
 * Brownfield: the IAM export reader, `audit` and `import` on the fixtures in
 * examples/brownfield/ (written in the format of `aws iam
 * get-account-authorization-details`), the equivalence proof, and bad input.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { auditExport } from '../src/brownfield/audit';
import { proveEquivalent } from '../src/brownfield/equivalence';
import { decodePolicyDocument, parseAccountArgs, readExports } from '../src/brownfield/export';
import { importExport } from '../src/brownfield/import';
import { verb as auditVerb } from '../src/cli/verbs/audit';
import { verb as importVerb } from '../src/cli/verbs/import';
import { lintModel } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import { parseSpecYaml } from '../src/input/load';
import { tempDir } from './helpers/synth';

const DIR = join(__dirname, '..', 'examples', 'brownfield');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(DIR, f));
const NAMES = ['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444'];

function io(cwd = process.cwd()) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { cwd, env: {}, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

const exp = readExports(FILES, { accountNames: parseAccountArgs(NAMES) });
const imported = importExport(exp, { region: 'eu-west-1' });
const skippedReason = (arn: string) => imported.skipped.find((s) => s.arn === arn)?.reason;
const importedRole = (account: string, name: string) => (imported.spec.accounts.find((a) => a.name === account)?.roles ?? []).find((r) => r.name === name);

describe('reading the export', () => {
  test('reads every account, role and provider file; URL-encoded documents read like JSON objects', () => {
    expect(exp.accounts.map((a) => [a.name, a.accountId, a.roles.length])).toEqual([
      ['data-lake', '222222222222', 7],
      ['legacy', '444444444444', 34],
      ['platform', '111111111111', 12],
    ]);
    const raw = JSON.parse(readFileSync(join(DIR, 'platform-111111111111.json'), 'utf8')).RoleDetailList.find(
      (r: any) => r.RoleName === 'connections-role-test',
    );
    expect(typeof raw.AssumeRolePolicyDocument).toBe('string');
    expect(raw.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
    const role = exp.accounts[2].roles.find((r) => r.name === 'connections-role-test')!;
    expect(role.trust).toEqual(decodePolicyDocument(decodeURIComponent(raw.AssumeRolePolicyDocument)));
    expect((role.trust.Statement as any[])[0].Condition.StringEquals['oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E:sub']).toBe(
      'system:serviceaccount:devops-aurora-1:connections-serviceaccount-s3',
    );
    expect(role.inlinePolicies[0]).toMatchObject({ name: 's3-access', document: { Statement: [{ Action: 's3:*' }] } });
  });

  test('list-roles fills in the description and max session that the authorization details leave out', () => {
    const role = exp.accounts[2].roles.find((r) => r.name === 'sample-prod')!;
    expect(role).toMatchObject({ description: 'Jobs of the sample project in prod', maxSessionDuration: 7200, tags: { team: 'data' } });
    expect(exp.accounts[2].roles.find((r) => r.name === 'ingest-weather-dev')).toMatchObject({
      path: '/data-platform/',
      permissionsBoundary: 'arn:aws:iam::111111111111:policy/data-platform-boundary',
    });
  });

  test('OIDC providers from list-open-id-connect-providers and get-open-id-connect-provider', () => {
    expect(exp.providers.filter((p) => p.arn).map((p) => p.accountId)).toEqual(['111111111111', '222222222222', '444444444444', '444444444444']);
    expect(exp.providers.find((p) => p.clientIds && p.host.startsWith('oidc.eks'))).toMatchObject({
      clientIds: ['sts.amazonaws.com'],
      thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    });
  });
});

describe('audit', () => {
  const report = auditExport(exp);
  const roleOf = (name: string) => report.roles.find((r) => r.role === name)!;
  const rules = (name: string) => roleOf(name).findings.map((f) => f.ruleId);

  test.each([
    ['trust001-no-condition', 'TRUST001'],
    ['trust002-no-audience', 'TRUST002'],
    ['trust003-no-subject', 'TRUST003'],
    ['trust004-bare-wildcard', 'TRUST004'],
    ['trust005-whole-org', 'TRUST005'],
    ['trust005-whole-namespace', 'TRUST005'],
    ['trust006-any-environment', 'TRUST006'],
    ['trust007-wildcard-in-equals', 'TRUST007'],
    ['trust008-like-without-wildcard', 'TRUST008'],
    ['trust009-set-operator', 'TRUST009'],
    ['trust010-negated', 'TRUST010'],
    ['trust011-key-prefix', 'TRUST011'],
    ['trust012-wrong-action', 'TRUST012'],
    ['trust013-open-principal', 'TRUST013'],
    ['trust014-account-root', 'TRUST014'],
    ['trust015-third-party', 'TRUST015'],
    ['trust016-github-without-repo', 'TRUST016'],
    ['trust018-interpolation', 'TRUST018'],
  ])('%s: the lint pack finds %s, with its fix', (role, rule) => {
    const finding = roleOf(role).findings.find((f) => f.ruleId === rule);
    expect(finding).toBeDefined();
    expect(finding!.fix.length).toBeGreaterThan(10);
  });

  test('roles that follow the seed documents with aud pinned have no error', () => {
    for (const name of ['sample-prod', 'connections-role-test', 'connections-data-sync', 'airflow', 'airflow-emr', 'cross-account-sample-prod']) {
      expect([name, roleOf(name).findings.filter((f) => f.level === 'error')]).toEqual([name, []]);
    }
    // The documented data-platform trust has no aud; the Airflow document trusts an account root.
    expect(rules('sample-dev')).toEqual(['TRUST002']);
    expect(rules('airflow-athena')).toEqual(expect.arrayContaining(['TRUST014', 'TRUST015']));
  });

  test('who can assume each role: issuers with their sub/aud patterns, AWS principals, services', () => {
    expect(roleOf('sample-prod').callers.issuers).toEqual([
      expect.objectContaining({
        host: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E',
        sub: [
          { operator: 'StringLike', key: expect.stringMatching(/:sub$/), values: ['system:serviceaccount:prod:sample-????????-????-????-????-????????????'] },
        ],
        aud: [{ operator: 'StringEquals', key: expect.stringMatching(/:aud$/), values: ['sts.amazonaws.com'] }],
        anyToken: false,
      }),
    ]);
    expect(roleOf('connections-data-sync').callers).toMatchObject({
      aws: [{ principal: 'arn:aws:iam::111111111111:role/connections-role-test', account: '111111111111', wholeAccount: false, outside: false }],
      services: [{ service: 's3.amazonaws.com' }],
    });
    expect(roleOf('airflow-athena').callers.aws).toEqual([expect.objectContaining({ wholeAccount: true, account: '111111111111', outside: false })]);
  });

  test('organisation: trust from outside the exports, and roles any token of an issuer can assume', () => {
    expect(report.externalEdges).toEqual(
      expect.arrayContaining([
        { role: 'arn:aws:iam::444444444444:role/trust015-third-party', principal: 'arn:aws:iam::999988887777:role/vendor-reader', account: '999988887777' },
      ]),
    );
    expect(report.externalEdges.every((e) => e.account === undefined || !['111111111111', '222222222222', '444444444444'].includes(e.account))).toBe(true);
    expect(report.openToAnyToken.map((e) => e.role.split('/').pop()).sort()).toEqual([
      'trust001-no-condition',
      'trust003-no-subject',
      'trust004-bare-wildcard',
      'trust010-negated',
    ]);
  });

  test('the verb prints markdown, or JSON, exits 1 on error-level findings and writes both files with --out', async () => {
    const dir = tempDir('xacct-audit-');
    const { out, io: cli } = io(dir);
    expect(await auditVerb.run(['--iam-export', ...FILES, '--out', 'report'], cli)).toBe(1);
    expect(out.stdout).toMatch(/^# IAM trust audit\n\n53 roles in 3 accounts: \d+ errors/);
    expect(JSON.parse(readFileSync(join(dir, 'report', 'iam-audit.json'), 'utf8')).roles).toHaveLength(53);
    expect(readFileSync(join(dir, 'report', 'iam-audit.md'), 'utf8')).toBe(out.stdout);
    // An export of roles without error-level findings exits 0.
    const lake = JSON.parse(readFileSync(join(DIR, 'data-lake-222222222222.json'), 'utf8'));
    writeFileSync(
      join(dir, 'clean.json'),
      JSON.stringify({ ...lake, RoleDetailList: lake.RoleDetailList.filter((r: any) => r.RoleName === 'cross-account-sample-prod') }),
    );
    const clean = io(dir);
    expect(await auditVerb.run(['--iam-export', 'clean.json', '--json'], clean.io)).toBe(0);
    expect(JSON.parse(clean.out.stdout).counts).toEqual({ error: 0, warning: 0, info: 0 });
  });
});

describe('import', () => {
  test('roles of the seed documents import with the known trust types and everything the role carries', () => {
    expect(importedRole('platform', 'sample-prod')).toEqual({
      name: 'sample-prod',
      description: 'Jobs of the sample project in prod',
      path: '/',
      maxSessionDuration: 7200,
      managedPolicies: [],
      inlinePolicies: [
        {
          name: 'read-raw',
          statements: [
            {
              sid: 'ReadRaw',
              effect: 'Allow',
              actions: ['s3:GetObject', 's3:ListBucket'],
              resources: ['arn:aws:s3:::raw-data', 'arn:aws:s3:::raw-data/*'],
              conditions: [],
            },
          ],
        },
      ],
      tags: { team: 'data' },
      trust: [{ type: 'data-platform-project', issuer: 'eks-eu-west-1-exampled', project: 'sample', environment: 'prod' }],
      suppressions: [],
      adopt: true,
    });
    expect(importedRole('platform', 'ingest-weather-dev')).toMatchObject({
      path: '/data-platform/',
      permissionsBoundary: 'arn:aws:iam::111111111111:policy/data-platform-boundary',
      managedPolicies: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      trust: [{ type: 'data-platform-project', project: 'ingest.weather', environment: 'dev' }],
    });
    expect(importedRole('platform', 'connections-role-test')?.trust).toEqual([
      { type: 'kubernetes-service-account', issuer: 'eks-eu-west-1-exampled', namespace: 'devops-aurora-1', serviceAccount: 'connections-serviceaccount-s3' },
    ]);
    expect(importedRole('platform', 'connections-data-sync')?.trust).toEqual([
      { type: 'aws-role', role: 'arn:aws:iam::111111111111:role/connections-role-test' },
      { type: 'aws-service', service: 's3.amazonaws.com' },
    ]);
    expect(importedRole('data-lake', 'dataflow-s3-reader')).toMatchObject({
      maxSessionDuration: 3600,
      trust: [{ type: 'google-service-account', uniqueId: '112233445566778899000', requireSubject: false }],
    });
    expect(importedRole('legacy', 'github-deploy')?.trust).toEqual([
      {
        type: 'github-actions',
        issuer: 'github-actions',
        repository: 'octo-org/deploy',
        branches: ['main'],
        environments: ['production'],
        pullRequests: false,
      },
    ]);
    expect(imported.spec.accounts.find((a) => a.name === 'platform')?.oidcProviders).toEqual({ 'eks-eu-west-1-exampled': { adopt: true } });
  });

  test("the data platform's documented trust (no aud) imports as it is: pinAudience: false, TRUST002 suppressed", () => {
    for (const [account, name, environment] of [
      ['platform', 'sample-dev', 'dev'],
      ['data-lake', 'cross-account-sample-dev', 'dev'],
    ]) {
      const role = importedRole(account, name)!;
      expect(role.trust).toEqual([
        { type: 'data-platform-project', issuer: 'eks-eu-west-1-exampled', project: name.replace(/-dev$/, ''), environment, pinAudience: false },
      ]);
      expect(role.suppressions?.map((s) => s.rule)).toEqual(['TRUST002']);
    }
    expect(importedRole('legacy', 'trust002-no-audience')?.trust).toEqual([
      { type: 'kubernetes-service-account', issuer: 'eks-eu-west-1-exampled', namespace: 'jobs', serviceAccount: 'etl', pinAudience: false },
    ]);
    const written = imported.model.accounts.find((a) => a.name === 'platform')!.roles.find((r) => r.name === 'sample-dev')!.trustPolicy.statements[0];
    expect(written.conditions?.map((c) => c.variable.split(':').pop())).toEqual(['sub']);
  });

  test('insecure trust imports as it is, with a suppression that says so', () => {
    const role = importedRole('legacy', 'trust005-whole-org')!;
    expect(role.trust).toEqual([{ type: 'web-identity', issuers: [{ issuer: 'github-actions', subjects: ['repo:octo-org/*'] }] }]);
    expect(role.suppressions).toEqual([
      {
        rule: 'TRUST005',
        reason: expect.stringMatching(/^imported as it was from .*legacy-444444444444\.json \(arn:aws:iam::444444444444:role\/trust005-whole-org\)/),
      },
    ]);
    expect(importedRole('legacy', 'trust004-bare-wildcard')?.suppressions?.map((s) => s.rule)).toContain('TRUST004');
    // The Airflow document's cross-account role trusts the account root: aws-account, TRUST014 and TRUST015 suppressed.
    expect(importedRole('data-lake', 'airflow-athena')).toMatchObject({
      trust: [{ type: 'aws-account', accountId: '111111111111' }],
      managedPolicies: ['arn:aws:iam::aws:policy/AmazonAthenaFullAccess'],
    });
    // Its callers are every principal of 111111111111, whose identity policies are outside the spec: the access proof
    // that gates synth cannot show them, so PROOF001 is accepted on the role too, saying why.
    expect(
      importedRole('data-lake', 'airflow-athena')
        ?.suppressions?.map((s) => s.rule)
        .sort(),
    ).toEqual(['PROOF001', 'TRUST014', 'TRUST015']);
    expect(importedRole('data-lake', 'airflow-athena')?.suppressions?.find((s) => s.rule === 'PROOF001')?.reason).toContain(
      'import proved this trust grants exactly the exported access',
    );
    expect(importedRole('legacy', 'trust014-account-root')?.trust).toEqual([{ type: 'aws-account', accountId: '111111111111', externalId: 'legacy-42' }]);
    expect(importedRole('legacy', 'trust015-third-party')).toMatchObject({
      trust: [{ type: 'aws-role', role: 'arn:aws:iam::999988887777:role/vendor-reader' }],
      suppressions: [{ rule: 'TRUST015' }],
    });
    // Synthesis still lists each of them, suppressed, for tightening.
    const suppressed = lintModel(imported.model).findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['TRUST004', 'TRUST005', 'TRUST006', 'TRUST015', 'TRUST016']));
  });

  test('an OIDC trust with no sub (issue 21, item 5) imports as it is: anySubject, pinAudience: false without aud, the findings suppressed and still listed', () => {
    expect(importedRole('legacy', 'trust003-no-subject')).toMatchObject({
      trust: [{ type: 'web-identity', issuers: [{ issuer: 'github-actions', anySubject: true }] }],
      suppressions: [{ rule: 'TRUST003' }],
    });
    expect(importedRole('legacy', 'trust001-no-condition')).toMatchObject({
      trust: [{ type: 'web-identity', issuers: [{ issuer: 'eks-eu-west-1-exampled', anySubject: true, pinAudience: false }] }],
      suppressions: [{ rule: 'TRUST001' }],
    });
    expect(importedRole('legacy', 'trust002-github-no-audience')).toMatchObject({
      trust: [{ type: 'web-identity', issuers: [{ issuer: 'github-actions', subjects: ['repo:octo-org/*'], pinAudience: false }] }],
    });
    expect(
      importedRole('legacy', 'trust002-github-no-audience')
        ?.suppressions?.map((s) => s.rule)
        .sort(),
    ).toEqual(['TRUST002', 'TRUST005']);
    for (const name of ['trust001-no-condition', 'trust003-no-subject', 'trust002-github-no-audience']) {
      expect(imported.imported.find((r) => r.role === name)?.proof).toMatchObject({ equal: true, differences: [] });
    }
    const suppressed = lintModel(imported.model).findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['TRUST001', 'TRUST002', 'TRUST003']));
  });

  test.each([
    ['legacy', 'trust007-wildcard-in-equals', /TRUST007/],
    ['legacy', 'trust009-set-operator', /ForAnyValue:StringEquals/],
    ['legacy', 'trust010-negated', /StringNotEquals/],
    ['legacy', 'trust011-key-prefix', /OTHERCLUSTER:sub cannot be expressed/],
    ['legacy', 'trust012-wrong-action', /sts:AssumeRoleWithWebIdentity/],
    ['legacy', 'trust013-open-principal', /TRUST013/],
    ['legacy', 'condition-deny', /a Deny statement/],
  ])('%s/%s is not imported, and the reason says why', (account, name, reason) => {
    const ids = { platform: '111111111111', 'data-lake': '222222222222', legacy: '444444444444' } as Record<string, string>;
    expect(importedRole(account, name)).toBeUndefined();
    expect(skippedReason(`arn:aws:iam::${ids[account]}:role/${name}`)).toMatch(reason);
  });

  test('GIVEN a trust whose subject holds "${namespace}" THEN it is imported as typed: the renderer escapes it, so IAM gets the subject it has today', () => {
    expect(importedRole('legacy', 'trust018-interpolation')?.trust).toEqual([
      { type: 'web-identity', issuers: [{ issuer: 'eks-eu-west-1-exampled', subjects: ['system:serviceaccount:${namespace}:etl'] }] },
    ]);
  });

  test('every exported role is either imported or listed: none is dropped in silence', () => {
    const all = exp.accounts.flatMap((a) => a.roles.map((r) => r.arn)).sort();
    expect([...imported.imported.map((r) => r.arn), ...imported.skipped.map((s) => s.arn), ...imported.awsManaged.map((s) => s.arn)].sort()).toEqual(all);
  });

  test('every imported role comes with its proof: equal decisions on every identity of either document', () => {
    for (const r of imported.imported) {
      expect([r.arn, r.proof.equal, r.proof.differences]).toEqual([r.arn, true, []]);
      // A service trust without conditions has the fewest identities: the service, another service, an AWS role, and each action.
      expect(r.proof.checked).toBeGreaterThanOrEqual(4);
    }
  });

  test('the proof catches a synthesized policy that grants more or less', () => {
    const host = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
    const trust = (sub: string, op = 'StringEquals') => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${host}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            [op]: { [`${host}:sub`]: sub },
            StringEquals: op === 'StringEquals' ? { [`${host}:sub`]: sub, [`${host}:aud`]: 'sts.amazonaws.com' } : { [`${host}:aud`]: 'sts.amazonaws.com' },
          },
        },
      ],
    });
    const arn = 'arn:aws:iam::111111111111:role/r';
    expect(proveEquivalent(trust('system:serviceaccount:a:b'), trust('system:serviceaccount:a:b'), arn).equal).toBe(true);
    const wider = proveEquivalent(trust('system:serviceaccount:a:b'), trust('system:serviceaccount:a:*', 'StringLike'), arn);
    expect(wider.equal).toBe(false);
    expect(wider.differences[0]).toMatchObject({ left: 'deny', right: 'allow' });
    // StringEquals with a `*` is literal: the same text under StringLike is a pattern and lets more in.
    expect(proveEquivalent(trust('system:serviceaccount:a:*'), trust('system:serviceaccount:a:*', 'StringLike'), arn).equal).toBe(false);
  });

  test('the YAML it writes loads, resolves and lints without a blocking finding', async () => {
    const dir = tempDir('xacct-import-');
    const { out, io: cli } = io(dir);
    expect(
      await importVerb.run(['--iam-export', ...FILES, ...NAMES.flatMap((n) => ['--account', n]), '--region', 'eu-west-1', '--out', 'spec.yaml'], cli),
    ).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^38 roles imported into spec\.yaml; 13 not imported; 2 AWS-managed, not adopted\./m);
    const text = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect(text).toMatch(/^# Imported by `cross-account-iam import`/);
    expect(text).toContain('# - arn:aws:iam::444444444444:role/condition-deny');
    const report = lintModel(resolveModel(parseSpecYaml(text, 'spec.yaml')));
    expect(report.findings.filter((f) => f.level === 'error' && !f.suppressed)).toEqual([]);
    expect(
      parse(text)
        .accounts.flatMap((a: any) => a.roles)
        .every((r: any) => r.adopt === true),
    ).toBe(true);
  });
});

// Both stack engines on the imported spec, import blocks included: engine-parity.test.ts (which loads cdktf for every case).

describe('bad input: a clear error naming the file and the role, and nothing written', () => {
  async function refused(files: Record<string, string>, extra: string[] = []) {
    const dir = tempDir('xacct-bad-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const results = [];
    for (const verb of [importVerb, auditVerb]) {
      const { out, io: cli } = io(dir);
      const args = ['--iam-export', ...Object.keys(files), ...extra, '--out', verb === importVerb ? 'spec.yaml' : 'report'];
      results.push({ code: await verb.run(args, cli), stderr: out.stderr, stdout: out.stdout });
      expect(existsSync(join(dir, verb === importVerb ? 'spec.yaml' : 'report'))).toBe(false);
    }
    for (const r of results) expect(r.code).toBe(2);
    expect(results[0].stderr).toBe(results[1].stderr);
    expect(results[0].stdout).toBe('');
    return results[0].stderr;
  }
  const role = (name: string, trust: unknown, account = '111111111111') => ({
    RoleName: name,
    Path: '/',
    Arn: `arn:aws:iam::${account}:role/${name}`,
    AssumeRolePolicyDocument: trust,
    RolePolicyList: [],
    AttachedManagedPolicies: [],
  });
  const ok = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

  test('a malformed export', async () => {
    const stderr = await refused({ 'broken.json': '{"RoleDetailList": [' });
    expect(stderr).toMatch(
      /^1 problem in the IAM export; nothing was written\.\nbroken\.json: not JSON \(.+\)\n    fix: write the export with `--output json`/,
    );
  });

  test('a file that is JSON but not an IAM export', async () => {
    expect(await refused({ 'other.json': '{"Users": []}' })).toContain('other.json: not an IAM export');
  });

  test('a role whose document does not parse', async () => {
    const stderr = await refused({ 'a.json': JSON.stringify({ RoleDetailList: [role('good', ok), role('bad-doc', '%7B%22Version%22%3A%20')] }) });
    expect(stderr).toContain('a.json: role bad-doc: AssumeRolePolicyDocument does not parse as a policy document');
    expect(stderr).not.toContain('role good');
  });

  test('an export of an account that is not in --account', async () => {
    const stderr = await refused({ 'a.json': JSON.stringify({ RoleDetailList: [role('web', ok, '555555555555')] }) }, ['--account', 'platform=111111111111']);
    expect(stderr).toContain('a.json: role web: the export is of account 555555555555, which no --account names (named: platform=111111111111)');
    expect(stderr).toContain('fix: add --account <name>=555555555555');
  });

  test('one --account name given to two account ids', async () => {
    const files = {
      'a.json': JSON.stringify({ RoleDetailList: [role('web', ok)] }),
      'b.json': JSON.stringify({ RoleDetailList: [role('db', ok, '222222222222')] }),
    };
    const stderr = await refused(files, ['--account', 'platform=111111111111', '--account', 'platform=222222222222']);
    expect(stderr).toMatch(
      /^1 problem in the IAM export; nothing was written\.\n--account: the name "platform" is given to two accounts, 111111111111 and 222222222222; the spec needs one name per account\n    fix: give each account its own name, e\.g\. --account platform=111111111111 --account platform-2=222222222222\n/,
    );
  });

  test('one account id given two --account names', async () => {
    const stderr = await refused({ 'a.json': JSON.stringify({ RoleDetailList: [role('web', ok)] }) }, [
      '--account',
      'platform=111111111111',
      '--account',
      'shared=111111111111',
    ]);
    expect(stderr).toContain('--account: account 111111111111 is named twice, "platform" and "shared"\n    fix: keep one --account NAME=111111111111');
  });

  test('the same --account NAME=ID twice says one thing, and is accepted', async () => {
    const dir = tempDir('xacct-repeat-');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ RoleDetailList: [role('web', ok)] }));
    const { out, io: cli } = io(dir);
    expect(
      await importVerb.run(['--iam-export', 'a.json', '--account', 'platform=111111111111', '--account', 'platform=111111111111', '--out', 'spec.yaml'], cli),
    ).toBe(0);
    expect(out.stderr).toMatch(/^1 roles imported into spec\.yaml/m);
    expect(parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')).accounts.map((a: any) => a.name)).toEqual(['platform']);
  });

  test('only provider listings, no role export', async () => {
    expect(await refused({ 'p.json': JSON.stringify({ OpenIDConnectProviderList: [] }) })).toContain('p.json: none of the files is an export of roles');
  });

  test('one file with roles of two accounts', async () => {
    expect(await refused({ 'a.json': JSON.stringify({ RoleDetailList: [role('x', ok), role('y', ok, '222222222222')] }) })).toContain(
      'a.json: role y: the role is in account 222222222222',
    );
  });

  test('usage errors exit 2', async () => {
    const { out, io: cli } = io();
    expect(await importVerb.run([], cli)).toBe(2);
    expect(out.stderr).toMatch(/^import: no export given/);
    expect(await auditVerb.run(['--iam-export', 'x.json', '--frobnicate'], cli)).toBe(2);
    expect(await importVerb.run(['--iam-export', 'x.json', '--account', 'not-an-id'], cli)).toBe(2);
  });
});
