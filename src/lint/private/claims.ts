/**
 * What trust rules need to know about condition operators, condition keys,
 * identity issuers and wildcards.
 */
import { memo, type OperatorParts as Operator } from '../../policy/operators';
import { issuerOf, type IssuerKind } from '../../input/issuers';
import { principalIds, type ConditionEntry, type StatementView } from './iam-json';
import { hasWildcard } from '../../policy/glob';
import { recent } from './recent';

export { operatorParts, type OperatorParts as Operator } from '../../policy/operators';
export { hasWildcard, wildcardsIn } from '../../policy/glob';

/** StringEquals, StringNotEquals and their IgnoreCase forms: values compare literally. */
export const isStringEquals = (o: Operator) => stringEqualsBase(o.base);
/** StringLike (not negated): `*` and `?` are wildcards. */
export const isStringLike = (o: Operator) => stringLikeBase(o.base);
// Asked for every condition of every document: answered once per operator name.
const stringEqualsBase = memo((base: string) => /^String(Not)?Equals(IgnoreCase)?$/i.test(base));
const stringLikeBase = memo((base: string) => /^StringLike$/i.test(base));

export interface ConditionKey {
  /** Before the first `:`: an issuer host/path, `aws`, `sts`, `SAML`, ... */
  readonly prefix: string;
  /** After it, lower case: `sub`, `aud`, `externalid`, ... */
  readonly claim: string;
}

export const splitKey = memo((key: string): ConditionKey => {
  const i = key.indexOf(':');
  return i < 0 ? { prefix: '', claim: key.toLowerCase() } : { prefix: key.slice(0, i), claim: key.slice(i + 1).toLowerCase() };
});

/** A key of a token's claim, named by its issuer (`host/path:claim`); global and service keys have no `.` or `/` in their prefix. */
export const isIssuerClaimKey = memo((key: string) => /[./]/.test(splitKey(key).prefix));
/** An identity claim: an issuer's, or a SAML assertion's. */
export const isIdentityClaimKey = memo((key: string) => isIssuerClaimKey(key) || splitKey(key).prefix.toLowerCase() === 'saml');
/** A condition key or issuer host in lower case, as IAM compares keys: a few hundred distinct ones in a spec, asked for in every document. */
export const lowerCase = memo((s: string) => s.toLowerCase());

export type { IssuerKind };

/** What kind of issuer a condition-key prefix is: the issuer table's answer (`input/issuers.ts`). */
export const issuerKind = (host: string): IssuerKind => issuerOf(host).kind;

export interface FederatedPrincipal {
  readonly id: string;
  readonly kind: 'oidc' | 'saml';
  /** For OIDC: the condition-key prefix, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/X`. */
  readonly host?: string;
  /** An IAM OIDC provider (ARN), as opposed to a built-in web identity provider (`accounts.google.com`). */
  readonly provider: boolean;
}

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;
const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/.+$/;

/** The statement's federated principals; read once per statement, as several rules ask. */
export const federatedPrincipals = recent((s: StatementView): readonly FederatedPrincipal[] => readFederated(s));

function readFederated(s: StatementView): FederatedPrincipal[] {
  return principalIds(s, 'Federated').flatMap((id): FederatedPrincipal[] => {
    const oidc = OIDC_PROVIDER_ARN.exec(id);
    if (oidc) return [{ id, kind: 'oidc', host: oidc[1], provider: true }];
    if (SAML_PROVIDER_ARN.test(id)) return [{ id, kind: 'saml', provider: true }];
    if (!id.startsWith('arn:') && id.includes('.')) return [{ id, kind: 'oidc', host: id, provider: false }];
    return [];
  });
}

/** The statement's OIDC principals; read once per statement, as most trust rules ask. */
export const oidcPrincipals = recent((s: StatementView): readonly FederatedPrincipal[] => federatedPrincipals(s).filter((p) => p.kind === 'oidc'));

/** The conditions on `host:claim` (keys compare case-insensitively). */
export function conditionsOn(s: StatementView, host: string, claim: string): ConditionEntry[] {
  const key = lowerCase(`${host}:${claim}`);
  return s.conditions.filter((c) => lowerCase(c.key) === key);
}

/** Non-empty and nothing but `*` and `?`. */
export const isWildcardOnly = (v: string) => /^[*?]+$/.test(v);

/** Glob match of an IAM action pattern (`sts:*`) against an action, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  return actionPattern(pattern).test(action);
}

/** One expression per pattern (a handful of distinct actions in a spec, tested for every statement). */
const actionPattern = memo(
  (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    ),
);

/** The account id of an AWS principal: a bare id, or the account in its ARN. */
export function principalAccount(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  return /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(id)?.[2];
}

const K8S = 'system:serviceaccount:';

/** How much a StringLike subject pattern lets in. */
export type SubjectScope =
  | { readonly kind: 'bare'; readonly matches: string }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'org'; readonly org: string }
  | { readonly kind: 'any-namespace'; readonly serviceAccount: string }
  /** `repo:org/repo:*`: every branch, tag, pull request and environment of one repository. */
  | { readonly kind: 'any-ref'; readonly repository: string }
  /** `repo:org/name*`, `repo:org/nam?:*`: every repository of the organization whose name matches the pattern. */
  | { readonly kind: 'repository-pattern'; readonly org: string; readonly repository: string }
  | { readonly kind: 'narrow' };

/**
 * Classifies a `sub` pattern. `*` matches across `:` and `/`, so a wildcard
 * that starts inside a segment opens everything after it.
 */
export function subjectScope(v: string): SubjectScope {
  if (!hasWildcard(v)) return { kind: 'narrow' };
  if (isWildcardOnly(v)) return { kind: 'bare', matches: 'every token the issuer signs' };
  const fixed = v.slice(0, v.search(/[*?]/));
  if (v.startsWith(K8S)) {
    const rest = v.slice(K8S.length);
    const colon = rest.indexOf(':');
    if (colon < 0) {
      // No service-account segment: the wildcard covers it.
      if (rest === '' || isWildcardOnly(rest) || fixed.length === K8S.length) return { kind: 'bare', matches: 'every service account of the cluster' };
      return { kind: 'namespace', namespace: rest };
    }
    const ns = rest.slice(0, colon);
    const sa = rest.slice(colon + 1);
    if (isWildcardOnly(ns) && (sa === '' || isWildcardOnly(sa))) return { kind: 'bare', matches: 'every service account of the cluster' };
    if (isWildcardOnly(ns)) return { kind: 'any-namespace', serviceAccount: sa };
    if (sa === '' || isWildcardOnly(sa)) return { kind: 'namespace', namespace: ns };
    return { kind: 'narrow' };
  }
  if (fixed.length >= 'system:'.length && K8S.startsWith(fixed)) return { kind: 'bare', matches: 'every service account of the cluster' };
  if (v.startsWith('repo:')) {
    const rest = v.slice('repo:'.length);
    const slash = rest.indexOf('/');
    const org = slash < 0 ? rest : rest.slice(0, slash);
    if (slash < 0 || hasWildcard(org)) return { kind: 'bare', matches: 'repositories of every GitHub organization' };
    const repo = rest.slice(slash + 1).split(':')[0];
    if (repo === '' || isWildcardOnly(repo)) return { kind: 'org', org };
    if (hasWildcard(repo)) return { kind: 'repository-pattern', org, repository: repo };
    const refs = rest.slice(slash + 1 + repo.length);
    if (!hasWildcard(repo) && refs.startsWith(':') && isWildcardOnly(refs.slice(1))) return { kind: 'any-ref', repository: `${org}/${repo}` };
    return { kind: 'narrow' };
  }
  if (isWildcardOnly(v.split(':')[0])) return { kind: 'bare', matches: 'any value in its first segment' };
  return { kind: 'narrow' };
}
