/**
 * `audit --iam-export … --spec spec.yaml`: per risky exported trust, whether
 * the spec's organization guardrails would fence it (the request that makes
 * it risky, on the exported trust alone and with the RCPs) and what remains.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/synth';

const PROJECT = join(__dirname, '..');
const EXPORTS = readdirSync(join(PROJECT, 'examples', 'brownfield'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(PROJECT, 'examples', 'brownfield', f));
const PRESETS = join(PROJECT, 'examples', 'presets', 'spec.yaml');

interface Verdict {
  role: string;
  risk: string;
  exposed: boolean;
  fenced: boolean;
  by?: string;
  remains: string;
}
const verdictsOf = async (spec: string): Promise<Verdict[]> => {
  const r = await cli(PROJECT, ['audit', '--iam-export', ...EXPORTS, '--spec', spec, '--json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { guardrails: { verdicts: Verdict[] } }).guardrails.verdicts;
};

describe('GIVEN the brownfield exports and the presets spec (an organization with its guardrails)', () => {
  let verdicts: Verdict[];
  beforeAll(async () => {
    verdicts = await verdictsOf(PRESETS);
  });
  const of = (role: string) => verdicts.filter((v) => v.role.endsWith(`:role/${role}`));

  test('WHEN a role trusts GitHub with no sub THEN a token of another owner is fenced by the tenant fence, and the spec\u2019s owner remains', () => {
    const [v] = of('trust003-no-subject');
    expect(v).toMatchObject({
      exposed: true,
      fenced: true,
      by: expect.stringMatching(/EnforceTrustedOidcTenants\d+/),
      remains: expect.stringMatching(/repo:octo-org\/\*/),
    });
  });

  test('WHEN a role trusts an issuer the spec does not trust THEN every token is fenced by the providers fence, and nothing remains', () => {
    const [v] = of('trust001-no-condition');
    expect(v).toMatchObject({
      exposed: true,
      fenced: true,
      by: expect.stringMatching(/EnforceTrustedOidcProviders/),
      remains: expect.stringMatching(/^nothing/),
    });
  });

  test('WHEN a role trusts AWS * THEN an undeclared outsider is fenced by the identity perimeter, and the organization remains', () => {
    const [v] = of('trust013-open-principal');
    expect(v).toMatchObject({
      risk: 'any AWS principal',
      exposed: true,
      fenced: true,
      by: expect.stringMatching(/EnforceOrgIdentities/),
      remains: expect.stringMatching(/principals of o-a1b2c3d4e5/),
    });
  });

  test('WHEN a role trusts a service with no source condition THEN the service acting for an outside account is fenced by the confused-deputy check', () => {
    const [v] = of('ci-deployer');
    expect(v).toMatchObject({ exposed: true, fenced: true, by: expect.stringMatching(/EnforceConfusedDeputyProtection/) });
  });

  test('WHEN the markdown report is printed THEN it has the guardrails section with one row per risky trust', async () => {
    const r = await cli(PROJECT, ['audit', '--iam-export', ...EXPORTS, '--spec', PRESETS]);
    expect(r.stdout).toMatch(/## Guardrails of the spec/);
    const section = r.stdout.slice(r.stdout.indexOf('## Guardrails of the spec'));
    expect(section.split('\n').filter((l) => /^\| `arn:aws:iam::\d{12}:role\//.test(l))).toHaveLength(verdicts.length);
  });
});

describe('GIVEN a spec that declares the exports\u2019 third party with an external id', () => {
  test('WHEN its trust without an external id is audited THEN the external-id fence denies the request, and the remains name the id', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      [
        'accounts:',
        '  - name: apps',
        '    id: "444444444444"',
        '    region: eu-west-1',
        '    roles:',
        '      - name: vendor',
        '        trust:',
        '          - { type: aws-role, role: "arn:aws:iam::999988887777:role/vendor-reader", externalId: vendor-7f3c2b }',
        '  - name: mgmt',
        '    id: "999999999999"',
        '    region: us-east-1',
        'organization: { id: o-a1b2c3d4e5, managementAccount: mgmt, attachTo: [r-ab12] }',
        '',
      ].join('\n'),
    );
    const [v] = (await verdictsOf(spec)).filter((x) => x.role.endsWith(':role/trust015-third-party'));
    expect(v).toMatchObject({
      fenced: true,
      by: expect.stringMatching(/EnforceThirdPartyExternalId1/),
      remains: expect.stringMatching(/third party the spec declares: only with its external id \(vendor-7f3c2b\)/),
    });
  });

  test('WHEN the spec has no organization THEN audit refuses --spec with the fix (exit 2)', async () => {
    const r = await cli(PROJECT, ['audit', '--iam-export', ...EXPORTS, '--spec', join(PROJECT, 'examples', 'default', 'spec.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no organization block[\s\S]*fix: add organization/);
    expect(r.stdout).toBe('');
  });
});
