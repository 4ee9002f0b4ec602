/**
 * The resolver chooses the operator of an exact match (src/model/exact-match.ts): a StringLike with no
 * wildcard is written StringEquals in every document it writes, unless the role (or its account) suppresses
 * TRUST008 and so keeps its documents as written. The lint pack only reports the choice (lint-model.test.ts).
 */
import { asWritten, exactMatchOperators } from '../src/model/exact-match';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import type { PolicyDocument } from '../src/policy/document';
import { validateSpec } from '../src/input/load';
import { specWith, type AnySpec } from './helpers/spec';

const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
const doc = (...conditions: [string, string, string[]][]): PolicyDocument => ({
  statements: [
    { effect: 'Allow', actions: ['sts:AssumeRoleWithWebIdentity'], conditions: conditions.map(([test, variable, values]) => ({ test, variable, values })) },
  ],
});
const tests = (d: PolicyDocument) => d.statements.flatMap((s) => (s.conditions ?? []).map((c) => [c.test, c.written]));

describe('GIVEN a document the builders wrote', () => {
  it('WHEN a StringLike has no wildcard THEN it is StringEquals, marked as written StringLike, and a pattern is left alone', () => {
    const written = doc(['StringLike', `${EKS}:sub`, ['system:serviceaccount:ns:sa']], ['StringLike', `${EKS}:aud`, ['sts.*']]);
    const chosen = exactMatchOperators(written);
    expect(tests(chosen)).toEqual([
      ['StringEquals', 'StringLike'],
      ['StringLike', undefined],
    ]);
    // The input is untouched, and the document as written comes back from the choice.
    expect(tests(written)).toEqual([
      ['StringLike', undefined],
      ['StringLike', undefined],
    ]);
    expect(asWritten(chosen)).toEqual(written);
  });

  it('WHEN its only wildcard is escaped (${*}) THEN it is a literal, and the StringLike is rewritten', () => {
    expect(tests(exactMatchOperators(doc(['StringLike', 'aws:PrincipalTag/team', ['a${*}b']])))).toEqual([['StringEquals', 'StringLike']]);
  });

  it('WHEN a StringEquals tests the same key (in any case), or a value is a pattern THEN the same document comes back', () => {
    const merged = doc(['StringLike', 'aws:PrincipalTag/team', ['a']], ['StringEquals', 'AWS:PrincipalTag/team', ['b']]);
    expect(exactMatchOperators(merged)).toBe(merged);
    const pattern = doc(['StringLike', 'aws:PrincipalTag/team', ['a', 'b*']]);
    expect(exactMatchOperators(pattern)).toBe(pattern);
    expect(asWritten(pattern)).toBe(pattern);
  });

  it('WHEN the role keeps its documents as written THEN the same document comes back', () => {
    const written = doc(['StringLike', `${EKS}:sub`, ['system:serviceaccount:ns:sa']]);
    expect(exactMatchOperators(written, true)).toBe(written);
  });
});

describe('GIVEN a spec with an exact-match StringLike in a trust entry, an inline policy, a customer-managed policy', () => {
  const spec = (suppress?: 'role' | 'account'): AnySpec =>
    specWith((s) => {
      const account = s.accounts[0];
      const role = account.roles[0];
      role.trust[0].conditions = [{ test: 'StringLike', key: 'aws:PrincipalTag/team', values: ['payments'] }];
      const statements = [
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['home'] }] },
      ];
      role.inlinePolicies = [{ name: 'read', statements }];
      account.policies = [{ name: 'shared-read', statements }];
      const suppression = [{ rule: 'TRUST008', reason: 'imported as it was' }];
      if (suppress === 'role') role.suppressions = suppression;
      if (suppress === 'account') account.suppressions = suppression;
    });
  const operators = (m: Model) => {
    const a = m.accounts[0];
    const r = a.roles[0];
    const of = (d: PolicyDocument, variable: string) => d.statements.flatMap((s) => s.conditions ?? []).find((c) => c.variable === variable)?.test;
    return [of(r.trustPolicy, 'aws:PrincipalTag/team'), of(r.inlinePolicies[0].document, 's3:prefix'), of(a.policies[0].document, 's3:prefix')];
  };

  it('WHEN resolved THEN every document the resolver hands on says StringEquals', () => {
    expect(operators(resolveModel(validateSpec(spec(), 'spec.yaml')))).toEqual(['StringEquals', 'StringEquals', 'StringEquals']);
  });

  it('WHEN the role suppresses TRUST008 THEN its documents keep StringLike, and the account policy does not', () => {
    expect(operators(resolveModel(validateSpec(spec('role'), 'spec.yaml')))).toEqual(['StringLike', 'StringLike', 'StringEquals']);
  });

  it('WHEN the account suppresses TRUST008 THEN every document of it keeps StringLike', () => {
    expect(operators(resolveModel(validateSpec(spec('account'), 'spec.yaml')))).toEqual(['StringLike', 'StringLike', 'StringLike']);
  });
});
