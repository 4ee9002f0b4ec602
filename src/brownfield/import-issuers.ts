/**
 * The spec issuers an import writes: one per OIDC host its roles trust,
 * registered as the roles need them, with one audience per issuer.
 */
import { eksIssuer } from '../input/issuers';
import type { SpecInput } from '../input/schema';
import type { IamExport } from './export';
import { notExpressible } from './import-drops';
import type { IssuerLookup } from './trust-import';

export type IssuerInput = NonNullable<SpecInput['issuers']>[string];

/** A spec issuer name for an OIDC host: `eks-<region>-<id>`, `github-actions`, else the host's words. */
export function issuerName(host: string): string {
  const eks = eksIssuer(host);
  if (eks) return `eks-${eks.region}-${eks.id.slice(0, 8).toLowerCase()}`;
  if (host === 'token.actions.githubusercontent.com') return 'github-actions';
  const words = host.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${/^[A-Za-z]/.test(words) ? '' : 'issuer-'}${words}`.slice(0, 64).replace(/-+$/, '');
}

export class ImportIssuers {
  /** host -> its spec issuer, in the order roles first needed them. */
  readonly byHost = new Map<string, { name: string; spec: IssuerInput }>();
  private readonly names = new Set<string>();

  constructor(private readonly exp: IamExport) {}

  /** The issuer of `host` for a trust that pins `pinned` (trust-import.ts asks), or why there can be none. */
  readonly issuer: IssuerLookup = (host, pinned) => {
    const known = this.byHost.get(host);
    if (known)
      return pinned === undefined || known.spec.audience === pinned
        ? { name: known.name }
        : { reason: notExpressible.secondAudience(host, known.spec.audience, pinned) };
    const details = this.exp.providers.find((p) => p.host === host && p.clientIds);
    // A trust without aud takes the issuer's usual one (it writes none for that trust).
    const audience = pinned ?? (details?.clientIds?.includes('sts.amazonaws.com') || !details?.clientIds?.length ? 'sts.amazonaws.com' : details.clientIds[0]);
    if (details?.clientIds && details.clientIds.length > 0 && !details.clientIds.includes(audience)) {
      return { reason: notExpressible.audienceNotClientId(audience, host, details.clientIds) };
    }
    let name = issuerName(host);
    for (let n = 2; this.names.has(name); n++) name = `${issuerName(host).slice(0, 60)}-${n}`;
    this.names.add(name);
    const spec: IssuerInput = {
      url: `https://${host}`,
      clientIds: details?.clientIds && details.clientIds.length > 0 ? [...details.clientIds] : [audience],
      ...(details?.thumbprints && details.thumbprints.length > 0 ? { thumbprints: [...details.thumbprints] } : {}),
      audience,
    };
    this.byHost.set(host, { name, spec });
    return { name };
  };
}
