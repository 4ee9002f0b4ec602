/** The pack on whole specs: the default example, suppressions, auto-fix, and where findings point. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSpecError, SpecError, type Problem } from '../src/errors';
import { defaultSpec, DEFAULT_SPEC_NAME } from '../src/examples/default-spec';
import { formatFinding, isBlocking, lintModel, RULES } from '../src/lint';
import { exactMatchOperators } from '../src/model/exact-match';
import { resolveModel } from '../src/model/resolve';
import { toIamPolicy } from '../src/policy/document';
import { parseSpecYaml, validateSpec } from '../src/input/load';
import { lint, blockingProblems, specWith, type AnySpec } from './helpers/spec';

const DEFAULT_YAML = join(__dirname, '..', 'examples', 'default', 'spec.yaml');
const summary = (fs: readonly { ruleId: string; level: string; path: string }[]) => fs.map((f) => [f.ruleId, f.level, f.path]);
const thirdPartyTrust = { type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor' };

describe('the default example', () => {
  it('lints with no errors, and with exactly these warnings', () => {
    const { findings } = lint(defaultSpec, DEFAULT_SPEC_NAME);
    expect(findings.filter(isBlocking)).toEqual([]);
    expect(summary(findings)).toEqual([
      // sample-all asks for every environment: allowed, and a warning.
      ['TRUST006', 'warning', 'accounts[0].roles[1].trust[0]'],
      // dataflow-s3-reader pins accounts.google.com:aud only, as the scenario does.
      ['TRUST003', 'warning', 'accounts[1].roles[2].trust[0]'],
      // airflow-emr and airflow-athena trust the airflow role of shared-services, a specific role of a spec
      // account: no TRUST015 (issue 11: external ids are for third parties; the grant is written on the caller's side).
    ]);
    expect(findings.filter((f) => f.ruleId === 'TRUST015')).toEqual([]);
  });

  it('is the same spec in YAML, and its findings point at lines of the file', () => {
    const yaml = parseSpecYaml(readFileSync(DEFAULT_YAML, 'utf8'), 'examples/default/spec.yaml');
    expect(yaml.spec).toEqual(validateSpec(defaultSpec).spec);
    const findings = lintModel(resolveModel(yaml), { locate: yaml.locate }).findings;
    const sampleAll = findings.find((f) => f.ruleId === 'TRUST006')!;
    const line = readFileSync(DEFAULT_YAML, 'utf8').split('\n')[Number(sampleAll.file.split(':')[1]) - 1];
    expect(line).toContain('allEnvironments: true');
  });

  it('formats a warning with level, rule id, file, field path, message and fix', () => {
    const f = lint(defaultSpec, DEFAULT_SPEC_NAME).findings.find((x) => x.ruleId === 'TRUST006')!;
    expect(formatFinding(f)).toBe(
      `warning [TRUST006] ${DEFAULT_SPEC_NAME}: accounts[0].roles[1].trust[0]: trust policy Statement[0].Condition.StringLike: subject "system:serviceaccount:*:sample-????????-????-????-????-????????????" on "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E:sub" lets every environment assume the role, as asked for with allEnvironments: true\n` +
        '    fix: name one environment unless jobs of every environment really need this role',
    );
  });
});

describe('findings in the model', () => {
  it('reports every error at once, each with file, field path, rule id and fix', () => {
    const problems = blockingProblems(
      specWith((s) => {
        s.accounts[0].roles[0].trust.push({ type: 'web-identity', issuers: [{ issuer: 'eks', subjects: ['*'] }] });
        s.accounts[0].roles.push({ name: 'vendor', trust: [thirdPartyTrust] });
      }),
    );
    expect(problems).toEqual([
      {
        file: 'spec.yaml',
        // Two entries (the service account's and the web-identity's) trust the same provider: the finding is on the entry whose subject "*" the statement tests.
        path: 'accounts[0].roles[0].trust[1]',
        ruleId: 'TRUST004',
        level: 'error',
        message:
          'trust policy Statement[1].Condition.StringLike: subject "*" on "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789:sub" is a bare wildcard: it matches every token the issuer signs',
        fix: 'name the one subject: system:serviceaccount:<namespace>:<service-account>, or repo:<org>/<repo>:environment:<name>',
      },
      {
        file: 'spec.yaml',
        path: 'accounts[0].roles[1].trust[0]',
        ruleId: 'TRUST015',
        level: 'error',
        message:
          'trust policy Statement[0]: cross-account sts:AssumeRole from third-party account 999999999999 ("arn:aws:iam::999999999999:role/vendor") requires neither sts:ExternalId nor MFA: nothing guards against the confused deputy',
        fix: 'add externalId to the trust entry that names the account (aws-role or aws-account; emitted as StringEquals sts:ExternalId), or require MFA with Bool aws:MultiFactorAuthPresent = true',
      },
    ]);
  });

  it('points identity-policy findings at the inline policy', () => {
    const { findings } = lint(
      specWith((s) => {
        s.accounts[0].roles[0].inlinePolicies = [
          { name: 'home', statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/&{aws:username}/*'] }] },
        ];
      }),
    );
    expect(findings.filter((f) => f.ruleId === 'TRUST018').map((f) => [f.path, f.level, f.message])).toEqual([
      [
        'accounts[0].roles[0].inlinePolicies[0]',
        'warning',
        'inline policy "home" Statement[0].Resource: "arn:aws:s3:::b/&{aws:username}/*" has "&{": the AWS provider\'s policy document writes it as "${", so IAM gets "arn:aws:s3:::b/${aws:username}/*"',
      ],
    ]);
  });

  it('emits externalId as StringEquals sts:ExternalId, which satisfies TRUST015 for a third party', () => {
    const spec = specWith((s) => s.accounts[0].roles.push({ name: 'vendor', trust: [{ ...thirdPartyTrust, externalId: 'shared-secret-123' }] }));
    const { findings } = lint(spec);
    expect(findings.filter((f) => f.ruleId === 'TRUST015')).toEqual([]);
    const vendor = resolveModel(validateSpec(spec)).accounts[0].roles[1];
    expect(toIamPolicy(vendor.trustPolicy).Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'shared-secret-123' } });
  });

  it('points a trust statement merged from several entries at the trust list', () => {
    const spec = specWith((s) => {
      s.accounts[0].roles[0].trust = [
        { type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'a' },
        { type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'b' },
      ];
      s.accounts[0].roles.push({ name: 'x', trust: [thirdPartyTrust, { type: 'aws-role', role: 'arn:aws:iam::888888888888:role/other' }] });
    });
    // Two third-party roles share one statement: the finding names the trust list, not one entry.
    expect(summary(lint(spec).findings)).toEqual([
      ['TRUST015', 'error', 'accounts[0].roles[1].trust'],
      ['TRUST015', 'error', 'accounts[0].roles[1].trust'],
    ]);
  });
});

describe('auto-fix (TRUST008): the resolver chooses StringEquals, the pack only says so', () => {
  it('GIVEN a trust the resolver rewrote WHEN the pack runs THEN an info finding says it was fixed, and the model is untouched', () => {
    // GIVEN a trust a builder wrote with StringLike on an exact value (a later preset could write this), as the resolver hands it on
    const model = resolveModel(
      validateSpec(
        specWith(() => undefined),
        'spec.yaml',
      ),
    );
    const role = model.accounts[0].roles[0];
    const written = {
      statements: role.trustPolicy.statements.map((s) => ({
        ...s,
        conditions: s.conditions!.map((c) => (c.variable.endsWith(':sub') ? { ...c, test: 'StringLike' } : c)),
      })),
    };
    const trustPolicy = exactMatchOperators(written);
    expect(trustPolicy.statements[0].conditions!.map((c) => c.test)).toEqual(['StringEquals', 'StringEquals']);
    const input = { ...model, accounts: [{ ...model.accounts[0], roles: [{ ...role, trustPolicy }] }] };
    const before = structuredClone(input);
    // WHEN the pack runs
    const report = lintModel(input);
    // THEN it changed nothing, and an info finding names the StringLike as written and says it was fixed
    expect(input).toEqual(before);
    expect(report.findings).toEqual([
      {
        ruleId: 'TRUST008',
        level: 'info',
        file: 'spec.yaml',
        path: 'accounts[0].roles[0].trust[0]',
        message:
          'trust policy Statement[0].Condition.StringLike: StringLike on "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789:sub" has no wildcard in "system:serviceaccount:ns:sa": it is an exact match, so StringEquals applies (auto-fixed: the generated document uses StringEquals)',
        fix: 'write StringEquals (the generator does this for the documents it writes)',
        autoFixed: true,
      },
    ]);
  });

  const withExtraCondition = (suppressions: unknown[]) =>
    specWith((s) => {
      s.accounts[0].roles[0].trust[0].conditions = [{ test: 'StringLike', key: 'aws:PrincipalTag/team', values: ['payments'] }];
      s.accounts[0].roles[0].suppressions = suppressions;
    });

  it('GIVEN a spec whose extra condition is an exact-match StringLike WHEN linted THEN the finding is auto-fixed, at the entry', () => {
    const { findings } = lint(withExtraCondition([]));
    expect(findings.map((f) => [f.ruleId, f.level, f.path, f.autoFixed])).toEqual([['TRUST008', 'info', 'accounts[0].roles[0].trust[0]', true]]);
    expect(findings[0].message).toMatch(
      /^trust policy Statement\[0\]\.Condition\.StringLike: StringLike on "aws:PrincipalTag\/team" .* \(auto-fixed: the generated document uses StringEquals\)$/,
    );
  });

  it('GIVEN the role suppresses TRUST008 WHEN linted THEN the document kept its StringLike, and the finding is suppressed, not auto-fixed', () => {
    const { findings } = lint(withExtraCondition([{ rule: 'TRUST008', reason: 'imported as it was' }]));
    expect(findings.map((f) => [f.ruleId, f.autoFixed, f.suppressed?.path])).toEqual([['TRUST008', undefined, 'accounts[0].roles[0].suppressions[0]']]);
    expect(findings[0].message).not.toMatch(/auto-fixed/);
  });
});

describe('suppressions', () => {
  const withVendor = (suppressions: unknown[], where: 'role' | 'account' = 'role') =>
    specWith((s) => {
      s.accounts[0].roles.push({ name: 'vendor', trust: [thirdPartyTrust], ...(where === 'role' ? { suppressions } : {}) });
      if (where === 'account') s.accounts[0].suppressions = suppressions;
    });
  const reason = 'the vendor cannot send an ExternalId; access is read-only';

  it('accepts an error with a written reason at role level, and still shows it, marked suppressed', () => {
    const { findings } = lint(withVendor([{ rule: 'TRUST015', reason }]));
    expect(findings.filter(isBlocking)).toEqual([]);
    const f = findings.find((x) => x.ruleId === 'TRUST015')!;
    expect(f.level).toBe('error');
    expect(f.suppressed).toEqual({ reason, path: 'accounts[0].roles[1].suppressions[0]' });
    expect(formatFinding(f)).toMatch(
      /^error \[TRUST015\] \(suppressed at accounts\[0\]\.roles\[1\]\.suppressions\[0\]: the vendor cannot send an ExternalId; access is read-only\) spec\.yaml: accounts\[0\]\.roles\[1\]\.trust\[0\]: /,
    );
  });

  it('accepts a finding at account level for every role of the account', () => {
    const { findings } = lint(withVendor([{ rule: 'TRUST015', reason }], 'account'));
    expect(findings.find((x) => x.ruleId === 'TRUST015')!.suppressed).toEqual({ reason, path: 'accounts[0].suppressions[0]' });
    expect(findings.filter(isBlocking)).toEqual([]);
  });

  it('does not suppress without a reason', () => {
    expect(blockingProblems(withVendor([{ rule: 'TRUST015' }])).map((p) => [p.path, p.message, p.fix])).toEqual([
      [
        'accounts[0].roles[1].suppressions[0].reason',
        'a suppression needs a written reason',
        'say why the finding is acceptable here, e.g. reason: "vendor role; the vendor cannot send an ExternalId"',
      ],
    ]);
    expect(blockingProblems(withVendor([{ rule: 'TRUST015', reason: '   ok     ' }])).map((p) => [p.path, p.message])).toEqual([
      ['accounts[0].roles[1].suppressions[0].reason', 'a suppression reason has at least 10 characters'],
    ]);
    expect(blockingProblems(withVendor([{ reason }])).map((p) => [p.path, p.message])).toEqual([
      ['accounts[0].roles[1].suppressions[0].rule', 'a suppression names the rule it accepts'],
    ]);
  });

  it('refuses a suppression of an unknown rule (LINT001)', () => {
    const problems = blockingProblems(
      withVendor([
        { rule: 'TRUST015', reason },
        { rule: 'TRUST099', reason },
      ]),
    );
    expect(problems.map((p) => [p.ruleId, p.path, p.message])).toEqual([
      ['LINT001', 'accounts[0].roles[1].suppressions[1].rule', 'the rule pack has no rule TRUST099'],
    ]);
  });

  it('refuses a suppression of an IAM limit (LINT002)', () => {
    const spec = withVendor([{ rule: 'TRUST015', reason }]);
    spec.accounts[0].roles[1].suppressions.push({ rule: 'IAM004', reason });
    expect(blockingProblems(spec).map((p) => [p.ruleId, p.path, p.message])).toEqual([
      ['LINT002', 'accounts[0].roles[1].suppressions[1].rule', 'IAM004 cannot be suppressed: AWS or Terraform would reject the output anyway'],
    ]);
  });

  it('GIVEN "${" in a description THEN TRUST018 is an info finding: nothing blocks the synth, and it can be suppressed', () => {
    const spec = withVendor([{ rule: 'TRUST015', reason }]);
    spec.accounts[0].roles[1].description = 'by ${user}';
    expect(blockingProblems(spec)).toEqual([]);
    expect(
      lint(spec)
        .findings.filter((f) => f.ruleId === 'TRUST018')
        .map((f) => [f.level, f.path, f.message]),
    ).toEqual([['info', 'accounts[0].roles[1].description', '"by ${user}" has "${": written escaped, so Terraform passes it to AWS as typed']]);
    spec.accounts[0].roles[1].suppressions.push({ rule: 'TRUST018', reason });
    expect(
      lint(spec)
        .findings.filter((f) => f.ruleId === 'TRUST018')
        .map((f) => f.suppressed?.reason),
    ).toEqual([reason]);
  });

  it('warns about a suppression that matches nothing (LINT003)', () => {
    const { findings } = lint(specWith((s: AnySpec) => (s.accounts[0].roles[0].suppressions = [{ rule: 'TRUST005', reason }])));
    expect(findings.map((f) => [f.ruleId, f.level, f.path, f.message])).toEqual([
      ['LINT003', 'warning', 'accounts[0].roles[0].suppressions[0].rule', 'the suppression of TRUST005 matches no finding'],
    ]);
  });
});

describe('the pack', () => {
  it('imports no cdktf, no provider and no parser (it runs before any App exists)', () => {
    const dir = join(__dirname, '..', 'src', 'lint');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/^import (type )?[^;]*? from '([^']+)';$/gms)].filter((m) => !m[1]).map((m) => m[2]);
      expect(imports.filter((i) => /cdktf|constructs|^yaml$|^zod$/.test(i))).toEqual([]);
    }
  });

  it('has unique rule ids, one rule per issue item TRUST001-TRUST021, the lint-checked limits, and the spec-wide and workload checks', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      ...Array.from({ length: 21 }, (_, i) => `TRUST${String(i + 1).padStart(3, '0')}`),
      'TRUST023',
      'TRUST024',
      'TRUST026',
      'TRUST027',
      'TRUST028',
      'IAM004',
      'IAM005',
      'IAM010',
      'ORG001',
      'ORG002',
      'SPEC001',
      'SPEC002',
      'WORK001',
      'WORK002',
      'WORK003',
      'WORK004',
    ]);
  });

  it('GIVEN a blocking finding WHEN a SpecError carries it THEN it is the Problem as it is, printed with its rule', () => {
    const spec = specWith((s) => s.accounts[0].roles.push({ name: 'vendor', trust: [thirdPartyTrust] }));
    const f = lint(spec).findings.find(isBlocking)!;
    const problem: Problem = f;
    const error = new SpecError([problem]);
    expect(error.problems[0]).toBe(f);
    expect(error.message).toContain(`${f.file}: ${f.path} [TRUST015]: ${f.message}\n    fix: ${f.fix}`);
    try {
      blockingProblems(spec);
      validateSpec({ accounts: [] });
      throw new Error('expected a SpecError');
    } catch (e) {
      expect(isSpecError(e)).toBe(true);
    }
  });
});
