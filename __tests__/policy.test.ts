/** Statement merging keeps exactly what the statements allow. */
import { mergeStatements, toIamPolicy, type Statement } from '../src/policy/document';

const fed = (arn: string) => [{ type: 'Federated' as const, identifiers: [arn] }];
const web = (arn: string, sub: string[], aud = 'sts.amazonaws.com'): Statement => ({
  effect: 'Allow',
  actions: ['sts:AssumeRoleWithWebIdentity'],
  principals: fed(arn),
  conditions: [
    { test: 'StringEquals', variable: 'h:sub', values: sub },
    { test: 'StringEquals', variable: 'h:aud', values: [aud] },
  ],
});

describe('mergeStatements', () => {
  test('two subjects of one provider become one statement listing both (values under a key are ORed)', () => {
    expect(mergeStatements([web('p', ['a']), web('p', ['b'])])).toEqual([web('p', ['a', 'b'])]);
  });

  test('statements differing in two keys stay apart: merging would allow sub a with aud y', () => {
    const merged = mergeStatements([web('p', ['a'], 'x'), web('p', ['b'], 'y')]);
    expect(merged).toHaveLength(2);
  });

  test('different providers with different conditions stay apart', () => {
    expect(mergeStatements([web('p', ['a']), web('q', ['b'])])).toHaveLength(2);
  });

  test('unconditioned AssumeRole statements join their principals', () => {
    const role: Statement = { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::1:role/a'] }] };
    const svc: Statement = { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }] };
    expect(toIamPolicy({ statements: mergeStatements([role, svc]) }).Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::1:role/a', Service: 's3.amazonaws.com' } },
    ]);
  });

  test('different actions never merge', () => {
    const a: Statement = { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['x'] }] };
    const b: Statement = { ...a, actions: ['sts:TagSession'], principals: [{ type: 'AWS', identifiers: ['y'] }] };
    expect(mergeStatements([a, b])).toEqual([a, b]);
  });

  test('Deny statements are never merged', () => {
    const d: Statement = { effect: 'Deny', actions: ['s3:*'], resources: ['*'] };
    expect(mergeStatements([d, d])).toEqual([d, d]);
  });

  test('identical statements collapse into one', () => {
    expect(mergeStatements([web('p', ['a']), web('p', ['a'])])).toEqual([web('p', ['a'])]);
  });
});
