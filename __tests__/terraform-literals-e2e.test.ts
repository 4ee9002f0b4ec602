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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readTemplateLiteral } from '../src/description/expressions';
import { formatPath, isSpecError, type Problem } from '../src/errors';
import { defaultSpec } from '../src/examples/default-spec';
import { isBlocking, lintModel } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { changesByModule, planRootOf, prepareModulesRoot, type ModuleSet } from './helpers/terraform/modules-root';
import type { PlanJson } from './helpers/terraform/run';
import { readTree, tempDir } from './helpers/synth';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const EXAMPLES = join(__dirname, '..', 'examples');
const yamlSpec = (name: string) => parse(readFileSync(join(EXAMPLES, name, 'spec.yaml'), 'utf8')) as Json;

/** The fields the examples do not have: a deploy role, an S3 backend with a role and an endpoint, customer-managed policies, aws-account trust, conditions, a PGP key. */
const EXTRAS: Json = {
  options: { allowIamUserAccessKeys: true },
  backend: {
    s3: {
      bucket: 'acme-state',
      region: 'eu-west-1',
      keyPrefix: 'iam',
      roleArn: 'arn:aws:iam::999999999999:role/state',
      endpoint: 'https://minio.example.com:9000/s3',
    },
  },
  accounts: [
    {
      name: 'extras',
      id: '121212121212',
      region: 'eu-west-1',
      deployRole: 'arn:aws:iam::121212121212:role/deploy',
      policies: [
        {
          name: 'state',
          path: '/ci/',
          description: 'Read the state',
          statements: [
            {
              actions: ['s3:GetObject'],
              resources: ['arn:aws:s3:::state/team'],
              conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalTag/team', values: ['data'] }],
            },
          ],
        },
      ],
      roles: [
        {
          name: 'reader',
          path: '/team/',
          description: 'Reads the state',
          tags: { team: 'data' },
          managedPolicies: ['state'],
          trust: [
            { type: 'aws-account', accountId: '343434343434', externalId: 'ext-1234' },
            { type: 'iam-user', user: 'legacy', pgpKey: 'keybase:ops' },
          ],
          suppressions: [{ rule: 'TRUST014', reason: 'the vendor account assumes it' }],
        },
      ],
    },
  ],
};

// examples/eks-cross-account needs AWS provider 6.2.0, which the offline mirror lacks; presets has an eks-pod-identity trust too.
const BASES: Record<string, Json> = { default: defaultSpec as unknown as Json, presets: yamlSpec('presets'), extras: EXTRAS };

/**
 * Fields whose values never reach Terraform (the workload settings, lint
 * suppressions, the options the generator reads itself): a value there cannot be
 * evaluated by Terraform. Every other accepted field must show up in the plan.
 */
const NOT_TERRAFORM = [/\.suppressions\[\d+\]\.reason$/, /\.(airflowConnection|deployment|tokenFile|sessionName)(\.|$)/, /\.airflowConnection\b/];

/** Every string leaf of the spec, with its path. */
function leaves(value: Json, path: Path = []): { path: Path; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

function setAt(root: Json, path: Path, value: string): void {
  let node = root as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, Json>;
  node[path[path.length - 1]] = value;
}

function blockingProblems(spec: Json): readonly Problem[] {
  try {
    return lintModel(resolveModel(validateSpec(spec, 'spec.yaml'))).findings.filter(isBlocking);
  } catch (e) {
    if (isSpecError(e)) return e.problems;
    throw e;
  }
}

const within = (field: string, problem: string) =>
  field === problem || field.startsWith(`${problem}.`) || field.startsWith(`${problem}[`) || problem.startsWith(`${field}.`) || problem.startsWith(`${field}[`);

interface Mutation {
  readonly field: string;
  /** The whole value typed into the field. */
  readonly typed: string;
}

/**
 * The base with `tokens[i % n]` (in its random text) appended to every string
 * field i (inside a trailing "/"), except those the loader or the lint pack refuses, which keep their
 * value. Each typed value carries a unique `q<i>q` so that it can be told apart.
 */
function mutate(base: Json, tokens: readonly string[]): { spec: Json; mutations: Mutation[] } {
  // A value ending in "/" (an IAM path) gets a segment of its own, so that its format still holds.
  const typed = (value: string, i: number) => `${value}q${i}q${tokens[i % tokens.length]}${value.endsWith('/') ? '/' : ''}`;
  let candidates = leaves(base).map((l, i) => ({ ...l, field: formatPath(l.path), marker: `q${i}q`, typed: typed(l.value, i) }));
  for (let round = 0; round < 20; round++) {
    const spec = structuredClone(base);
    for (const c of candidates) setAt(spec, c.path, c.typed);
    const problems = blockingProblems(spec);
    if (problems.length === 0) return { spec, mutations: candidates.map((c) => ({ field: c.field, typed: c.typed })) };
    // A refusal at the field, or quoting the value typed (up to its marker at least); else (a reference between fields: an issuer's client id and a
    // trust's audience) naming the value the field had.
    let kept = candidates.filter((c) => !problems.some((p) => within(c.field, p.path) || p.message.includes(c.marker)));
    if (kept.length === candidates.length) kept = candidates.filter((c) => !problems.some((p) => c.value.length >= 4 && p.message.includes(c.value)));
    // Last, an issuer's own fields, which every trust on the issuer reads.
    if (kept.length === candidates.length) kept = candidates.filter((c) => !c.field.startsWith('issuers.'));
    if (kept.length === candidates.length)
      throw new Error(`refusals not placed at a mutated field: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    candidates = kept;
  }
  throw new Error('the mutations did not settle');
}

/** Every string and object key of a Terraform JSON document, without cdktf's `//` metadata. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === '//' ? [] : [k, ...jsonStrings(v)]));
  return [];
}

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

const TOKENS = ['${', '%{', '$${', '%%{', '%${'] as const;
/** A token with random text around it: function calls, a lone token, an IAM policy variable, the issue's examples. */
const hostile = fc
  .tuple(
    fc.constantFrom(...TOKENS),
    fc.constantFrom('', 'x', 'upper("zq")', 'file("/etc/hostname")', ' the state bucket', 'aws:username', ' if true '),
    fc.constantFrom('', '}', '}}'),
  )
  .map(([t, body, end]) => `${t}${body}${end}`);
/** One batch: each base gets the five tokens, in random text and a random order over its fields. */
const batch = fc
  .tuple(
    hostile.filter((h) => h.startsWith('${')),
    hostile.filter((h) => h.startsWith('%{')),
    hostile.filter((h) => h.startsWith('$${')),
    hostile.filter((h) => h.startsWith('%%{')),
    hostile.filter((h) => h.startsWith('%${')),
  )
  .chain((ts) => fc.shuffledSubarray(ts, { minLength: ts.length, maxLength: ts.length }));

const work = tempDir('xacct-literals-e2e-');
// One arrangement per run, the same every run so that CI cannot flake on it; LITERALS_E2E_SEED=<n> tries another.
const seed = Number(process.env.LITERALS_E2E_SEED ?? 20261207);
const [tokens] = fc.sample(batch, { numRuns: 1, seed });

interface Case {
  readonly name: string;
  readonly mutations: Mutation[];
  readonly json: ModuleSet;
  readonly hcl: ModuleSet;
  /** Every string of the synthesized Terraform JSON (stacks, modules, imports.tf.json). */
  readonly strings: string[];
  /** Of the module files, read as Terraform reads them. */
  readonly moduleLiterals: string[];
  /** Of the stacks: the strings holding a mutated value, for `terraform console`. */
  readonly stackStrings: string[];
}

/**
 * A typed `${...}` reaches IAM as a policy variable, which no offline request gives a value: the access proof cannot
 * decide those checks and would stop the synth. Every role accepts that (PROOF001), saying why.
 */
function acceptProof(spec: Json): Json {
  const out = structuredClone(spec) as { accounts: { roles?: { suppressions?: unknown[] }[] }[] };
  for (const account of out.accounts) {
    for (const role of account.roles ?? [])
      role.suppressions = [...(role.suppressions ?? []), { rule: 'PROOF001', reason: 'typed policy variables have no value offline' }];
  }
  return out as unknown as Json;
}

let cases: Case[];
let plan: PlanJson;
let consoleRead: string[];
let stackStrings: string[];

beforeAll(async () => {
  cases = Object.entries(BASES).map(([name, base]) => {
    const { spec: mutated, mutations } = mutate(base, tokens);
    const spec = acceptProof(mutated);
    const synth = (format: 'json' | 'hcl') =>
      synthesize(validateSpec(spec, `${name}.yaml`), {
        outdir: join(work, `${name}-${format}-out`),
        modulesDir: join(work, `${name}-${format}`),
        moduleFormat: format,
        accessMatrix: false,
        log: () => undefined,
      });
    const json = synth('json');
    const hcl = synth('hcl');
    const files = [...readTree(join(work, `${name}-json-out`)), ...readTree(join(work, `${name}-json`))].filter(([f]) => f.endsWith('.tf.json'));
    const strings = files.flatMap(([, text]) => jsonStrings(JSON.parse(text)));
    const stackFiles = files.filter(([f]) => f.endsWith('cdk.tf.json'));
    const moduleFiles = files.filter(([f]) => !f.endsWith('cdk.tf.json') && !f.endsWith('imports.tf.json'));
    const marked = (s: string) => /q\d+q/.test(s);
    return {
      name,
      mutations,
      json: { model: json.model, modulesDir: json.modulesDir!, prefix: `json_${name}` },
      hcl: { model: hcl.model, modulesDir: hcl.modulesDir!, prefix: `hcl_${name}` },
      strings,
      moduleLiterals: moduleFiles.flatMap(([, text]) => jsonStrings(JSON.parse(text))).map((x) => readTemplateLiteral(x) ?? ''),
      stackStrings: stackFiles.flatMap(([, text]) => jsonStrings(JSON.parse(text))).filter(marked),
    };
  });
  const root = await prepareModulesRoot(
    work,
    cases.flatMap((c) => [c.json, c.hcl]),
  );
  plan = await planRootOf(root);
  // `terraform console` reads the stack strings as Terraform reads any template of a .tf.json file.
  stackStrings = cases.flatMap((c) => c.stackStrings);
  const consoleDir = join(work, 'console');
  mkdirSync(consoleDir, { recursive: true });
  writeFileSync(join(consoleDir, 'main.tf.json'), JSON.stringify({ locals: { v: stackStrings } }));
  const out = await new Promise<string>((resolve, reject) =>
    execFile(root.tf.bin, ['console'], { cwd: consoleDir, env: root.tf.env }, (error, stdout, stderr) =>
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
