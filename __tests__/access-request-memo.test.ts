/**
 * The request memos of the access proof (src/access/evaluate/request.ts,
 * src/access/identities/identities.ts): a context or caller that can still change is
 * never answered from a memo, and a derived identity's request is the same
 * object on every role, so it is normalized once.
 */
import { evaluatePolicy } from '../src/access/evaluate/evaluate';
import { deriveIdentities, requestFor, type Caller } from '../src/access/identities/identities';
import { normalizeContext, type AccessRequest, type ContextValue } from '../src/access/evaluate/request';
import { loadSpec } from '../src/synth';
import { resolveModel } from '../src/model/resolve';

const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const PROVIDER = `arn:aws:iam::222222222222:oidc-provider/${HOST}`;
const ROLE = 'arn:aws:iam::222222222222:role/target';
const trust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: PROVIDER },
      Condition: { StringEquals: { [`${HOST}:sub`]: 'system:serviceaccount:a:b' } },
    },
  ],
};
const request = (context: Record<string, ContextValue>): AccessRequest => ({
  principal: { type: 'Federated', id: PROVIDER },
  action: 'sts:AssumeRoleWithWebIdentity',
  resource: ROLE,
  context,
});

describe('request memos', () => {
  it('GIVEN a context a library caller changes between two calls WHEN evaluated twice THEN each call sees the context as it is then', () => {
    const context: Record<string, ContextValue> = { [`${HOST}:sub`]: 'system:serviceaccount:a:b' };
    expect(evaluatePolicy(trust, request(context), 'trust').verdict).toBe('allow');
    context[`${HOST}:sub`] = 'system:serviceaccount:a:other';
    expect(evaluatePolicy(trust, request(context), 'trust').verdict).toBe('deny');
  });

  it('GIVEN a frozen context WHEN normalized twice THEN the same map comes back, equal to a fresh normalization', () => {
    const frozen = Object.freeze({ 'Aws:SourceIp': '10.0.0.1', 'x:Tags': Object.freeze(['a', 'b']) });
    const first = normalizeContext(frozen);
    expect(normalizeContext(frozen)).toBe(first);
    expect([...first]).toEqual([...normalizeContext({ ...frozen })]);
    expect(first.get('aws:sourceip')).toEqual(['10.0.0.1']);
  });

  it('GIVEN a web-identity caller whose claims are changed in place WHEN its request is built again THEN the context has the new claim', () => {
    const claims: Record<string, string> = { sub: 'system:serviceaccount:a:b', aud: 'sts.amazonaws.com' };
    const caller: Caller = { kind: 'web-identity', issuerHost: HOST, claims };
    expect(requestFor(caller, 'aws', '222222222222', ROLE).context).toEqual({
      [`${HOST}:sub`]: 'system:serviceaccount:a:b',
      [`${HOST}:aud`]: 'sts.amazonaws.com',
    });
    claims.sub = 'system:serviceaccount:a:other';
    expect(requestFor(caller, 'aws', '222222222222', ROLE).context?.[`${HOST}:sub`]).toBe('system:serviceaccount:a:other');
  });

  it('GIVEN the identities derived from the default example WHEN a web identity tries two roles THEN both requests carry the same frozen context, with the claims under the issuer host', () => {
    const model = resolveModel(loadSpec(''));
    const web = deriveIdentities(model).filter((i) => i.caller.kind === 'web-identity');
    expect(web.length).toBeGreaterThan(0);
    for (const { caller } of web) {
      expect(Object.isFrozen(caller)).toBe(true);
      const a = requestFor(caller, 'aws', '111111111111', 'arn:aws:iam::111111111111:role/a');
      const b = requestFor(caller, 'aws', '222222222222', 'arn:aws:iam::222222222222:role/b');
      expect(b.context).toBe(a.context);
      expect(Object.isFrozen(a.context)).toBe(true);
      const host = (caller as Extract<Caller, { kind: 'web-identity' }>).issuerHost;
      for (const [k, v] of Object.entries((caller as Extract<Caller, { kind: 'web-identity' }>).claims))
        expect(a.context?.[k.includes(':') ? k : `${host}:${k}`]).toBe(v);
    }
  });
});
