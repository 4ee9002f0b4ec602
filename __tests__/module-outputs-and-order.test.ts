/**
 * What roots read from a module: `role_names` beside `role_arns`,
 * `oidc_provider_arns` referencing the providers the module creates, the
 * `tags` input on every taggable resource, and the README section that says
 * which modules must be created first and why.
 */
import { describeAccount } from '../src/description/account';
import { resolveModel } from '../src/model/resolve';
import { dependencySection } from '../src/modules/readme-dependencies';
import { parseSpecYaml } from '../src/input/load';
import { synthTo } from './helpers/synth';

const out = synthTo();

describe('GIVEN the default example', () => {
  test('THEN role_names maps each role to a reference to its name, next to role_arns', () => {
    const outputs = out.module('raw-data', 'outputs.tf.json').output;
    expect(outputs.role_names.value).toEqual({ 'airflow-emr': '${aws_iam_role.airflow-emr.name}' });
    expect(outputs.role_arns.value).toEqual({ 'airflow-emr': '${aws_iam_role.airflow-emr.arn}' });
  });

  test('THEN oidc_provider_arns references a provider the module creates, and spells out one that exists already', () => {
    const created = out.module('data-lake', 'outputs.tf.json').output.oidc_provider_arns.value;
    expect(Object.values(created)).toEqual([expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.[\w-]+\.arn\}$/)]);
    const existing = out.module('data-platform', 'outputs.tf.json').output.oidc_provider_arns.value;
    expect(Object.values(existing)).toEqual([expect.stringMatching(/^arn:aws:iam::111111111111:oidc-provider\//)]);
  });

  test('THEN the tags input reaches the OIDC provider as well as the roles', () => {
    const main = out.module('data-lake', 'main.tf.json');
    for (const provider of Object.values<any>(main.resource.aws_iam_openid_connect_provider)) expect(provider.tags).toBe('${merge({}, var.tags)}');
    for (const role of Object.values<any>(main.resource.aws_iam_role)) expect(role.tags).toMatch(/var\.tags\)\}$/);
  });

  test('THEN a module README names the modules to create first, the roles that need them, and the input to pass', () => {
    const readme: string = out.module('raw-data', 'README.md');
    const section = readme.slice(readme.indexOf('## Create first'), readme.indexOf('<!-- BEGIN_TF_DOCS -->'));
    expect(section).toContain('| `shared-services` | `airflow-emr` trusts `arn:aws:iam::333333333333:role/airflow` |');
    expect(section).toContain('cross_account_dependencies = [module.shared_services.role_arns]');
    expect(section).toMatch(/IAM refuses a trust policy that names a role that does not exist yet/);
    const independent: string = out.module('shared-services', 'README.md');
    expect(independent).toContain('No other module: no role here trusts a role of another account in the spec.');
  });
});

describe('GIVEN a Pod Identity association', () => {
  test('THEN it gets the tags input too', () => {
    const model = resolveModel(
      parseSpecYaml(
        `accounts:\n  - name: apps\n    id: "111111111111"\n    region: eu-west-1\n    roles:\n      - name: orders\n        trust: [{ type: eks-pod-identity, cluster: prod, namespace: orders, serviceAccount: api }]\n`,
        'spec.yaml',
      ),
    );
    const association = describeAccount(model.accounts[0]).elements.find((e) => e.type === 'aws_eks_pod_identity_association')!;
    expect(String(association.body.tags)).toBe('${merge({}, var.tags)}');
  });
});

describe('GIVEN two accounts whose roles trust each other (no order possible)', () => {
  test('THEN each README says so instead of naming a module to create first', () => {
    // Account x's second role trusts the first role of the other account, and the other way round.
    const account = (name: string, id: string, other: string) =>
      `  - name: ${name}\n    id: "${id}"\n    region: eu-west-1\n    roles:\n` +
      `      - { name: ${name}1, trust: [{ type: aws-service, service: s3.amazonaws.com }] }\n` +
      `      - { name: ${name}2, trust: [{ type: aws-role, role: ${other}1, account: ${other} }] }\n`;
    const model = resolveModel(parseSpecYaml(`accounts:\n${account('a', '111111111111', 'b')}${account('b', '222222222222', 'a')}`, 'spec.yaml'));
    const a = model.accounts.find((x) => x.name === 'a')!;
    expect(a.dependsOn).toEqual([]);
    const text = dependencySection(a).join('\n');
    expect(text).toContain('No module can be created strictly before this one');
    expect(text).toContain('| `b` | `a2` trusts `arn:aws:iam::222222222222:role/b1` |');
    expect(text).not.toContain('cross_account_dependencies =');
  });
});
