/**
 * Round trip: the default example's own synthesized policies, fed back as an
 * IAM export (half of the documents URL-encoded, as the raw API returns
 * them), import as equivalent roles; the imported spec synthesizes stacks with
 * `import` blocks and a root `imports.tf.json`, which real Terraform (offline,
 * with the provider mirror) validates (the root, and the stacks that hold every
 * kind of import block). Fails, saying what is missing, when
 * Terraform or the mirror is not there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { proveEquivalent } from '../src/brownfield/equivalence';
import { readExports } from '../src/brownfield/export';
import { exportFromModel } from '../src/brownfield/from-model';
import { importExport } from '../src/brownfield/import';
import { importYaml } from '../src/brownfield/spec-yaml';
import { defaultSpec, DEFAULT_SPEC_NAME } from '../src/examples/default-spec';
import { resolveModel } from '../src/model/resolve';
import { plainRoot } from '../src/modules/plain-root';
import { toIamPolicy } from '../src/policy/document';
import { GRANT_POLICY_NAME } from '../src/names';
import { parseSpecYaml, validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { findTerraform } from '../src/terraform/find';
import { initShared, pool, validate } from './helpers/terraform/run';
import { tempDir } from './helpers/synth';

const original = resolveModel(validateSpec(defaultSpec, DEFAULT_SPEC_NAME));
const work = tempDir('xacct-roundtrip-');
const exportDir = join(work, 'export');
mkdirSync(exportDir);
const files: string[] = [];
const encoded = exportFromModel(original, { urlEncoded: true }).files;
for (const [name, json] of exportFromModel(original).files) {
  // Every other account's authorization details with URL-encoded documents, as the raw API returns them.
  const account = original.accounts.findIndex((a) => name === `${a.name}.json`);
  writeFileSync(join(exportDir, name), JSON.stringify(account % 2 === 1 ? encoded.get(name) : json, null, 2));
  files.push(join(exportDir, name));
}
const exp = readExports(files, { accountNames: new Map(original.accounts.map((a) => [a.id, a.name])) });
const result = importExport(exp, { region: 'eu-west-1' });

test('the export holds every account, half of them with URL-encoded documents', () => {
  expect(exp.accounts.map((a) => a.name).sort()).toEqual(original.accounts.map((a) => a.name).sort());
  const urlEncoded = files.filter((f) => /"AssumeRolePolicyDocument": "%7B/.test(readFileSync(f, 'utf8')));
  expect(urlEncoded).toHaveLength(Math.floor(original.accounts.length / 2));
});

test('importing our own output gives back every role, each proved equivalent to the original', () => {
  expect(result.skipped).toEqual([]);
  const roles = (m: typeof original) => m.accounts.flatMap((a) => a.roles.map((r) => `${a.name}/${r.name}`)).sort();
  expect(roles(result.model)).toEqual(roles(original));
  for (const account of original.accounts) {
    for (const role of account.roles) {
      const back = result.model.accounts.find((a) => a.name === account.name)!.roles.find((r) => r.name === role.name)!;
      const proof = proveEquivalent(toIamPolicy(role.trustPolicy), toIamPolicy(back.trustPolicy), role.arn);
      expect([role.arn, proof.differences]).toEqual([role.arn, []]);
      expect(back.arn).toBe(role.arn);
      expect(back.managedPolicyArns.map((m) => m.arn)).toEqual(role.managedPolicyArns.map((m) => m.arn));
      expect(back.trust.map((t) => t.spec.type)).toEqual(role.trust.map((t) => t.spec.type));
    }
  }
  // The same cross-account grants come back, adopted as the inline policies they are: nothing writes them a second time.
  for (const account of original.accounts) {
    for (const grant of account.grants) {
      const back = result.model.accounts.find((a) => a.name === account.name)!.roles.find((r) => r.name === grant.roleName)!;
      expect(back.inlinePolicies.filter((p) => p.name === GRANT_POLICY_NAME).map((p) => toIamPolicy(p.document))).toEqual([toIamPolicy(grant.document)]);
    }
  }
  expect(original.accounts.flatMap((a) => a.grants).length).toBeGreaterThan(0);
  expect(result.model.accounts.flatMap((a) => a.grants)).toEqual([]);
});

describe('synth of the imported spec, and terraform validate', () => {
  const yaml = importYaml(result, files);
  const specFile = join(work, 'imported.yaml');
  writeFileSync(specFile, yaml);
  const synth = synthesize(parseSpecYaml(yaml, specFile), { outdir: join(work, 'cdktf.out'), modulesDir: join(work, 'modules'), accessMatrix: false });
  const stack = (account: string) => JSON.parse(readFileSync(join(work, 'cdktf.out', 'stacks', account, 'cdk.tf.json'), 'utf8'));

  test('each stack imports its roles, attachments, inline policies, grants and adopted providers', () => {
    const shared = stack('shared-services');
    expect(shared.import).toEqual(
      expect.arrayContaining([
        { id: 'airflow', to: 'aws_iam_role.airflow' },
        { id: 'airflow:assume-cross-account-roles', to: expect.stringMatching(/^aws_iam_role_policy\./) },
      ]),
    );
    const lake = stack('data-lake');
    expect(lake.import).toEqual(
      expect.arrayContaining([
        {
          id: 'arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E',
          to: expect.stringMatching(/^aws_iam_openid_connect_provider\./),
        },
        { id: 'dataflow-s3-reader/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', to: expect.stringMatching(/^aws_iam_role_policy_attachment\./) },
      ]),
    );
    for (const account of synth.model.accounts) {
      const s = stack(account.name);
      const addresses = (s.import ?? []).map((b: { to: string }) => b.to);
      for (const [type, instances] of Object.entries(s.resource ?? {}))
        for (const id of Object.keys(instances as object)) expect(addresses).toContain(`${type}.${id}`);
    }
  });

  test('the plain root gets imports.tf.json with module addresses', () => {
    const blocks = JSON.parse(readFileSync(join(work, 'modules', 'imports.tf.json'), 'utf8')).import;
    expect(blocks).toEqual(expect.arrayContaining([{ to: 'module.shared_services.aws_iam_role.airflow', id: 'airflow' }]));
    expect(blocks.every((b: { to: string }) => /^module\.[a-z_]+\.aws_/.test(b.to))).toBe(true);
    expect(readFileSync(join(work, 'modules', 'README.md'), 'utf8')).toContain('imports.tf.json');
    // Modules never hold import blocks: Terraform allows them only in a root.
    for (const account of synth.model.accounts) expect(readFileSync(join(work, 'modules', account.name, 'main.tf.json'), 'utf8')).not.toContain('"import"');
  });

  // Every kind of import block a stack holds is in these two (a role, its inline policy and the cross-account grant; an
  // adopted OIDC provider, a managed policy attachment): each `terraform validate` loads the provider's whole schema,
  // so the other stacks, written by the same code, are covered by the address check above and not validated again.
  const VALIDATED_STACKS = ['shared-services', 'data-lake'];

  test('terraform validate accepts the stacks holding every kind of import block, and the root with imports.tf.json', async () => {
    const tf = findTerraform(join(work, 'tf'), process.env);
    const rootDir = join(work, 'root');
    mkdirSync(rootDir);
    writeFileSync(join(rootDir, 'main.tf'), plainRoot(synth.model, '../modules'));
    writeFileSync(join(rootDir, 'imports.tf.json'), readFileSync(join(work, 'modules', 'imports.tf.json')));
    const kinds = (account: string) => new Set((stack(account).import ?? []).map((b: { to: string }) => b.to.split('.')[0]));
    const all = new Set(synth.model.accounts.flatMap((a) => [...kinds(a.name)]));
    expect(new Set(VALIDATED_STACKS.flatMap((a) => [...kinds(a)]))).toEqual(all);
    const stackDirs = VALIDATED_STACKS.map((a) => join(work, 'cdktf.out', 'stacks', a));
    await initShared(tf, rootDir, stackDirs);
    const dirs = [rootDir, ...stackDirs];
    const results = await pool(dirs, 2, (dir) => validate(tf, dir));
    results.forEach((r, i) => expect({ dir: dirs[i], ...r }).toEqual({ dir: dirs[i], valid: true, diagnostics: [] }));
  }, 240_000);
});
