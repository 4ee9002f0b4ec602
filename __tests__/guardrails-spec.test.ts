/**
 * The `organization` block: its id, management account and targets are
 * refused where they are written (file, line, field, fix), the fences default
 * to all four, and the management account is looked up by name or id.
 */
import { resolveModel } from '../src/model/resolve';
import { parseSpecYaml } from '../src/input/load';
import { GUARDRAIL_NAMES } from '../src/input/sections/organization';
import { eksRoleYaml, expectOneProblem, refusal } from './helpers/spec';

const BASE = eksRoleYaml('{ type: kubernetes-service-account, issuer: cluster, namespace: jobs, serviceAccount: runner }');
const withOrg = (org: string) => `${BASE}organization:\n${org}`;
const GOOD = '  id: o-a1b2c3d4e5\n  managementAccount: platform\n  attachTo: [ou-ab12-cdef3456]\n';
const problemsOf = (text: string) => refusal(() => resolveModel(parseSpecYaml(text, 'spec.yaml')));

describe('GIVEN an organization block', () => {
  test("WHEN it names the management account by name THEN the guardrails are that account's, with all four fences", () => {
    const model = resolveModel(parseSpecYaml(withOrg(GOOD), 'spec.yaml'));
    expect(model.organization?.managementAccount).toBe('platform');
    expect(model.organization?.guardrails).toEqual([...GUARDRAIL_NAMES]);
    expect(model.accounts[0].guardrails).toBe(model.organization);
  });

  test('WHEN it names the management account by its id THEN that account is found', () => {
    const model = resolveModel(parseSpecYaml(withOrg(GOOD.replace('platform', '"111111111111"')), 'spec.yaml'));
    expect(model.organization?.managementAccount).toBe('platform');
  });

  test('WHEN it chooses some fences THEN only those are written', () => {
    const model = resolveModel(parseSpecYaml(withOrg(`${GOOD}  guardrails: [identity-perimeter]\n`), 'spec.yaml'));
    expect(new Set(model.organization!.statements.map((s) => s.fence))).toEqual(new Set(['identity-perimeter']));
  });

  test.each<[string, string, string, RegExp, RegExp]>([
    [
      'an organization id with upper case',
      GOOD.replace('o-a1b2c3d4e5', 'o-A1B2C3D4E5'),
      'organization.id',
      /"o-" and 10 to 32 lower-case/,
      /describe-organization/,
    ],
    ['an account id as the organization id', GOOD.replace('o-a1b2c3d4e5', '"111111111111"'), 'organization.id', /"o-" and 10 to 32/, /describe-organization/],
    [
      'a target that is an account id',
      GOOD.replace('ou-ab12-cdef3456', '"111111111111"'),
      'organization.attachTo[0]',
      /not a root id .* or an OU id/,
      /list-roots.*test OU first/,
    ],
    [
      'an OU id without its second part',
      GOOD.replace('ou-ab12-cdef3456', 'ou-ab12'),
      'organization.attachTo[0]',
      /not a root id/,
      /list-organizational-units-for-parent/,
    ],
    ['no target', GOOD.replace('[ou-ab12-cdef3456]', '[]'), 'organization.attachTo', /attached nowhere/, /test OU first/],
    ['a target twice', GOOD.replace('[ou-ab12-cdef3456]', '[r-ab12, r-ab12]'), 'organization.attachTo', /listed twice/, /each root or OU once/],
    ['an unknown fence', `${GOOD}  guardrails: [scp]\n`, 'organization.guardrails[0]', /a guardrail is one of oidc-providers, oidc-tenants/, /listed names/],
    [
      'an unknown management account',
      GOOD.replace('platform', 'mgmt'),
      'organization.managementAccount',
      /"mgmt" is neither the name nor the id of a spec account/,
      /platform.*roles may be empty/,
    ],
    ['an unknown field', `${GOOD}  region: us-east-1\n`, 'organization', /unknown field "region"/, /remove the field/],
  ])('WHEN it has %s THEN one problem names the field, its line and the fix', (_, org, path, message, fix) => {
    expectOneProblem(problemsOf(withOrg(org)), path, message, fix);
  });

  test('WHEN the root is given as r-... THEN it is accepted as a target', () => {
    const model = resolveModel(parseSpecYaml(withOrg(GOOD.replace('ou-ab12-cdef3456', 'r-ab12')), 'spec.yaml'));
    expect(model.organization?.targets).toEqual(['r-ab12']);
  });
});

describe('GIVEN a spec without an organization block', () => {
  test('WHEN it is resolved THEN no account gets guardrails', () => {
    const model = resolveModel(parseSpecYaml(BASE, 'spec.yaml'));
    expect(model.organization).toBeUndefined();
    expect(model.accounts.every((a) => a.guardrails === undefined)).toBe(true);
  });
});
