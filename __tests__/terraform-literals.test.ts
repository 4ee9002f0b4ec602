/**
 * No value of the spec is evaluated by Terraform, without running Terraform:
 * every literal is written escaped (`${` as `$${`, `%{` as `%%{`) and reads
 * back as typed; the tool's own expressions stay raw; the HCL modules no
 * longer crash on a lone `${`; cdktf's token marker, which AccountStack could
 * not carry, is refused by the loader. terraform-literals-e2e.test.ts has real
 * Terraform read the same files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import { Expression, readTemplateLiteral, ref, templateLiteral, terraformJson } from '../src/description/expressions';
import { isSpecError } from '../src/errors';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { readSynthStacks } from '../src/access/sources/synth-reader';
import { readTree, tempDir } from './helpers/synth';
import { minimalSpec } from './helpers/spec';

/** Text dense in `$`, `%`, `{`, `}` and the characters around escapes. */
const templateish = fc.string({ unit: fc.constantFrom('$', '%', '{', '}', '&', '\\', '"', 'a', ' '), maxLength: 24 });

describe('GIVEN any literal', () => {
  test('WHEN written as a template THEN Terraform reads it back as typed, and it holds no live ${ or %{', () => {
    fc.assert(
      fc.property(fc.oneof(templateish, fc.string()), (s) => {
        const written = templateLiteral(s);
        // Defined: no live `${` or `%{` (a scan as Terraform's, left to right); and equal: the value as typed.
        expect(readTemplateLiteral(written)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  test('WHEN a described value mixes literals and expressions THEN terraformJson escapes the literals and object keys, and writes expressions raw', () => {
    const value = { name: 'a${b}', list: ['%{x}', ref('aws_iam_role.r', 'arn')], map: { 'k${1}': new Expression('${var.tags}') }, n: 3, absent: undefined };
    expect(terraformJson(value)).toEqual({
      name: 'a$${b}',
      list: ['%%{x}', '${aws_iam_role.r.arn}'],
      map: { 'k$${1}': '${var.tags}' },
      n: 3,
      absent: undefined,
    });
  });

  test('WHEN an object has keys __proto__, numbers and ${ THEN terraformJson keeps each as an own key, in the order Object.fromEntries gives, and its JSON text is the same', () => {
    const value = JSON.parse('{"b": 1, "__proto__": {"x": "${y}"}, "2": "a", "k${1}": "z", "1": null}') as Record<string, unknown>;
    const viaEntries = (v: unknown): unknown =>
      typeof v === 'string'
        ? templateLiteral(v)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [templateLiteral(k), viaEntries(x)]))
          : v;
    const written = terraformJson(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(Object.keys(written)).toEqual(['1', '2', 'b', '__proto__', 'k$${1}']);
    expect(JSON.stringify(written)).toBe(JSON.stringify(viaEntries(value)));
  });

  test('WHEN a template holds a live ${ or %{ THEN it has no literal reading', () => {
    for (const s of ['${x}', 'a%{if}', '%${x}', '$%{x}']) expect(readTemplateLiteral(s)).toBeUndefined();
    // As `terraform console` reads them: the first `$` of `$$${` is a plain character.
    expect(readTemplateLiteral('%$${x}')).toBe('%${x}');
    expect(readTemplateLiteral('$$${x}')).toBe('$${x}');
  });
});

describe('GIVEN "Read ${ the state bucket" as a policy description and moduleFormat hcl', () => {
  test('WHEN synthesized THEN it does not crash ("unbalanced template"), and main.tf holds the value escaped', () => {
    const spec = minimalSpec();
    spec.options = { moduleFormat: 'hcl' };
    spec.accounts[0].policies = [
      { name: 'state', description: 'Read ${ the state bucket', statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::state/*'] }] },
    ];
    spec.accounts[0].roles[0].managedPolicies = ['state'];
    const dir = tempDir('xacct-literal-hcl-');
    synthesize(validateSpec(spec, 'spec.yaml'), { outdir: join(dir, 'out'), modulesDir: join(dir, 'modules'), log: () => undefined });
    const main = readFileSync(join(dir, 'modules', 'a', 'main.tf'), 'utf8');
    expect(main).toMatch(/^  description = "Read \$\$\{ the state bucket"$/m);
    // The tool's own references stay expressions.
    expect(main).toMatch(/^  policy      = data\.aws_iam_policy_document\.policy_state\.json$/m);
  });
});

describe('GIVEN trust subjects with ${aws:username}, $${x} and &{aws:userid}', () => {
  test('WHEN the access proof reads the synthesized stack THEN it reads what IAM gets: the escapes undone, &{ written as ${ where the provider does so', () => {
    const spec = minimalSpec();
    spec.accounts[0].roles[0].trust = [
      {
        type: 'web-identity',
        issuers: [
          { issuer: 'eks', subjects: ['system:serviceaccount:ns:${aws:username}', 'system:serviceaccount:ns:$${x}', 'system:serviceaccount:ns:&{aws:userid}'] },
        ],
      },
    ];
    // A policy variable has no value in an offline request, so the proof cannot decide these subjects: accepted, with a reason.
    spec.accounts[0].roles[0].suppressions = [{ rule: 'PROOF001', reason: 'policy variables in the subjects are read by IAM at request time' }];
    const dir = tempDir('xacct-literal-access-');
    synthesize(validateSpec(spec, 'spec.yaml'), { outdir: join(dir, 'out'), modulesDir: join(dir, 'modules'), log: () => undefined });
    const stack = readFileSync(join(dir, 'out', 'stacks', 'a', 'cdk.tf.json'), 'utf8');
    expect(stack).toContain('"system:serviceaccount:ns:$${aws:username}"');
    expect(stack).toContain('"system:serviceaccount:ns:$$${x}"');
    const [role] = readSynthStacks(join(dir, 'out')).roles;
    expect(JSON.stringify(role.trust)).toContain(
      '["system:serviceaccount:ns:${aws:username}","system:serviceaccount:ns:$${x}","system:serviceaccount:ns:${aws:userid}"]',
    );
  });
});

describe('GIVEN cdktf token markers in a value (AccountStack would hand them to cdktf, which replaces or rejects them)', () => {
  test.each(['${TfToken[TOKEN.1]}', 'x#{TfToken[TOKEN.2]}', '&{TfToken[TOKEN.3]}'])(
    'WHEN %s is a role description THEN the loader refuses it at its field',
    (marker) => {
      const spec = minimalSpec();
      spec.accounts[0].roles[0].description = marker;
      let error: unknown;
      try {
        validateSpec(spec, 'spec.yaml');
      } catch (e) {
        error = e;
      }
      expect(isSpecError(error)).toBe(true);
      const problems = isSpecError(error) ? error.problems : [];
      expect(problems.map((p) => [p.path, p.message.includes("cdktf's marker of a token"), p.fix])).toEqual([
        ['accounts[0].roles[0].description', true, 'remove the marker: no IAM name, ARN, tag or policy needs it'],
      ]);
    },
  );

  test('WHEN `synth` runs on such a YAML spec THEN it exits 2, names file, line and field, and writes nothing', async () => {
    const dir = tempDir('xacct-literal-cli-');
    writeFileSync(join(dir, 'package.json'), '{"name":"p","private":true}\n');
    const yaml = [
      'version: 1',
      'accounts:',
      '  - name: a',
      '    id: "111111111111"',
      '    region: eu-west-1',
      '    roles:',
      '      - name: r',
      '        description: "by ${TfToken[TOKEN.7]}"',
      '        trust: [{ type: aws-service, service: s3.amazonaws.com }]',
      '',
    ];
    writeFileSync(join(dir, 'spec.yaml'), yaml.join('\n'));
    let stderr = '';
    const io: CliIO = { cwd: dir, env: { PATH: process.env.PATH }, stdout: () => undefined, stderr: (t) => (stderr += t) };
    const code = await runCli(['synth', '--spec', 'spec.yaml'], io);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /spec\.yaml:8: accounts\[0\]\.roles\[0\]\.description: the value "by \$\{TfToken\[TOKEN\.7\]\}" has "\$\{TfToken\[" at position 4, cdktf's marker of a token/,
    );
    expect([...readTree(dir).keys()].sort()).toEqual(['package.json', 'spec.yaml']);
  });
});
