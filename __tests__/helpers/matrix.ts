/** The access matrix of a model, with lookups by role (`<account>/<role>`) and identity that fail loudly when a cell is missing. */
import { buildMatrix } from '../../src/access/proof/matrix';
import { policySetFromModel } from '../../src/access/evaluate/policy-set';
import type { Model } from '../../src/model/types';

export function matrixOf(m: Model, account = 'acct') {
  const matrix = buildMatrix(m, policySetFromModel(m));
  const rows = (r: string) => matrix.cells.filter((c) => c.role === `${account}/${r}`);
  const cell = (r: string, identity: string) => {
    const c = rows(r).find((x) => x.identity === identity);
    if (!c)
      throw new Error(
        `no cell ${r} <- ${identity}; have\n${rows(r)
          .map((x) => x.identity)
          .join('\n')}`,
      );
    return c;
  };
  const allowed = (r: string) =>
    rows(r)
      .filter((c) => c.actual === 'allow')
      .map((c) => c.identity);
  return { matrix, rows, cell, allowed };
}
