/**
 * Values that pass a naive schema but break trust, deploys or diffs (issue 11):
 * for every class a failing case with the exact message, field path, value
 * read and fix, and a passing case. A refused spec writes nothing and shows no
 * stack trace.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile, parseSpecYaml, validateSpec } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';
import { eksRoleYaml, onlyProblem, refusal, synthRefusal } from './helpers/spec';
import { tempDir } from './helpers/synth';

const yaml = (text: string) => refusal(() => resolveModel(parseSpecYaml(text, 'spec.yaml')));
const accepts = (text: string) => resolveModel(parseSpecYaml(text, 'spec.yaml'));

const spec = eksRoleYaml;
const GOOGLE = (id: string) => spec(`{ type: google-service-account, uniqueId: ${id} }`);

describe('1. id-like numbers must read back exactly', () => {
  test('an unquoted 21-digit Google unique id is refused with the value read and the quoting fix', () => {
    const p = onlyProblem(synthRefusal(GOOGLE('109876543210987654321')));
    expect(p).toEqual({
      file: 'spec.yaml:13',
      path: 'accounts[0].roles[0].trust[0].uniqueId',
      message:
        'YAML reads the unquoted 109876543210987654321 as the number 109876543210987650000, keeping only the first 16 or 17 digits: the Google service account unique id was given as the number 109876543210987650000, which cannot hold every digit of an id',
      fix: 'quote it, since unquoted numbers lose leading zeros and digits beyond the 16th: uniqueId: "109876543210987654321"',
    });
  });

  test('the quoted id passes, exactly as written', () => {
    const model = accepts(GOOGLE('"109876543210987654321"'));
    expect(model.accounts[0].roles[0].trustPolicy.statements[0].conditions![0].values).toEqual(['109876543210987654321']);
  });

  test('an unquoted account id that lost its leading zero shows the value read', () => {
    const [p] = yaml(spec('{ type: aws-service, service: s3.amazonaws.com }').replace('"111111111111"', '011111111111'));
    expect(p.path).toBe('accounts[0].id');
    expect(p.message).toBe(
      'YAML reads the unquoted 011111111111 as the number 11111111111, dropping the leading zero: an AWS account id is exactly 12 digits; read the number 11111111111 (11 digits)',
    );
    expect(p.fix).toBe('quote it, since unquoted numbers lose leading zeros and digits beyond the 16th: id: "011111111111"');
  });

  test('a leading zero is caught even where the digits left would still fit the field', () => {
    const [p] = yaml(spec('{ type: aws-service, service: s3.amazonaws.com }').replace('"111111111111"', '0111111111111'));
    expect(p).toMatchObject({ path: 'accounts[0].id', message: 'YAML reads the unquoted 0111111111111 as the number 111111111111, dropping the leading zero' });
  });

  test('GitHub owner and repository ids share the rule', () => {
    const text = spec('{ type: github-actions, issuer: gh, repository: octo/app, ownerId: 12345678901234567890, repositoryId: "42", branches: [main] }')
      .replace('issuers:\n', 'issuers:\n  gh:\n    url: https://token.actions.githubusercontent.com\n')
      .replace('{ cluster: existing }', '{ cluster: existing, gh: existing }');
    const [p] = yaml(text);
    expect(p.path).toBe('accounts[0].roles[0].trust[0].ownerId');
    expect(p.message).toMatch(/^YAML reads the unquoted 12345678901234567890 as the number 12345678901234567000/);
    expect(p.fix).toMatch(/ownerId: "12345678901234567890"$/);
  });

  test('the TypeScript API refuses a number that lost digits before it arrived', () => {
    const input = parseSpecYaml(GOOGLE('"1234567890"'), 'x').spec as unknown as SpecInput;
    const bad = structuredClone(input) as any;
    bad.accounts[0].roles[0].trust[0].uniqueId = 109876543210987654321;
    const [p] = refusal(() => validateSpec(bad));
    expect(p).toMatchObject({
      file: '<inline>',
      path: 'accounts[0].roles[0].trust[0].uniqueId',
      message: 'the Google service account unique id was given as the number 109876543210987650000, which cannot hold every digit of an id',
    });
    expect(p.fix).toMatch(/^write it as a quoted string, e.g. uniqueId: "112233445566778899000"/);
  });

  test('a number field keeps its number: maxSessionDuration: 3600.0 passes', () => {
    const model = accepts(spec('{ type: aws-service, service: s3.amazonaws.com }', '        maxSessionDuration: 3600.0\n'));
    expect(model.accounts[0].roles[0].maxSessionDuration).toBe(3600);
  });
});

describe('2. control characters in any value', () => {
  test('a `|` block leaves a newline in a sub: refused, naming the field and the character', () => {
    const text = spec('{ type: web-identity, issuers: [{ issuer: cluster, subjects: [x] }] }').replace(
      '          - { type: web-identity, issuers: [{ issuer: cluster, subjects: [x] }] }',
      '          - type: web-identity\n            issuers:\n              - issuer: cluster\n                subjects:\n                  - |\n                    system:serviceaccount:jobs:runner\n',
    );
    const [p] = synthRefusal(text);
    expect(p.path).toBe('accounts[0].roles[0].trust[0].issuers[0].subjects[0]');
    expect(p.message).toBe(
      'the value "system:serviceaccount:jobs:runner\\n" has the invisible character U+000A (line feed) at position 34; it would end up in a policy, a name, a tag or a generated file',
    );
    expect(p.fix).toMatch(/block keeps the final newline.*`\|-`/);
    expect(accepts(text.replace('- |\n', '- |-\n')).accounts[0].roles[0].trust).toHaveLength(1);
  });

  test.each([
    ['a tab in a description', '        description: "a\\tb"\n', 'accounts[0].roles[0].description', 'U+0009 (tab)'],
    ['a NUL in a tag key', '        tags: { "te\\0am": x }\n', 'accounts[0].roles[0].tags.te\u0000am', 'U+0000 (NUL)'],
    ['a bidi override in a tag value', '        tags: { team: "a\\u202Eb" }\n', 'accounts[0].roles[0].tags.team', 'U+202E (bidirectional control)'],
  ])('%s', (_name, role, path, char) => {
    const problems = yaml(spec('{ type: aws-service, service: s3.amazonaws.com }', role));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toContain(`invisible character ${char}`);
  });

  test('the TypeScript API is held to the same rule', () => {
    const input = structuredClone(parseSpecYaml(spec('{ type: aws-service, service: s3.amazonaws.com }'), 'x').spec) as any;
    input.accounts[0].roles[0].name = 'job\r';
    const [p] = refusal(() => validateSpec(input));
    expect(p).toMatchObject({ path: 'accounts[0].roles[0].name' });
    expect(p.message).toContain('U+000D (carriage return)');
  });
});

describe('3. IAM tag rules', () => {
  const tags = (t: string) => spec('{ type: aws-service, service: s3.amazonaws.com }', `        tags: ${t}\n`);
  test.each([
    [
      'a reserved aws: prefix',
      '{ "aws:team": x }',
      'accounts[0].roles[0].tags.aws:team',
      'the tag key "aws:team" starts with "aws:", which AWS reserves for its own tags',
      'rename the key without the "aws:" prefix, e.g. "team"',
    ],
    [
      'a key of 129 characters',
      `{ ${'k'.repeat(129)}: x }`,
      `accounts[0].roles[0].tags.${'k'.repeat(129)}`,
      /^the tag key "k+\.\.\." has 129 characters; IAM allows 1 to 128$/,
      'shorten the tag key',
    ],
    [
      'a value of 257 characters',
      `{ team: ${'v'.repeat(257)} }`,
      'accounts[0].roles[0].tags.team',
      'the tag value has 257 characters; IAM allows at most 256',
      'shorten the tag value to 256 characters or fewer',
    ],
    [
      "a character outside IAM's set",
      '{ team: "a*b" }',
      'accounts[0].roles[0].tags.team',
      'the tag value "a*b" has characters IAM does not allow: "*"',
      'use only letters, digits, spaces and _ . : / = + - @',
    ],
    [
      '51 tags',
      `{ ${Array.from({ length: 51 }, (_, i) => `t${i}: x`).join(', ')} }`,
      'accounts[0].roles[0].tags',
      'a role has 51 tags; IAM allows at most 50',
      'keep at most 50 tags',
    ],
  ])('%s is refused', (_name, t, path, message, fix) => {
    const p = onlyProblem(yaml(tags(t)));
    expect(p.path).toBe(path);
    if (typeof message === 'string') expect(p.message).toBe(message);
    else expect(p.message).toMatch(message);
    expect(p.fix).toBe(fix);
  });

  test('valid tags in any language, 50 of them, an empty value, pass', () => {
    const model = accepts(tags(`{ "Équipe": "données: ß/=+-@_.", empty: "", ${Array.from({ length: 48 }, (_, i) => `t${i}: x`).join(', ')} }`));
    expect(Object.keys(model.accounts[0].roles[0].tags)).toHaveLength(50);
  });
});

describe('5. files that are not UTF-8', () => {
  const text = spec('{ type: aws-service, service: s3.amazonaws.com }');
  const utf16le = (s: string) => Buffer.from(s, 'utf16le');
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const utf32le = (s: string) => Buffer.concat([...s].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0])));
  test.each<[string, Buffer, string]>([
    [
      'UTF-16 LE with a BOM (PowerShell 5 `>`)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]),
      'this file is not UTF-8 text: it is UTF-16 (little-endian, with a byte-order mark), as PowerShell 5 writes with `>`',
    ],
    [
      'UTF-16 BE with a BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
      'this file is not UTF-8 text: it is UTF-16 (big-endian, with a byte-order mark)',
    ],
    ['UTF-16 LE without a BOM', utf16le(text), 'this file is not UTF-8 text: it looks like UTF-16 (little-endian, no byte-order mark)'],
    ['UTF-16 BE without a BOM', utf16be(text), 'this file is not UTF-8 text: it looks like UTF-16 (big-endian, no byte-order mark)'],
    [
      'UTF-32 LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(text)]),
      'this file is not UTF-8 text: it is UTF-32 (little-endian, with a byte-order mark)',
    ],
    ['UTF-32 LE without a BOM', utf32le(text), 'this file is not UTF-8 text: it looks like UTF-32 (little-endian, no byte-order mark)'],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'this file is not UTF-8 text: it holds binary data (a zero byte at offset 8)',
    ],
    [
      'Latin-1 text',
      Buffer.from(text.replace('job', 'j\u00e9b'), 'latin1'),
      'this file is not UTF-8 text: byte 0xe9 at offset 219 is not UTF-8 (a Latin-1 or Windows-1252 file, or binary data)',
    ],
  ])('%s', (_name, bytes, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'spec.yaml'), bytes);
    const p = onlyProblem(refusal(() => loadSpecFile(join(dir, 'spec.yaml'))));
    expect(p.message).toBe(message);
    expect(p.fix).toMatch(
      _name.startsWith('UTF') ? /^save it as UTF-8: in PowerShell `Get-Content spec.yaml \| Set-Content -Encoding utf8/ : /^point SPEC_FILE/,
    );
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('UTF-8 with and without a BOM passes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(loadSpecFile(join(dir, 'a.yaml')).spec).toEqual(loadSpecFile(join(dir, 'b.yaml')).spec);
  });
});

describe('6. messages that point the right way', () => {
  const ok = spec('{ type: aws-service, service: s3.amazonaws.com }');

  test("very deep nesting says so, with the field and line, not the engine's stack overflow", () => {
    const deep = (n: number) => ok.replace('        trust:\n', `        description: ${'['.repeat(n)}${']'.repeat(n)}\n        trust:\n`);
    const [p] = yaml(deep(100));
    expect(p.message).toBe('the spec nests deeper than 64 levels here; no field of the spec is that deep');
    expect(p.path).toMatch(/^accounts\[0\]\.roles\[0\]\.description(\[0\])+$/);
    expect(p.file).toBe('spec.yaml:12');
    expect(p.fix).toMatch(/remove the extra nesting/);
    // So deep that the YAML parser itself gives up: the same message, at the line.
    expect(yaml(deep(5000))).toEqual([{ ...p, path: '(top level)' }]);
    // The TypeScript API, too.
    let nested: unknown = 'x';
    for (let i = 0; i < 10000; i++) nested = [nested];
    const input = structuredClone(parseSpecYaml(ok, 'x').spec) as any;
    input.accounts[0].roles[0].description = nested;
    expect(refusal(() => validateSpec(input))[0].message).toMatch(/nests deeper than 64 levels/);
  });

  test('several YAML documents: one problem with the line of the second, and no library hint', () => {
    const p = onlyProblem(yaml(`${ok}---\nversion: 1\n`));
    expect(p).toEqual({
      file: 'spec.yaml:14',
      path: '(document)',
      message: 'the file holds several YAML documents (a second one starts at line 14 with "---"); a spec is one document',
      fix: 'keep one document: remove the "---" line and merge what follows into the spec, or put it in a file of its own',
    });
  });

  test('thumbprints as a single string: one problem, not also "at most 5"', () => {
    const p = onlyProblem(
      yaml(
        ok.replace(
          '    url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC\n',
          '    url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC\n    thumbprints: 9e99a48a9960b14926bb7f3b02e22da2b0ab7280\n',
        ),
      ),
    );
    expect(p).toMatchObject({
      path: 'issuers.cluster.thumbprints',
      message: 'expected a list of thumbprints',
      fix: 'write thumbprints: [<40 hex characters>]',
      ruleId: 'IAM007',
    });
  });

  test('an account id of the wrong length shows the value read', () => {
    const [p] = yaml(ok.replace('"111111111111"', '11111111111'));
    expect(p.message).toBe('an AWS account id is exactly 12 digits; read the number 11111111111 (11 digits)');
    const [q] = yaml(ok.replace('"111111111111"', '"1111-1111-1111"'));
    expect(q.message).toBe('an AWS account id is exactly 12 digits; read "1111-1111-1111"');
  });

  test('an unknown trust type repeats the value', () => {
    const [p] = yaml(spec('{ type: k8s, issuer: cluster }'));
    expect(p).toMatchObject({ file: 'spec.yaml:13', path: 'accounts[0].roles[0].trust[0].type', message: 'unknown trust type "k8s"' });
    expect(p.fix).toMatch(/^use one of: data-platform-project, kubernetes-service-account, /);
  });

  test('grammar: "an account name"', () => {
    const [p] = yaml(ok.replace('name: platform', 'name: 1platform'));
    expect(p.message).toBe('an account name starts with a letter and has at most 64 letters, digits, "-" or "_"');
  });
});
