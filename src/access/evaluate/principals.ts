/**
 * The Principal element of a trust policy against the caller.
 *
 * - `"*"` and `{"AWS": "*"}` match every caller.
 * - An AWS role ARN matches that role and every session of it
 *   (`arn:aws:sts::ACC:assumed-role/NAME/SESSION`; a session ARN carries no path).
 * - An account root (`arn:aws:iam::ACC:root`) or a bare 12-digit id matches every
 *   AWS principal of that account, which then also needs its own identity policy
 *   to allow the call ({@link PrincipalMatch.viaAccount}).
 * - Any other AWS ARN (user, a specific session) matches itself only.
 * - Federated and Service principals match their identifier exactly.
 * IAM accepts no other wildcard in a principal; one is reported, not guessed.
 */
import type { PrincipalMap } from '../../policy/iam-json';
import { awsPrincipalParts, type RequestPrincipal } from './request';

export type PrincipalMatch =
  | { readonly match: true; readonly viaAccount: boolean; readonly detail: string }
  | { readonly match: false; readonly detail: string }
  | { readonly match: 'unknown'; readonly detail: string };

const ROOT = /^arn:([\w-]+):iam::(\d{12}):root$/;
const ROLE = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Why an identifier in a Principal element is not something IAM accepts, if it is not. */
export function principalProblem(type: string, id: string): string | undefined {
  if (id === '*') return type === 'AWS' ? undefined : `Principal.${type} "*" is not valid (only AWS may be "*")`;
  if (/[*?]/.test(id)) return `Principal.${type} "${id}" has a wildcard: IAM accepts no wildcard in a principal except "*"`;
  return undefined;
}

function matchAws(id: string, caller: string): PrincipalMatch {
  if (id === '*') return { match: true, viaAccount: false, detail: 'AWS "*" matches every principal' };
  const parts = awsPrincipalParts(caller);
  const root = /^\d{12}$/.test(id)
    ? { partition: parts?.partition, account: id }
    : (() => {
        const m = ROOT.exec(id);
        return m ? { partition: m[1], account: m[2] } : undefined;
      })();
  if (root) {
    const same = parts !== undefined && parts.account === root.account && parts.partition === root.partition;
    return same
      ? { match: true, viaAccount: true, detail: `account ${root.account} matches ${caller}` }
      : { match: false, detail: `${caller} is not in account ${root.account}` };
  }
  const role = ROLE.exec(id);
  if (role && parts?.kind === 'session') {
    const same = parts.partition === role[1] && parts.account === role[2] && parts.roleName === role[3];
    return same
      ? { match: true, viaAccount: false, detail: `${caller} is a session of ${id}` }
      : { match: false, detail: `${caller} is not a session of ${id}` };
  }
  return id === caller ? { match: true, viaAccount: false, detail: `${id} matches` } : { match: false, detail: `${caller} is not ${id}` };
}

/** Whether a statement's Principal names the caller. */
export function matchPrincipal(principal: '*' | PrincipalMap | undefined, caller: RequestPrincipal | undefined): PrincipalMatch {
  if (principal === undefined) return { match: 'unknown', detail: 'the statement has no Principal' };
  if (!caller) return { match: false, detail: 'the request has no principal' };
  if (principal === '*') return { match: true, viaAccount: false, detail: 'Principal "*" matches every caller' };
  // principalProblem's test, without its regex and the entries' arrays: this runs for each statement of each check.
  for (const type in principal) {
    for (const id of principal[type]) {
      if (id === '*' ? type !== 'AWS' : id.includes('*') || id.includes('?')) return { match: 'unknown', detail: principalProblem(type, id)! };
    }
  }
  if ((principal.AWS ?? []).includes('*')) return { match: true, viaAccount: false, detail: 'AWS "*" matches every caller' };
  if (caller.type === 'AWS') {
    for (const id of principal.AWS ?? []) {
      const m = matchAws(id, caller.arn);
      if (m.match === true) return m;
    }
  } else {
    const ids = principal[caller.type] ?? [];
    const want = caller.type === 'Service' ? caller.id.toLowerCase() : caller.id;
    if (ids.some((id) => (caller.type === 'Service' ? id.toLowerCase() : id) === want))
      return { match: true, viaAccount: false, detail: `${caller.type} ${caller.id} matches` };
  }
  const callerName = caller.type === 'AWS' ? caller.arn : caller.id;
  return { match: false, detail: `${caller.type} ${callerName} is not named in the Principal` };
}
