/**
 * Class 1 of issue 26: a statement never carries two condition blocks with
 * the same operator and key. The AWS provider merges such blocks into one
 * list, which IAM reads as OR, so an extra condition meant to narrow a pinned
 * key would widen it. A repeat with the same values folds into one block; a
 * repeat with other values is refused at its field, and nothing is written.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import { describeAccount } from '../src/description/account';
import { resolveModel } from '../src/model/resolve';
import { toIamPolicy } from '../src/policy/document';
import { exactConditions, exactStatement } from '../src/policy/exact-conditions';
import { parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { onlyProblem, synthRefusal } from './helpers/spec';
import { tempDir } from './helpers/synth';

const GITHUB_HOST = 'token.actions.githubusercontent.com';

/** One account with an EKS and a GitHub issuer and one role `job` whose single trust entry is `trust` (a YAML flow mapping). */
const specYaml = (trust: string, role = '') => `version: 1
issuers:
  cluster:
    url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
  github:
    url: https://${GITHUB_HOST}
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    oidcProviders: { cluster: existing, github: existing }
    roles:
      - name: job
${role}        trust:
          - ${trust}
`;

/** The line of `text` (1-based) holding `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The trust policy's statements as the stack JSON renders them. */
function renderedTrust(text: string): { condition?: { test: string; variable: string; values: string[] }[] }[] {
  const account = resolveModel(parseSpecYaml(text, 'spec.yaml')).accounts[0];
  const role = account.roles[0];
  const doc = describeAccount(account).elements.find((e) => e.type === 'aws_iam_policy_document' && e.id === role.trustTfId)!;
  return doc.body.statement as never;
}

const WIDENING = [
  {
    name: 'aws-organization plus another aws:PrincipalOrgID',
    trust: '{ type: aws-organization, organizationId: o-a1b2c3d4e5, conditions: [{ test: StringEquals, key: aws:PrincipalOrgID, values: [o-zzzzzzzzzz] }] }',
    field: 'conditions[0]',
    message:
      /extra condition StringEquals aws:PrincipalOrgID = \[o-zzzzzzzzzz\] repeats the StringEquals condition this trust entry already writes on aws:PrincipalOrgID \(= \[o-a1b2c3d4e5\]\).*IAM reads as OR/,
    fix: /remove conditions\[0\]/,
  },
  {
    name: 'aws-role with externalId plus another sts:ExternalId',
    trust:
      '{ type: aws-role, role: "arn:aws:iam::999000000001:role/vendor", externalId: x-1, conditions: [{ test: StringEquals, key: sts:ExternalId, values: [x-2] }] }',
    field: 'conditions[0]',
    message: /sts:ExternalId = \[x-2\] repeats .*\(= \[x-1\]\)/,
    fix: /remove conditions\[0\]/,
  },
  {
    name: 'github-actions with idsIn: claims plus another repository_id',
    trust: `{ type: github-actions, issuer: github, repository: octo/app, branches: [main], ownerId: "1", repositoryId: "2", idsIn: claims, conditions: [{ test: StringEquals, claim: repository_id, values: ["3"] }] }`,
    field: 'conditions[0]',
    message: new RegExp(`${GITHUB_HOST}:repository_id = \\[3\\] repeats .*\\(= \\[2\\]\\)`),
    fix: /remove conditions\[0\]/,
  },
  {
    name: 'two extra aws:SourceAccount conditions',
    trust:
      '{ type: aws-service, service: ec2.amazonaws.com, conditions: [{ test: StringEquals, key: aws:SourceAccount, values: ["111111111111"] }, { test: StringEquals, key: aws:SourceAccount, values: ["222222222222"] }] }',
    field: 'conditions[1]',
    message: /aws:SourceAccount = \[222222222222\] repeats conditions\[0\] \(= \[111111111111\]\) with other values/,
    fix: /write one condition on aws:SourceAccount listing every value to accept/,
  },
];

describe('GIVEN an extra condition on an operator and key the trust entry already tests, with other values', () => {
  it.each(WIDENING)(
    'WHEN $name is synthesized THEN it is refused at the condition, with line and fix, and nothing is written',
    ({ trust, field, message, fix }) => {
      const text = specYaml(trust);
      const p = onlyProblem(synthRefusal(text));
      expect(p.file).toBe(`spec.yaml:${lineOf(text, '- { type:')}`);
      expect(p.path).toBe(`accounts[0].roles[0].trust[0].${field}`);
      expect(p.message).toMatch(message);
      expect(p.fix).toMatch(fix);
    },
  );

  it('WHEN the CLI synthesizes it THEN it exits 2, names the file, line and field on stderr, and writes nothing', async () => {
    const dir = tempDir('xacct-exact-');
    writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
    const text = specYaml(WIDENING[0].trust);
    writeFileSync(join(dir, 'spec.yaml'), text);
    let stdout = '';
    let stderr = '';
    const io: CliIO = { cwd: dir, env: { PATH: process.env.PATH }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
    const code = await runCli(['synth'], io);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `spec.yaml:${lineOf(text, '- { type:')}: accounts[0].roles[0].trust[0].conditions[0]: extra condition StringEquals aws:PrincipalOrgID`,
    );
    expect(stdout).not.toContain('synth summary');
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'spec.yaml']);
  });
});

describe('GIVEN an extra condition that repeats a pinned one with the same values', () => {
  it('WHEN synthesized THEN the two fold into one block (AND of a thing with itself) and the synth writes its stacks', () => {
    const text = specYaml(
      '{ type: aws-organization, organizationId: o-a1b2c3d4e5, conditions: [{ test: StringEquals, key: aws:PrincipalOrgID, values: [o-a1b2c3d4e5] }] }',
    );
    const [statement] = renderedTrust(text);
    expect(statement.condition).toEqual([{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }]);
    const dir = tempDir('xacct-exact-');
    synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'platform', 'cdk.tf.json'))).toBe(true);
  });

  it('WHEN another operator tests the same key THEN both blocks stay: IAM ANDs different operators', () => {
    const text = specYaml(
      '{ type: aws-organization, organizationId: o-a1b2c3d4e5, conditions: [{ test: StringLike, key: aws:PrincipalOrgID, values: ["o-a1b2*"] }] }',
    );
    const [statement] = renderedTrust(text);
    expect(statement.condition?.map((c) => c.test)).toEqual(['StringEquals', 'StringLike']);
  });
});

describe('GIVEN a policy statement the spec writes', () => {
  const policyRole = (conditions: string) => `        inlinePolicies:
          - name: read
            statements:
              - actions: [s3:GetObject]
                resources: ["*"]
                conditions: ${conditions}
`;

  it('WHEN two of its conditions test one key with one operator and other values THEN the synth is refused at the second', () => {
    const text = specYaml(
      '{ type: kubernetes-service-account, issuer: cluster, namespace: ns, serviceAccount: sa }',
      policyRole('[{ test: StringEquals, variable: aws:SourceVpc, values: [vpc-1] }, { test: StringEquals, variable: "AWS:sourcevpc", values: [vpc-2] }]'),
    );
    const p = onlyProblem(synthRefusal(text));
    expect(p.path).toBe('accounts[0].roles[0].inlinePolicies[0].statements[0].conditions[1]');
    expect(p.file).toMatch(/^spec\.yaml:\d+$/);
    expect(p.message).toMatch(/condition StringEquals AWS:sourcevpc = \[vpc-2\] repeats conditions\[0\] \(= \[vpc-1\]\).*OR/);
    expect(p.fix).toMatch(/listing every value to accept/);
  });
});

describe('GIVEN a customer-managed policy of the account', () => {
  it('WHEN one of its statements repeats an operator and key with other values THEN the synth is refused at that condition', () => {
    const text = specYaml('{ type: kubernetes-service-account, issuer: cluster, namespace: ns, serviceAccount: sa }').replace(
      '    roles:\n',
      `    policies:
      - name: reader
        statements:
          - actions: [s3:GetObject]
            resources: ["*"]
            conditions: [{ test: StringEquals, variable: aws:SourceVpc, values: [vpc-1] }, { test: StringEquals, variable: aws:SourceVpc, values: [vpc-1] }, { test: StringEquals, variable: aws:SourceVpc, values: [vpc-2] }]
    roles:\n`,
    );
    const p = onlyProblem(synthRefusal(text));
    expect(p.path).toBe('accounts[0].policies[0].statements[0].conditions[2]');
    expect(p.message).toMatch(/repeats conditions\[0\] \(= \[vpc-1\]\)/);
  });
});

describe('exactConditions', () => {
  const c = (test: string, variable: string, ...values: string[]) => ({ test, variable, values });

  it('GIVEN repeats THEN same values fold (in any order, any key case), other values are returned, other operators are kept', () => {
    const r = exactConditions([
      c('StringEquals', 'aws:SourceAccount', '1', '2'),
      c('StringEquals', 'AWS:SOURCEACCOUNT', '2', '1'),
      c('StringLike', 'aws:SourceAccount', '1*'),
      c('StringEquals', 'aws:SourceAccount', '3'),
    ]);
    expect(r.conditions.map((x) => x.test)).toEqual(['StringEquals', 'StringLike']);
    expect(r.repeated).toEqual([{ index: 3, first: 0 }]);
  });
});

describe('GIVEN a statement with two blocks on one operator and key (what the resolver now refuses)', () => {
  const statement = {
    effect: 'Allow' as const,
    actions: ['sts:AssumeRole'],
    principals: [{ type: 'AWS' as const, identifiers: ['*'] }],
    conditions: [
      { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] },
      { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-zzzzzzzzzz'] },
    ],
  };

  it('WHEN rendered as IAM JSON for the lint pack and the proof THEN it reads as Terraform writes it: one list, an OR (never the last block alone)', () => {
    expect(toIamPolicy({ statements: [statement] }).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'] },
    });
  });

  it('WHEN the description renders it THEN it throws rather than write the OR', () => {
    expect(() => exactStatement(statement)).toThrow(/two StringEquals condition blocks on aws:PrincipalOrgID with different values/);
    expect(exactStatement({ ...statement, conditions: [statement.conditions[0], statement.conditions[0]] }).conditions).toEqual([statement.conditions[0]]);
  });
});
