/** The JSON-to-HCL conversion of module files (the end-to-end test plans both forms against each other). */
import { hclString, toHcl } from '../src/modules/hcl';
import { moduleFormat } from '../src/synth';

describe('hclString', () => {
  test.each([
    ['plain', '"plain"'],
    ['${aws_iam_role.x.arn}', 'aws_iam_role.x.arn'],
    ['${merge({}, var.tags)}', 'merge({}, var.tags)'],
    ['arn:${var.partition}:iam::1:role/x', '"arn:${var.partition}:iam::1:role/x"'],
    ['say "hi" \\ \n', '"say \\"hi\\" \\\\ \\n"'],
    ['${jsonencode({"a" = "b"})}', 'jsonencode({"a" = "b"})'],
    ['x ${lookup({"k" = "}"}, "k")} y "q"', '"x ${lookup({"k" = "}"}, "k")} y \\"q\\""'],
    ['$${not.interpolated}', '"$${not.interpolated}"'],
  ])('%j -> %s', (input, expected) => {
    expect(hclString(input)).toBe(expected);
  });
});

describe('toHcl', () => {
  test('GIVEN a policy document with an empty condition list THEN it writes no condition block (JSON [] means no blocks)', () => {
    const hcl = toHcl({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:GetObject'], condition: [], effect: 'Allow' }] } } } });
    expect(hcl).toBe(
      ['data "aws_iam_policy_document" "d" {', '  statement {', '    actions = ["s3:GetObject"]', '    effect  = "Allow"', '  }', '}', ''].join('\n'),
    );
  });

  test('GIVEN depends_on, a variable type and an output object THEN references and types stay expressions, keys are bare when they can be', () => {
    const hcl = toHcl({
      variable: { tags: { default: {}, type: 'map(string)' } },
      resource: { aws_iam_role: { r: { depends_on: ['aws_iam_user.u', 'var.x'], name: 'r', tags: '${merge({}, var.tags)}' } } },
      output: { arns: { sensitive: true, value: { 'a-b': '${aws_iam_role.r.arn}', 'has space': 1, null: null } } },
    });
    expect(hcl).toContain('  type    = map(string)');
    expect(hcl).toContain('  depends_on = [aws_iam_user.u, var.x]');
    expect(hcl).toContain('  tags       = merge({}, var.tags)');
    expect(hcl).toContain(['  value = {', '    a-b         = aws_iam_role.r.arn', '    "has space" = 1', '    "null"      = null', '  }'].join('\n'));
  });

  test('GIVEN a top-level block it cannot render THEN it says so instead of guessing', () => {
    expect(() => toHcl({ provider: { aws: [{ region: 'x' }] } } as never)).toThrow('no HCL rendering for top-level "provider"');
  });
});

describe('moduleFormat', () => {
  test.each([
    [undefined, 'json', {}, 'json'],
    [undefined, 'hcl', {}, 'hcl'],
    [undefined, 'json', { MODULES_FORMAT: 'hcl' }, 'hcl'],
    [undefined, 'hcl', { MODULES_FORMAT: 'JSON' }, 'json'],
    [undefined, 'json', { SYNTH_HCL_OUTPUT: 'true' }, 'hcl'],
    [undefined, 'hcl', { SYNTH_HCL_OUTPUT: 'false' }, 'hcl'],
    ['json', 'hcl', { MODULES_FORMAT: 'hcl' }, 'json'],
  ] as const)('option %s, spec %s, env %j -> %s', (option, spec, env, expected) => {
    expect(moduleFormat(option, spec, env)).toBe(expected);
  });

  test('GIVEN MODULES_FORMAT=yaml THEN it is refused with the values it takes', () => {
    expect(() => moduleFormat(undefined, 'json', { MODULES_FORMAT: 'yaml' })).toThrow('set MODULES_FORMAT=json or MODULES_FORMAT=hcl');
  });
});
