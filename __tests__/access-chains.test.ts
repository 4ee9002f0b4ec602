/**
 * Role chains: the hops come from the same evaluation as every cell, a chain
 * is declared only when every hop is, and the three flags (a chain the spec
 * does not declare, a cycle, a chained role whose maxSessionDuration is above
 * 3600) are raised where they hold, and only there.
 */
import { ChainCollector, type ChainReport } from '../src/access/proof/chains';
import { evaluateTrust } from '../src/access/evaluate-trust';
import { policySetFromModel, type PolicySet } from '../src/access/evaluate/policy-set';
import { AccessSweep } from '../src/access/proof/sweep';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { validateSpec } from '../src/input/load';
import { account } from './helpers/model';

const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111BBBB2222CCCC3333DDDD4444';
const WORKER = 'oidc eks sub=system:serviceaccount:ns:sa aud=sts.amazonaws.com';

function chainsOf(model: Model, policies: PolicySet = policySetFromModel(model), hops?: number): ChainReport {
  const sweep = new AccessSweep(model, policies);
  const chains = new ChainCollector(sweep, hops);
  for (const r of sweep.results()) chains.add(r);
  return chains.finish();
}

const spec = validateSpec(
  {
    version: 1,
    issuers: { eks: { url: `https://${HOST}` } },
    accounts: [
      account(
        'a',
        '111111111111',
        ['eks'],
        [{ name: 'worker', trust: [{ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'sa' }] }],
      ),
      account(
        'b',
        '222222222222',
        ['eks'],
        [
          { name: 'side', trust: [{ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'sa' }] },
          { name: 'step', maxSessionDuration: 7200, trust: [{ type: 'aws-role', role: 'worker', account: 'a' }] },
          { name: 'last', trust: [{ type: 'aws-role', role: 'step' }] },
        ],
      ),
    ],
  },
  'chains.yaml',
);
const model = resolveModel(spec);

describe('role chains', () => {
  const report = chainsOf(model);

  it('follows declared hops across accounts, with the path from the first identity', () => {
    expect(report.chains).toEqual([
      { identity: WORKER, roles: ['a/worker', 'b/step'], declared: true },
      { identity: WORKER, roles: ['a/worker', 'b/step', 'b/last'], declared: true },
    ]);
    expect(report.flags.undeclared).toEqual([]);
  });

  it('stops at the given number of hops', () => {
    expect(chainsOf(model, undefined, 2).chains.map((c) => c.roles.length)).toEqual([2]);
  });

  it('flags two roles that can assume each other as a cycle (the spec refuses one; a plan or an export can hold one)', () => {
    expect(report.flags.cycles).toEqual([]);
    const policies = policySetFromModel(model);
    const looped = {
      ...policies,
      roles: policies.roles.map((r) => {
        if (r.name !== 'step') return r;
        const trust = r.trust as { Statement: unknown[] };
        return {
          ...r,
          trust: {
            ...trust,
            Statement: [...trust.Statement, { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::222222222222:role/last' } }],
          },
        };
      }),
    };
    const flags = chainsOf(model, looped).flags;
    expect(flags.cycles).toEqual([['b/step', 'b/last']]);
    expect(flags.undeclared.some((c) => c.roles.join(' ') === 'a/worker b/step b/last')).toBe(false);
  });

  it('flags a chained role whose maxSessionDuration is above 3600', () => {
    expect(report.flags.longSessions).toEqual([{ role: 'b/step', maxSessionDuration: 7200, reachedFrom: ['a/worker'] }]);
  });

  it('flags a chain through a hop the spec does not declare: a trust policy widened to the account root', () => {
    const policies = policySetFromModel(model);
    const widened = {
      ...policies,
      roles: policies.roles.map((r) =>
        r.name !== 'last'
          ? r
          : {
              ...r,
              trust: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::222222222222:root' } }],
              },
            },
      ),
    };
    const undeclared = chainsOf(model, widened).flags.undeclared;
    // Through the root, a role of the account also needs its own identity policy to allow the call: b/side has none yet.
    expect(undeclared).toEqual([]);
    const callers = new Map(widened.callers);
    callers.set('222222222222/side', {
      unread: [],
      policies: [{ name: 'chain', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }],
    });
    expect(chainsOf(model, { ...widened, callers }).flags.undeclared).toEqual([{ identity: WORKER, roles: ['b/side', 'b/last'], declared: false }]);
  });
});

describe('evaluateTrust: a raw trust document against one caller', () => {
  it('decides a raw export document for a web-identity caller, naming the deciding statement', () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${HOST}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:ns:sa', [`${HOST}:aud`]: 'sts.amazonaws.com' } },
        },
      ],
    });
    const caller = (sub: string) => ({ kind: 'web-identity' as const, issuerHost: HOST, claims: { sub, aud: 'sts.amazonaws.com' } });
    expect(evaluateTrust('arn:aws:iam::111111111111:role/worker', trust, caller('system:serviceaccount:ns:sa'))).toMatchObject({
      verdict: 'allow',
      deciding: { policy: 'trust', index: 0 },
    });
    expect(evaluateTrust('arn:aws:iam::111111111111:role/worker', trust, caller('system:serviceaccount:ns:other')).verdict).toBe('deny');
    expect(() => evaluateTrust('arn:aws:iam::111111111111:user/u', trust, caller('x'))).toThrow('is not an IAM role ARN');
  });
});
