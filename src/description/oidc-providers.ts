/** The OIDC providers the account creates (or adopts); an `existing` one is only referenced. */
import type { AccountModel } from '../model/types';
import { TAGS_VARIABLE } from '../names';
import { OIDC, type Elements } from './element';
import { mergeTags } from './expressions';
import { oidcProviderImportId } from './imports';

export function emitOidcProviders(account: AccountModel, out: Elements): void {
  for (const p of account.oidcProviders) {
    if (p.mode !== 'create') continue;
    out.add(
      'resource',
      OIDC,
      p.tfId,
      `oidc-${p.tfId}`,
      {
        url: p.url,
        client_id_list: [...p.clientIds],
        thumbprint_list: p.thumbprints.length > 0 ? [...p.thumbprints] : undefined,
        tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
      },
      oidcProviderImportId(p),
    );
  }
}
