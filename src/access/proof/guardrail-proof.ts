/**
 * What the organization's guardrails fence, proved against the hand-made
 * worst case: a hypothetical role in a member account whose trust admits
 * anyone of a kind (an issuer with `sub = *`, `AWS: "*"`, a service). The
 * same evaluator as every other check (`evaluateAssumeRole` with the RCPs):
 *
 *  - a token of a foreign tenant of each fenced issuer, one per fenced claim,
 *    is denied by the tenant fence; a token of the spec's tenant is allowed;
 *  - a token of an issuer the spec does not name is denied by the providers fence;
 *  - a principal outside the organization that the spec does not declare is
 *    denied by the identity perimeter; a third party without its external id
 *    too; the organization's own principals and declared third parties are allowed;
 *  - an AWS service acting for an account outside the organization is denied.
 *
 * A check that does not come out as expected is a PROOF001 error at
 * `organization` (proof-gate.ts): synth stops, as for any other check.
 */
import type { GuardrailName } from '../../input/sections/organization';
import type { Model } from '../../model/types';
import { globMatch } from '../../policy/glob';
import type { IamPolicy } from '../../policy/document';
import { statementLabel } from '../../policy/iam-json';
import { evaluateAssumeRole } from '../evaluate/assume-role';
import type { Verdict } from '../evaluate/evaluate';
import { guardrailInput, guardrailsOf, outsideAccount, type Guardrails } from '../evaluate/guardrail-context';
import type { ContextValue, RequestPrincipal } from '../evaluate/request';

export interface GuardrailCheck {
  /** The fence the check is about. */
  readonly fence: GuardrailName;
  /** The caller, in words. */
  readonly caller: string;
  /** What the hypothetical role trusts, in words. */
  readonly trusts: string;
  readonly expected: 'allow' | 'deny';
  readonly actual: Verdict;
  /** The RCP statement that denied, or what allowed. */
  readonly deciding: string;
  readonly reason: string;
  /** As expected, and a denial comes from a resource control policy (the hypothetical trust allows). */
  readonly ok: boolean;
  /** The request, for a second opinion: the caller, its context (the RCPs' view), the hypothetical trust and action. */
  readonly request: {
    readonly principal: RequestPrincipal;
    readonly action: string;
    readonly context: Readonly<Record<string, ContextValue>>;
    readonly trust: IamPolicy;
  };
}

export interface GuardrailProof {
  /** The hypothetical role the checks assume. */
  readonly role?: string;
  readonly checks: readonly GuardrailCheck[];
  /** Issuers whose tenant no fence checks, with why. */
  readonly unfenced: readonly string[];
}

const FOREIGN_ISSUER = 'oidc.foreign-issuer.example.com';
const trustOf = (principal: Record<string, string>, condition?: IamPolicy['Statement'][number]['Condition']): IamPolicy => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: principal.Federated ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

/** A value of the tenant: a pattern's `*` filled. */
const tenantValue = (values: readonly string[]) => values[0].replace(/\*/g, 'example').replace(/\?/g, 'x');

/** A value of another tenant: the tenant part changed, matching none of the values. */
export function foreignValue(values: readonly string[]): string | undefined {
  const v = values[0];
  const star = v.indexOf('*');
  let out: string;
  if (star > 0 && /[/:]/.test(v[star - 1])) out = `${v.slice(0, star - 1)}-foreign${v[star - 1]}example`;
  else if (/^\d+$/.test(v)) out = `${v}0`;
  else out = `${v.replace(/\*/g, 'example')}-foreign`;
  return values.some((p) => globMatch(p, out)) ? undefined : out;
}

/** The guardrail checks of a model; none without an organization or without a member account under its policies. */
export function guardrailProof(model: Model, guardrails: Guardrails | undefined = guardrailsOf(model)): GuardrailProof {
  const org = model.organization;
  if (!org || !guardrails) return { checks: [], unfenced: [] };
  const unfenced = org.issuers.filter((i) => i.kind === 'unknown').map((i) => `${i.host} (${i.issuer}): ${i.kind === 'unknown' ? i.why : ''}`);
  const member = model.accounts.find((a) => !guardrails.exempt.has(a.id));
  if (!member) return { checks: [], unfenced };
  const roleArn = `arn:${member.partition}:iam::${member.id}:role/hand-made-worst-case`;
  const chosen = new Set(org.guardrails);
  const checks: GuardrailCheck[] = [];

  const check = (
    fence: GuardrailName,
    caller: string,
    trusts: string,
    trust: IamPolicy,
    principal: RequestPrincipal,
    context: Record<string, ContextValue>,
    expected: 'allow' | 'deny',
  ) => {
    const rcps = guardrailInput(guardrails, member.id, principal, context);
    const d = evaluateAssumeRole({ roleArn, trust, caller: principal, context, ...rcps });
    const byRcp = d.rcp?.verdict === 'deny' && d.rcp.denial === 'explicit';
    const deciding =
      byRcp && d.rcp?.deciding ? `${d.rcp.deciding.policy} ${statementLabel(d.rcp.deciding)}` : d.verdict === 'allow' ? 'the hypothetical trust' : '';
    const ok = expected === 'deny' ? d.verdict === 'deny' && byRcp : d.verdict === 'allow';
    const action = principal.type === 'Federated' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole';
    checks.push({
      fence,
      caller,
      trusts,
      expected,
      actual: d.verdict,
      deciding,
      reason: d.reason,
      ok,
      request: { principal, action, context: rcps.rcpContext ?? context, trust },
    });
  };
  const provider = (host: string) => `arn:${member.partition}:iam::${member.id}:oidc-provider/${host}`;
  const token = (host: string, claims: Record<string, string>): [RequestPrincipal, Record<string, ContextValue>] => [
    { type: 'Federated', id: host === 'accounts.google.com' ? host : provider(host) },
    Object.fromEntries(Object.entries(claims).map(([k, v]) => [`${host}:${k}`, v])),
  ];
  const anySub = (host: string) => trustOf({ Federated: host === 'accounts.google.com' ? host : provider(host) }, { StringLike: { [`${host}:sub`]: '*' } });

  for (const i of org.issuers) {
    const trusts = `${i.host} with sub = *`;
    if (i.kind !== 'claims' || !chosen.has('oidc-tenants')) {
      if (chosen.has('oidc-providers')) {
        check(
          'oidc-providers',
          `a token of ${i.issuer} (${i.kind === 'issuer' ? 'the issuer is the tenant' : 'tenant unfenced'})`,
          trusts,
          anySub(i.host),
          ...token(i.host, { sub: 'example', aud: 'sts.amazonaws.com' }),
          'allow',
        );
      }
      continue;
    }
    const own: Record<string, string> = { sub: 'example', aud: 'sts.amazonaws.com' };
    for (const c of i.claims) own[c.claim] = tenantValue(c.values);
    check(
      'oidc-tenants',
      `a token of the spec's tenant of ${i.issuer} (${i.claims.map((c) => `${c.claim} ${own[c.claim]}`).join(', ')})`,
      trusts,
      anySub(i.host),
      ...token(i.host, own),
      'allow',
    );
    for (const c of i.claims) {
      const foreign = foreignValue(c.values);
      if (foreign === undefined) continue;
      check(
        'oidc-tenants',
        `a token of a foreign tenant of ${i.issuer} (${c.claim} ${foreign})`,
        trusts,
        anySub(i.host),
        ...token(i.host, { ...own, [c.claim]: foreign }),
        'deny',
      );
    }
  }
  if (chosen.has('oidc-providers') && org.issuers.length > 0) {
    check(
      'oidc-providers',
      `a token of an issuer the spec does not name (${FOREIGN_ISSUER})`,
      `${FOREIGN_ISSUER} with sub = *`,
      anySub(FOREIGN_ISSUER),
      ...token(FOREIGN_ISSUER, { sub: 'example', aud: 'sts.amazonaws.com' }),
      'deny',
    );
  }

  if (chosen.has('identity-perimeter')) {
    const anyone = trustOf({ AWS: '*' });
    const outsider = outsideAccount([...guardrails.members, ...org.thirdParties.map((t) => t.account)]);
    const role = (account: string) => ({ type: 'AWS' as const, arn: `arn:${member.partition}:iam::${account}:role/caller` });
    check('identity-perimeter', `a role of the organization (account ${member.id})`, 'AWS: "*"', anyone, role(member.id), {}, 'allow');
    check(
      'identity-perimeter',
      `a role of an account outside the organization the spec does not declare (${outsider})`,
      'AWS: "*"',
      anyone,
      role(outsider),
      {},
      'deny',
    );
    for (const t of org.thirdParties) {
      if (t.externalIds.length === 0) {
        check(
          'identity-perimeter',
          `a role of the third party ${t.account} (trusted without an external id)`,
          'AWS: "*"',
          anyone,
          role(t.account),
          {},
          'allow',
        );
        continue;
      }
      check(
        'identity-perimeter',
        `a role of the third party ${t.account} with its external id`,
        'AWS: "*"',
        anyone,
        role(t.account),
        { 'sts:ExternalId': t.externalIds[0] },
        'allow',
      );
      check('identity-perimeter', `a role of the third party ${t.account} without an external id`, 'AWS: "*"', anyone, role(t.account), {}, 'deny');
      check(
        'identity-perimeter',
        `a role of the third party ${t.account} with another external id`,
        'AWS: "*"',
        anyone,
        role(t.account),
        { 'sts:ExternalId': `${t.externalIds[0]}-other` },
        'deny',
      );
    }
    for (const other of org.otherOrganizations) {
      check('identity-perimeter', `a role of the trusted organization ${other}`, 'AWS: "*"', anyone, role(outsider), { 'aws:PrincipalOrgID': other }, 'allow');
    }
  }

  if (chosen.has('confused-deputy')) {
    const service = 'lambda.amazonaws.com';
    const trust = trustOf({ Service: service });
    const principal = { type: 'Service' as const, id: service };
    const outsider = outsideAccount([...guardrails.members, ...org.serviceSources.accounts], 999999999998);
    check(
      'confused-deputy',
      `${service} for a resource of the organization (aws:SourceAccount ${member.id})`,
      `Service ${service}`,
      trust,
      principal,
      { 'aws:SourceAccount': member.id },
      'allow',
    );
    check(
      'confused-deputy',
      `${service} for a resource outside the organization (aws:SourceAccount ${outsider})`,
      `Service ${service}`,
      trust,
      principal,
      { 'aws:SourceAccount': outsider },
      'deny',
    );
  }
  return { role: roleArn, checks, unfenced };
}

/** The ACCESS.md section on the guardrails. */
export function guardrailMarkdown(model: Model, proof: GuardrailProof): string[] {
  const org = model.organization;
  if (!org) return [];
  const lines = ['## Guardrails', ''];
  if (!proof.role)
    return [
      ...lines,
      `No spec account is under the resource control policies of ${org.id} (RCPs never apply to the management account), so no check runs.`,
      '',
    ];
  lines.push(
    `The resource control policies of ${org.id} (\`${org.guardrails.join('`, `')}\`), evaluated with each role's trust above, and here against the hand-made worst case: the hypothetical role \`${proof.role}\`, whose trust admits anyone of a kind. Every declared caller above is evaluated with them too.`,
    '',
    '| fence | caller | the hypothetical role trusts | expected | actual | decided by | |',
    '|---|---|---|---|---|---|---|',
    ...proof.checks.map(
      (c) =>
        `| \`${c.fence}\` | ${c.caller.replace(/\|/g, '\\|')} | ${c.trusts.replace(/\|/g, '\\|')} | ${c.expected} | ${c.actual} | ${c.deciding || '\u2014'} | ${c.ok ? 'ok' : '**FAILS**'} |`,
    ),
    '',
  );
  if (proof.unfenced.length > 0)
    lines.push('Issuers whose tenant no fence checks (only the providers fence applies):', '', ...proof.unfenced.map((u) => `- ${u}`), '');
  return lines;
}
