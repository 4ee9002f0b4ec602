/**
 * What `explain` is asked about: a token's claims (a JWT, or a JSON object of
 * claims) or an AWS caller's ARN, read into the caller the access proof
 * models. A JWT is decoded only: its signature is never checked, and nothing
 * is sent anywhere. Bad input is an {@link UserError} whose message has the
 * shape of every other problem (source, field, what is wrong, the fix).
 */
import { explainProblems, UserError } from '../../errors';
import { acceptedClaims, issuerOf } from '../../input/issuers';
import { GOOGLE_ISSUER } from '../../model/types';
import type { Caller } from '../identities/caller';
import { awsPrincipalParts } from '../evaluate/request';

/** A token as `explain` reads it. */
export interface TokenInput {
  readonly kind: 'token';
  readonly format: 'jwt' | 'json';
  /** The `iss` claim as written. */
  readonly issuer: string;
  /** The condition-key prefix: `iss` without `https://` and a trailing `/`. */
  readonly host: string;
  /** The claims STS puts in the request context (`sub`, `aud`, and those the issuer table lists), strings or lists of strings. */
  readonly claims: Readonly<Record<string, string | readonly string[]>>;
  /** The claims left out: STS does not put them in the request context, or they are not text. */
  readonly ignored: readonly string[];
}

/** An AWS caller as `explain` reads it. */
export interface CallerInput {
  readonly kind: 'caller';
  readonly arn: string;
  readonly externalId?: string;
}

export type ExplainInput = TokenInput | CallerInput;

/** Base64url (RFC 7515) to text; undefined when it is not base64url. */
function base64url(part: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  return Buffer.from(part, 'base64url').toString('utf8');
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a JWT (header.payload.signature, the signature possibly empty) or of a JSON object; `source` names the input in errors. */
export function decodeClaims(text: string, source: string): { format: 'jwt' | 'json'; claims: Record<string, unknown> } {
  const t = text.trim();
  if (t.startsWith('{')) {
    const claims = jsonObject(t);
    if (!claims) throw new UserError(explainProblems.claimsNotObject(source));
    return { format: 'json', claims };
  }
  const parts = t.split('.');
  if (parts.length !== 3) {
    throw new UserError(explainProblems.notAJwt(source, parts.length));
  }
  const header = base64url(parts[0]);
  if (header === undefined || !jsonObject(header)) throw new UserError(explainProblems.badJwtHeader(source));
  const payload = base64url(parts[1]);
  const claims = payload === undefined ? undefined : jsonObject(payload);
  if (!claims) throw new UserError(explainProblems.badJwtPayload(source));
  return { format: 'jwt', claims };
}

/** The condition-key prefix of an issuer URL: without `https://` and a trailing `/`. */
export const issuerHost = (iss: string) => iss.replace(/^https:\/\//i, '').replace(/\/+$/, '');

/** Reads a token (JWT or JSON claims): its issuer and the claims STS puts in the request context. */
export function readToken(text: string, source: string): TokenInput {
  const { format, claims } = decodeClaims(text, source);
  const iss = claims.iss;
  if (iss === undefined) throw new UserError(explainProblems.noIssuer(source));
  if (typeof iss !== 'string' || issuerHost(iss) === '') throw new UserError(explainProblems.issuerNotUrl(source, iss));
  const host = issuerHost(iss);
  // Where the issuer table lists the claims STS accepts, the others never reach a condition; elsewhere every claim is kept.
  const listed = issuerOf(host).claims !== undefined || host === GOOGLE_ISSUER;
  const accepted = new Set(['sub', 'aud', ...acceptedClaims(host)]);
  const kept: Record<string, string | readonly string[]> = {};
  const ignored: string[] = [];
  for (const [k, v] of Object.entries(claims)) {
    if (k === 'iss') continue;
    const value =
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : Array.isArray(v) && v.every((x) => typeof x === 'string')
          ? v.length === 1
            ? v[0]
            : v
          : undefined;
    if (value === undefined || (listed && !accepted.has(k.toLowerCase())) || k.includes(':')) ignored.push(k);
    else kept[k] = value as string | readonly string[];
  }
  return { kind: 'token', format, issuer: iss, host, claims: kept, ignored };
}

/** Reads `--caller`: an IAM role or a role session (`arn:aws:sts::ACC:assumed-role/NAME/SESSION`), a user or an account root. */
export function readCaller(arn: string, externalId?: string): CallerInput {
  const parts = awsPrincipalParts(arn);
  if (!parts) {
    throw new UserError(explainProblems.callerNotArn(arn));
  }
  return externalId === undefined ? { kind: 'caller', arn } : { kind: 'caller', arn, externalId };
}

/** The caller the access proof models for this input; multi-valued claims go in `lists`, sent as such. */
export function callerOf(input: ExplainInput): { caller: Caller; lists: Readonly<Record<string, readonly string[]>> } {
  if (input.kind === 'caller')
    return { caller: { kind: 'aws', arn: input.arn, context: input.externalId === undefined ? undefined : { 'sts:ExternalId': input.externalId } }, lists: {} };
  const claims: Record<string, string> = {};
  const lists: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(input.claims)) {
    if (typeof v === 'string') claims[k] = v;
    else lists[`${input.host}:${k}`] = v;
  }
  return { caller: { kind: 'web-identity', issuerHost: input.host, claims }, lists };
}
