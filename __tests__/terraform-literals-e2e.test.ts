/**
 * No value of the spec is evaluated by Terraform: a property over every string
 * field, checked by real Terraform (offline). Each of the three base specs (the
 * default and presets examples, which hold every trust type, and one with the
 * fields they lack) gets `${`, `%{`, `$${`, `%%{` or `%${`, with random text around it,
 * appended to every string field at once; a field the loader or the lint pack
 * refuses is left as it was (refusing is allowed: nothing is evaluated). The
 * accepted spec is synthesized with `.tf.json` and with `.tf` modules, and:
 *
 *  - every generated string that holds a mutated value reads as a literal
 *    (no live `${` or `%{`), and every mutated value reaches Terraform, or
 *    belongs to a field that never does (NOT_TERRAFORM);
 *  - one `terraform plan` of a root calling every module set shows each value
 *    unchanged in both forms;
 *  - one `terraform console` reads every stack string (provider, backend and
 *    all) as the literal it holds.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplateLiteral } from '../src/description/expressions';
import { findTerraform } from '../src/terraform/find';
import { changesByModule } from './helpers/terraform/modules-root';
import { preparePart, seed, tokens, type Case } from './helpers/terraform/parts/literals';
import type { PlanJson } from './helpers/terraform/run';
import { sharedPlan } from './helpers/terraform/shared-plan';
import { tempDir } from './helpers/synth';

/**
 * Fields whose values never reach Terraform (the workload settings, lint
 * suppressions, the options the generator reads itself): a value there cannot be
 * evaluated by Terraform. Every other accepted field must show up in the plan.
 */
const NOT_TERRAFORM = [/\.suppressions\[\d+\]\.reason$/, /\.(airflowConnection|deployment|tokenFile|sessionName)(\.|$)/, /\.airflowConnection\b/];

/** Every string of planned values, JSON documents (policies) opened too. */
function plannedStrings(value: unknown): string[] {
  if (typeof value === 'string') {
    if (/^[[{]/.test(value)) {
      try {
        return [value, ...plannedStrings(JSON.parse(value))];
      } catch {
        return [value];
      }
    }
    return [value];
  }
  if (Array.isArray(value)) return value.flatMap(plannedStrings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...plannedStrings(v)]);
  return [];
}

const work = tempDir('xacct-literals-e2e-');

let cases: Case[];
let plan: PlanJson;
let consoleRead: string[];
let stackStrings: string[];

beforeAll(async () => {
  // The mutated specs and their module sets (helpers/terraform/parts/literals.ts), planned with the run's other module roots.
  const prepared = preparePart(work);
  cases = prepared.cases;
  ({ plan } = await sharedPlan('terraform-literals-e2e', prepared.part));
  // `terraform console` reads the stack strings as Terraform reads any template of a .tf.json file.
  const tf = findTerraform(join(work, 'tf'), process.env);
  stackStrings = cases.flatMap((c) => c.stackStrings);
  const consoleDir = join(work, 'console');
  mkdirSync(consoleDir, { recursive: true });
  writeFileSync(join(consoleDir, 'main.tf.json'), JSON.stringify({ locals: { v: stackStrings } }));
  const out = await new Promise<string>((resolve, reject) =>
    execFile(tf.bin, ['console'], { cwd: consoleDir, env: tf.env }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr)) : resolve(stdout),
    ).stdin!.end('jsonencode(local.v)\n'),
  );
  consoleRead = JSON.parse(JSON.parse(out.trim())) as string[];
}, 600_000);

const context = () => `(seed ${seed}, tokens ${JSON.stringify(tokens)})`;

test('GIVEN the five tokens in every string field THEN each base keeps fields mutated (the property is not vacuous)', () => {
  if (process.env.LITERALS_E2E_FIELDS)
    process.stdout.write(`${cases.flatMap((c) => c.mutations.map((m) => `${c.name} ${m.field} ${JSON.stringify(m.typed)}`)).join('\n')}\n`);
  for (const c of cases) expect([c.name, c.mutations.length > 5]).toEqual([c.name, true]);
  expect(cases.reduce((n, c) => n + c.mutations.length, 0)).toBeGreaterThan(30);
});

test('THEN no generated string holds a live ${ or %{ around a value of the spec, and every accepted value reaches Terraform or belongs to a field that never does', () => {
  for (const c of cases) {
    const live = c.strings.filter((s) => /q\d+q/.test(s) && readTemplateLiteral(s) === undefined);
    expect([c.name, live, context()]).toEqual([c.name, [], context()]);
    const read = c.strings.map((s) => readTemplateLiteral(s) ?? '');
    const missing = c.mutations.filter((m) => !read.some((s) => s.includes(m.typed)) && !NOT_TERRAFORM.some((re) => re.test(m.field)));
    expect([c.name, missing, context()]).toEqual([c.name, [], context()]);
  }
});

test('WHEN terraform plans every JSON and HCL module set THEN each value that reaches the modules is planned unchanged, in both forms', () => {
  const byModule = changesByModule(plan);
  for (const c of cases) {
    const planned = (prefix: string) =>
      [...byModule]
        .filter(([m]) => m.startsWith(`${prefix}_`))
        .flatMap(([, changes]) => [...changes.values()].flatMap((rc) => plannedStrings(rc.change.after)));
    const inModules = c.mutations.filter((m) => c.moduleLiterals.some((s) => s.includes(m.typed)));
    expect(inModules.length).toBeGreaterThan(0);
    const json = planned(c.json.prefix);
    const hcl = planned(c.hcl.prefix);
    expect(json.length).toBeGreaterThan(0);
    for (const m of inModules) {
      expect([c.name, m.field, m.typed, json.some((s) => s.includes(m.typed)), hcl.some((s) => s.includes(m.typed))]).toEqual([
        c.name,
        m.field,
        m.typed,
        true,
        true,
      ]);
    }
  }
});

test('WHEN terraform console reads every stack string that holds a value of the spec (provider, backend, resources) THEN it reads the literal', () => {
  expect(stackStrings.length).toBeGreaterThan(20);
  expect(consoleRead).toEqual(stackStrings.map((s) => readTemplateLiteral(s)));
});
