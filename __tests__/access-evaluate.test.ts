/**
 * The IAM evaluator, one table per concern: GIVEN a policy, WHEN a request
 * comes, THEN the verdict and the deciding statement are exactly these.
 */
import { evaluatePolicy, type Decision } from '../src/access/evaluate/evaluate';
import type { AccessRequest, ContextValue } from '../src/access/evaluate/request';

const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const PROVIDER = `arn:aws:iam::222222222222:oidc-provider/${HOST}`;
const ROLE = 'arn:aws:iam::222222222222:role/target';

/** A trust policy with one statement for the OIDC provider, under the given condition block. */
const webTrust = (condition: Record<string, Record<string, unknown>>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: PROVIDER }, Condition: condition }],
});

const webRequest = (context: Record<string, ContextValue>): AccessRequest => ({
  principal: { type: 'Federated', id: PROVIDER },
  action: 'sts:AssumeRoleWithWebIdentity',
  resource: ROLE,
  context,
});

const SUB = `${HOST}:sub`;

interface ConditionCase {
  readonly name: string;
  readonly condition: Record<string, Record<string, unknown>>;
  readonly context: Record<string, ContextValue>;
  readonly verdict: Decision['verdict'];
}

const conditionCases: ConditionCase[] = [
  // StringEquals: exact, case-sensitive values, case-insensitive key names.
  {
    name: 'StringEquals matches the exact value',
    condition: { StringEquals: { [SUB]: 'system:serviceaccount:ns:sa' } },
    context: { [SUB]: 'system:serviceaccount:ns:sa' },
    verdict: 'allow',
  },
  {
    name: 'StringEquals values are case-sensitive',
    condition: { StringEquals: { [SUB]: 'system:serviceaccount:ns:sa' } },
    context: { [SUB]: 'system:serviceaccount:NS:sa' },
    verdict: 'deny',
  },
  {
    name: 'StringEquals key names are case-insensitive',
    condition: { StringEquals: { [SUB.toUpperCase()]: 'system:serviceaccount:ns:sa' } },
    context: { [SUB]: 'system:serviceaccount:ns:sa' },
    verdict: 'allow',
  },
  {
    name: 'StringEquals treats * literally',
    condition: { StringEquals: { [SUB]: 'system:serviceaccount:ns:*' } },
    context: { [SUB]: 'system:serviceaccount:ns:sa' },
    verdict: 'deny',
  },
  { name: 'StringEquals on a missing key is false', condition: { StringEquals: { [SUB]: 'x' } }, context: {}, verdict: 'deny' },
  { name: 'values under one key are ORed', condition: { StringEquals: { [SUB]: ['a', 'b'] } }, context: { [SUB]: 'b' }, verdict: 'allow' },
  {
    name: 'keys under one operator are ANDed',
    condition: { StringEquals: { [SUB]: 'a', [`${HOST}:aud`]: 'sts.amazonaws.com' } },
    context: { [SUB]: 'a', [`${HOST}:aud`]: 'other' },
    verdict: 'deny',
  },
  {
    name: 'operators are ANDed',
    condition: { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'x*' } },
    context: { [SUB]: 'y', [`${HOST}:aud`]: 'sts.amazonaws.com' },
    verdict: 'deny',
  },
  // StringNotEquals: NOR over the values; missing key holds.
  { name: 'StringNotEquals holds for another value', condition: { StringNotEquals: { [SUB]: ['a', 'b'] } }, context: { [SUB]: 'c' }, verdict: 'allow' },
  { name: 'StringNotEquals fails when any value equals', condition: { StringNotEquals: { [SUB]: ['a', 'b'] } }, context: { [SUB]: 'b' }, verdict: 'deny' },
  { name: 'StringNotEquals on a missing key holds', condition: { StringNotEquals: { [SUB]: 'a' } }, context: {}, verdict: 'allow' },
  {
    name: 'StringEqualsIgnoreCase ignores the case of values',
    condition: { StringEqualsIgnoreCase: { [SUB]: 'ABC' } },
    context: { [SUB]: 'abc' },
    verdict: 'allow',
  },
  {
    name: 'StringNotEqualsIgnoreCase fails on a case-only difference',
    condition: { StringNotEqualsIgnoreCase: { [SUB]: 'ABC' } },
    context: { [SUB]: 'abc' },
    verdict: 'deny',
  },
  // StringLike: * is any run including ':', ? is exactly one character.
  {
    name: 'StringLike * spans ":"',
    condition: { StringLike: { [SUB]: 'system:serviceaccount:*:sample-x' } },
    context: { [SUB]: 'system:serviceaccount:a:b:sample-x' },
    verdict: 'allow',
  },
  { name: 'StringLike * matches the empty run', condition: { StringLike: { [SUB]: 'abc*' } }, context: { [SUB]: 'abc' }, verdict: 'allow' },
  {
    name: 'StringLike ? matches exactly one character',
    condition: { StringLike: { [SUB]: 'sample-????' } },
    context: { [SUB]: 'sample-abcd' },
    verdict: 'allow',
  },
  {
    name: 'StringLike ? does not match zero characters',
    condition: { StringLike: { [SUB]: 'sample-????' } },
    context: { [SUB]: 'sample-abc' },
    verdict: 'deny',
  },
  {
    name: 'StringLike ? does not match two characters',
    condition: { StringLike: { [SUB]: 'sample-????' } },
    context: { [SUB]: 'sample-abcde' },
    verdict: 'deny',
  },
  { name: 'StringLike ? matches ":" and "-"', condition: { StringLike: { [SUB]: 'a??b' } }, context: { [SUB]: 'a:-b' }, verdict: 'allow' },
  { name: 'StringLike values are case-sensitive', condition: { StringLike: { [SUB]: 'Sample-*' } }, context: { [SUB]: 'sample-x' }, verdict: 'deny' },
  { name: 'StringLike on a missing key is false', condition: { StringLike: { [SUB]: '*' } }, context: {}, verdict: 'deny' },
  { name: 'StringNotLike holds when no pattern matches', condition: { StringNotLike: { [SUB]: ['a*', 'b*'] } }, context: { [SUB]: 'c' }, verdict: 'allow' },
  { name: 'StringNotLike fails when a pattern matches', condition: { StringNotLike: { [SUB]: ['a*', 'b*'] } }, context: { [SUB]: 'bz' }, verdict: 'deny' },
  { name: 'StringNotLike on a missing key holds', condition: { StringNotLike: { [SUB]: 'a*' } }, context: {}, verdict: 'allow' },
  // ArnLike / ArnEquals: part by part, wildcards inside a part only.
  {
    name: 'ArnLike matches a wildcard account part',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/x' } },
    context: { 'aws:SourceArn': 'arn:aws:iam::123456789012:role/x' },
    verdict: 'allow',
  },
  {
    name: 'ArnLike * stays inside its part',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/x' } },
    context: { 'aws:SourceArn': 'arn:aws:iam::1:2:role/x' },
    verdict: 'deny',
  },
  {
    name: 'ArnLike * in the resource part spans "/" and ":"',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket/*' } },
    context: { 'aws:SourceArn': 'arn:aws:s3:::bucket/a:b/c' },
    verdict: 'allow',
  },
  {
    name: 'ArnLike on a value that is not an ARN is false',
    condition: { ArnLike: { 'aws:SourceArn': '*:*:*:*:*:*' } },
    context: { 'aws:SourceArn': 'not-an-arn' },
    verdict: 'deny',
  },
  {
    name: 'ArnEquals accepts wildcards like ArnLike',
    condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sqs:eu-west-1:111111111111:q-?' } },
    context: { 'aws:SourceArn': 'arn:aws:sqs:eu-west-1:111111111111:q-1' },
    verdict: 'allow',
  },
  {
    name: 'ArnLike is case-sensitive',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/X' } },
    context: { 'aws:SourceArn': 'arn:aws:iam::1:role/x' },
    verdict: 'deny',
  },
  {
    name: 'ArnNotLike holds for another ARN',
    condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/x' } },
    context: { 'aws:SourceArn': 'arn:aws:iam::1:role/y' },
    verdict: 'allow',
  },
  {
    name: 'ArnNotEquals fails for the same ARN',
    condition: { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:iam::1:role/y' } },
    context: { 'aws:SourceArn': 'arn:aws:iam::1:role/y' },
    verdict: 'deny',
  },
  // Bool and Null.
  {
    name: 'Bool matches a boolean context value',
    condition: { Bool: { 'aws:SecureTransport': 'true' } },
    context: { 'aws:SecureTransport': true },
    verdict: 'allow',
  },
  {
    name: 'Bool policy values ignore case',
    condition: { Bool: { 'aws:SecureTransport': 'True' } },
    context: { 'aws:SecureTransport': 'true' },
    verdict: 'allow',
  },
  { name: 'Bool fails on the other value', condition: { Bool: { 'aws:SecureTransport': true } }, context: { 'aws:SecureTransport': 'false' }, verdict: 'deny' },
  { name: 'Bool on a missing key is false', condition: { Bool: { 'aws:SecureTransport': 'true' } }, context: {}, verdict: 'deny' },
  { name: 'BoolIfExists on a missing key holds', condition: { BoolIfExists: { 'aws:SecureTransport': 'true' } }, context: {}, verdict: 'allow' },
  { name: 'Null "true" holds when the key is absent', condition: { Null: { [SUB]: 'true' } }, context: {}, verdict: 'allow' },
  { name: 'Null "true" fails when the key is present', condition: { Null: { [SUB]: 'true' } }, context: { [SUB]: 'x' }, verdict: 'deny' },
  { name: 'Null "false" holds when the key is present', condition: { Null: { [SUB]: 'false' } }, context: { [SUB]: 'x' }, verdict: 'allow' },
  { name: 'Null "false" fails when the key is absent', condition: { Null: { [SUB]: 'false' } }, context: {}, verdict: 'deny' },
  // IpAddress / NotIpAddress: CIDR blocks, IPv4 and IPv6; an address alone is its own block.
  {
    name: 'IpAddress holds for an address inside the block',
    condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    context: { 'aws:SourceIp': '10.20.30.40' },
    verdict: 'allow',
  },
  {
    name: 'IpAddress fails for the address after the block',
    condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    context: { 'aws:SourceIp': '11.0.0.0' },
    verdict: 'deny',
  },
  {
    name: 'IpAddress ORs its blocks',
    condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.7'] } },
    context: { 'aws:SourceIp': '203.0.113.7' },
    verdict: 'allow',
  },
  {
    name: 'IpAddress with a lone address is that address only',
    condition: { IpAddress: { 'aws:SourceIp': '203.0.113.7' } },
    context: { 'aws:SourceIp': '203.0.113.8' },
    verdict: 'deny',
  },
  {
    name: 'IpAddress matches IPv6 blocks',
    condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
    context: { 'aws:SourceIp': '2001:db8:1234::1' },
    verdict: 'allow',
  },
  {
    name: 'IpAddress never matches an IPv4 address in an IPv6 block',
    condition: { IpAddress: { 'aws:SourceIp': '::/0' } },
    context: { 'aws:SourceIp': '10.0.0.1' },
    verdict: 'deny',
  },
  { name: 'IpAddress on a missing key is false', condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, context: {}, verdict: 'deny' },
  {
    name: 'NotIpAddress holds outside every block',
    condition: { NotIpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/8', '172.16.0.0/12'] } },
    context: { 'aws:VpcSourceIp': '192.168.1.1' },
    verdict: 'allow',
  },
  {
    name: 'NotIpAddress fails inside a block',
    condition: { NotIpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/8', '172.16.0.0/12'] } },
    context: { 'aws:VpcSourceIp': '172.31.255.255' },
    verdict: 'deny',
  },
  { name: 'NotIpAddress on a missing key holds', condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: {}, verdict: 'allow' },
  // IfExists.
  { name: 'StringEqualsIfExists on a missing key holds', condition: { StringEqualsIfExists: { [SUB]: 'a' } }, context: {}, verdict: 'allow' },
  { name: 'StringEqualsIfExists checks a present key', condition: { StringEqualsIfExists: { [SUB]: 'a' } }, context: { [SUB]: 'b' }, verdict: 'deny' },
  { name: 'StringLikeIfExists checks a present key', condition: { StringLikeIfExists: { [SUB]: 'a*' } }, context: { [SUB]: 'ab' }, verdict: 'allow' },
  // Set operators.
  {
    name: 'ForAnyValue:StringLike holds when one value matches',
    condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'team*' } },
    context: { 'aws:TagKeys': ['cost', 'team-a'] },
    verdict: 'allow',
  },
  {
    name: 'ForAnyValue:StringLike fails when none matches',
    condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'team*' } },
    context: { 'aws:TagKeys': ['cost', 'owner'] },
    verdict: 'deny',
  },
  { name: 'ForAnyValue on an absent key is false', condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, context: {}, verdict: 'deny' },
  {
    name: 'ForAnyValue...IfExists on an absent key is still false',
    condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } },
    context: {},
    verdict: 'deny',
  },
  {
    name: 'ForAnyValue:StringNotEquals holds when one value is outside',
    condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } },
    context: { 'aws:TagKeys': ['a', 'c'] },
    verdict: 'allow',
  },
  {
    name: 'ForAllValues:StringEquals holds for a subset',
    condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } },
    context: { 'aws:TagKeys': ['a', 'c'] },
    verdict: 'allow',
  },
  {
    name: 'ForAllValues:StringEquals fails with one value outside',
    condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
    context: { 'aws:TagKeys': ['a', 'z'] },
    verdict: 'deny',
  },
  { name: 'ForAllValues on an absent key holds', condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } }, context: {}, verdict: 'allow' },
  {
    name: 'ForAllValues:StringNotLike holds when no value matches',
    condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
    context: { 'aws:TagKeys': ['key2:audit'] },
    verdict: 'allow',
  },
  {
    name: 'ForAllValues:StringNotLike fails when one value matches',
    condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
    context: { 'aws:TagKeys': ['key1:hr', 'key2'] },
    verdict: 'deny',
  },
  // Numeric and Date.
  {
    name: 'NumericLessThanEquals compares numbers',
    condition: { NumericLessThanEquals: { 'sts:DurationSeconds': '3600' } },
    context: { 'sts:DurationSeconds': 3600 },
    verdict: 'allow',
  },
  {
    name: 'NumericLessThan fails at the bound',
    condition: { NumericLessThan: { 'sts:DurationSeconds': '3600' } },
    context: { 'sts:DurationSeconds': '3600' },
    verdict: 'deny',
  },
  {
    name: 'DateLessThan compares ISO dates',
    condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
    context: { 'aws:CurrentTime': '2029-12-31T23:59:59Z' },
    verdict: 'allow',
  },
  // Policy variables (Version 2012-10-17).
  {
    name: 'a policy variable takes its value from the request',
    condition: { StringEquals: { [SUB]: 'system:serviceaccount:${aws:PrincipalTag/ns}:sa' } },
    context: { [SUB]: 'system:serviceaccount:dev:sa', 'aws:PrincipalTag/ns': 'dev' },
    verdict: 'allow',
  },
];

describe('condition operators', () => {
  it.each(conditionCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const d = evaluatePolicy(webTrust(c.condition), webRequest(c.context), 'trust');
    expect(d.verdict).toBe(c.verdict);
    if (c.verdict === 'allow') expect(d.deciding).toEqual({ policy: 'trust', index: 0, sid: undefined });
    if (c.verdict === 'deny') expect(d.denial).toBe('implicit');
  });
});

interface CannotDecideCase {
  readonly name: string;
  readonly policy: unknown;
  readonly context?: Record<string, ContextValue>;
  /** The reason names the problem. */
  readonly mentions: string;
}

const allowStatement = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Action: 'sts:AssumeRoleWithWebIdentity',
  Principal: { Federated: PROVIDER },
  ...extra,
});

const cannotDecide: CannotDecideCase[] = [
  {
    name: 'an unknown operator',
    policy: webTrust({ StringEqualz: { [SUB]: 'a' } }),
    context: { [SUB]: 'a' },
    mentions: 'unknown condition operator "StringEqualz"',
  },
  {
    name: 'an unknown operator even when another condition fails',
    policy: webTrust({ StringEquals: { [SUB]: 'b' }, StringMatches: { [SUB]: 'a' } }),
    context: { [SUB]: 'a' },
    mentions: '"StringMatches"',
  },
  { name: 'an unknown set qualifier', policy: webTrust({ 'ForSomeValues:StringEquals': { [SUB]: 'a' } }), mentions: 'unknown set qualifier "ForSomeValues"' },
  { name: 'an operator it does not evaluate', policy: webTrust({ BinaryEquals: { 'aws:SourceIp': 'QmluYXJ5' } }), mentions: '"BinaryEquals" is not supported' },
  {
    name: 'an IpAddress value that is not a block',
    policy: webTrust({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }),
    context: { 'aws:SourceIp': '10.0.0.1' },
    mentions: '"10.0.0.0/33" is not an IPv4 or IPv6 address or CIDR block',
  },
  { name: 'Null with IfExists', policy: webTrust({ NullIfExists: { [SUB]: 'true' } }), mentions: 'NullIfExists' },
  { name: 'a Bool value that is not a boolean', policy: webTrust({ Bool: { 'aws:SecureTransport': 'yes' } }), mentions: '"yes" is not true or false' },
  { name: 'a number that is not a number', policy: webTrust({ NumericEquals: { 'sts:DurationSeconds': 'ten' } }), mentions: '"ten" is not a number' },
  {
    name: 'NotPrincipal',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::1:root' } }] },
    mentions: 'NotPrincipal',
  },
  {
    name: 'a wildcard inside a principal',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'arn:aws:iam::222222222222:oidc-provider/*' } }],
    },
    mentions: 'wildcard',
  },
  {
    name: 'an unknown statement element',
    policy: { Version: '2012-10-17', Statement: [allowStatement({ Conditions: {} })] },
    mentions: 'unknown statement element "Conditions"',
  },
  {
    name: 'an unknown principal type',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Role: 'x' } }] },
    mentions: 'unknown principal type "Role"',
  },
  {
    name: 'an Effect that is neither Allow nor Deny',
    policy: { Version: '2012-10-17', Statement: [allowStatement({ Effect: 'Permit' })] },
    mentions: 'Effect "Permit"',
  },
  { name: 'text that is not JSON', policy: '{"Version": ', mentions: 'not valid JSON' },
  { name: 'a document without statements', policy: { Version: '2012-10-17', Statement: [] }, mentions: 'no Statement' },
  {
    name: 'a single-valued operator on several request values',
    policy: webTrust({ StringEquals: { 'aws:TagKeys': 'a' } }),
    context: { 'aws:TagKeys': ['a', 'b'] },
    mentions: 'ForAnyValue: or ForAllValues:',
  },
  {
    name: 'a policy variable with no value in the request',
    policy: webTrust({ StringEquals: { [SUB]: '${aws:username}' } }),
    context: { [SUB]: 'a' },
    mentions: '${aws:username} has no value',
  },
];

describe('what the evaluator does not understand is "cannot decide", by name', () => {
  it.each(cannotDecide.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const d = evaluatePolicy(c.policy, webRequest(c.context ?? {}), 'trust');
    expect(d.verdict).toBe('cannot-decide');
    expect(d.reason).toContain(c.mentions);
  });
});

describe('explicit Deny wins', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowCluster',
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: PROVIDER },
        Condition: { StringLike: { [SUB]: 'system:serviceaccount:*' } },
      },
      { Sid: 'DenyKubeSystem', Effect: 'Deny', Action: 'sts:*', Principal: '*', Condition: { StringLike: { [SUB]: 'system:serviceaccount:kube-system:*' } } },
    ],
  };

  it('GIVEN an Allow and a Deny that both match WHEN evaluated THEN the Deny decides', () => {
    const d = evaluatePolicy(policy, webRequest({ [SUB]: 'system:serviceaccount:kube-system:x' }), 'trust');
    expect(d).toMatchObject({ verdict: 'deny', denial: 'explicit', deciding: { policy: 'trust', index: 1, sid: 'DenyKubeSystem' } });
  });

  it('GIVEN the Deny does not match WHEN evaluated THEN the Allow decides, named by index and Sid', () => {
    const d = evaluatePolicy(policy, webRequest({ [SUB]: 'system:serviceaccount:dev:x' }), 'trust');
    expect(d).toMatchObject({ verdict: 'allow', deciding: { index: 0, sid: 'AllowCluster' } });
  });

  it('GIVEN a Deny that cannot be decided WHEN an Allow matches THEN the answer is cannot decide', () => {
    const withVariable = { ...policy, Statement: [policy.Statement[0], { ...policy.Statement[1], Condition: { StringLike: { [SUB]: '${aws:username}' } } }] };
    const d = evaluatePolicy(withVariable, webRequest({ [SUB]: 'system:serviceaccount:dev:x' }), 'trust');
    expect(d).toMatchObject({ verdict: 'cannot-decide', deciding: { index: 1 } });
  });
});

describe('principals', () => {
  const trustOf = (principal: unknown, action = 'sts:AssumeRole') => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Principal: principal }],
  });
  const aws = (arn: string): AccessRequest => ({ principal: { type: 'AWS', arn }, action: 'sts:AssumeRole', resource: ROLE });
  // Every row has all five columns: jest hands a `done` callback to a test function with more parameters than the row.
  const cases: [string, unknown, AccessRequest, Decision['verdict'], boolean][] = [
    ['a role ARN matches that role', { AWS: 'arn:aws:iam::333333333333:role/airflow' }, aws('arn:aws:iam::333333333333:role/airflow'), 'allow', false],
    [
      'a role ARN matches a session of that role',
      { AWS: 'arn:aws:iam::333333333333:role/airflow' },
      aws('arn:aws:sts::333333333333:assumed-role/airflow/run-42'),
      'allow',
      false,
    ],
    [
      'a role ARN with a path matches a session (sessions carry no path)',
      { AWS: 'arn:aws:iam::333333333333:role/team/airflow' },
      aws('arn:aws:sts::333333333333:assumed-role/airflow/s'),
      'allow',
      false,
    ],
    [
      'a role ARN does not match a session of a same-named role in another account',
      { AWS: 'arn:aws:iam::333333333333:role/airflow' },
      aws('arn:aws:sts::999999999999:assumed-role/airflow/s'),
      'deny',
      false,
    ],
    [
      'a role ARN does not match a session of another role',
      { AWS: 'arn:aws:iam::333333333333:role/airflow' },
      aws('arn:aws:sts::333333333333:assumed-role/airflow-2/s'),
      'deny',
      false,
    ],
    [
      'a role ARN does not match the same name in another account',
      { AWS: 'arn:aws:iam::333333333333:role/airflow' },
      aws('arn:aws:iam::999999999999:role/airflow'),
      'deny',
      false,
    ],
    [
      'a session ARN matches only that session',
      { AWS: 'arn:aws:sts::333333333333:assumed-role/airflow/a' },
      aws('arn:aws:sts::333333333333:assumed-role/airflow/b'),
      'deny',
      false,
    ],
    ['an account root matches a role of the account', { AWS: 'arn:aws:iam::333333333333:root' }, aws('arn:aws:iam::333333333333:role/any'), 'allow', true],
    ['a bare 12-digit id matches a session in the account', { AWS: '333333333333' }, aws('arn:aws:sts::333333333333:assumed-role/any/s'), 'allow', true],
    ['an account root does not match another account', { AWS: 'arn:aws:iam::333333333333:root' }, aws('arn:aws:iam::444444444444:role/any'), 'deny', false],
    ['AWS "*" matches anyone', { AWS: '*' }, aws('arn:aws:iam::444444444444:role/any'), 'allow', false],
    [
      'a Service principal matches the service',
      { Service: 's3.amazonaws.com' },
      { principal: { type: 'Service', id: 's3.amazonaws.com' }, action: 'sts:AssumeRole' },
      'allow',
      false,
    ],
    [
      'a Service principal does not match another service',
      { Service: 's3.amazonaws.com' },
      { principal: { type: 'Service', id: 'ec2.amazonaws.com' }, action: 'sts:AssumeRole' },
      'deny',
      false,
    ],
    [
      'an AWS principal does not match a service',
      { AWS: 'arn:aws:iam::333333333333:root' },
      { principal: { type: 'Service', id: 's3.amazonaws.com' }, action: 'sts:AssumeRole' },
      'deny',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, principal, request, verdict, viaAccount) => {
    const d = evaluatePolicy(trustOf(principal), request, 'trust');
    expect(d.verdict).toBe(verdict);
    if (verdict === 'allow') expect(d.viaAccount ?? false).toBe(viaAccount);
  });

  it('a Federated principal matches the provider exactly, not the same host in another account', () => {
    const policy = trustOf({ Federated: PROVIDER }, 'sts:AssumeRoleWithWebIdentity');
    expect(evaluatePolicy(policy, webRequest({}), 'trust').verdict).toBe('allow');
    const other = { principal: { type: 'Federated', id: PROVIDER.replace('222222222222', '111111111111') }, action: 'sts:AssumeRoleWithWebIdentity' } as const;
    expect(evaluatePolicy(policy, other, 'trust').verdict).toBe('deny');
  });

  it('accounts.google.com is a Federated principal of its own', () => {
    const policy = trustOf({ Federated: 'accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity');
    expect(
      evaluatePolicy(policy, { principal: { type: 'Federated', id: 'accounts.google.com' }, action: 'sts:AssumeRoleWithWebIdentity' }, 'trust').verdict,
    ).toBe('allow');
    expect(evaluatePolicy(policy, webRequest({}), 'trust').verdict).toBe('deny');
  });
});

describe('actions and resources', () => {
  it('actions match case-insensitively and with wildcards', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'STS:Assume*', Principal: { Service: 's3.amazonaws.com' } }] };
    expect(evaluatePolicy(policy, { principal: { type: 'Service', id: 's3.amazonaws.com' }, action: 'sts:AssumeRole' }, 'trust').verdict).toBe('allow');
    expect(evaluatePolicy(policy, { principal: { type: 'Service', id: 's3.amazonaws.com' }, action: 'sts:TagSession' }, 'trust').verdict).toBe('deny');
  });

  it('an identity policy allows only the listed resources', () => {
    const grant = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::444444444444:role/airflow-emr'] }],
    };
    expect(evaluatePolicy(grant, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::444444444444:role/airflow-emr' }, 'identity').verdict).toBe('allow');
    expect(evaluatePolicy(grant, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::444444444444:role/airflow-emr2' }, 'identity').verdict).toBe('deny');
  });

  it('NotAction and NotResource exclude', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:iam::1:role/admin' }] };
    expect(evaluatePolicy(policy, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::1:role/x' }, 'identity').verdict).toBe('allow');
    expect(evaluatePolicy(policy, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::1:role/admin' }, 'identity').verdict).toBe('deny');
    expect(evaluatePolicy(policy, { action: 'iam:PassRole', resource: 'arn:aws:iam::1:role/x' }, 'identity').verdict).toBe('deny');
  });

  it('a trust statement with a Resource, or an identity statement with a Principal, cannot be decided', () => {
    const withResource = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*', Resource: '*' }] };
    expect(evaluatePolicy(withResource, { action: 'sts:AssumeRole' }, 'trust').reason).toContain('takes no Resource');
    expect(evaluatePolicy(withResource, { action: 'sts:AssumeRole', resource: 'x' }, 'identity').reason).toContain('takes no Principal');
  });
});
