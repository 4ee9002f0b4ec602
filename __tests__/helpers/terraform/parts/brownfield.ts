/**
 * The part of brownfield-terraform-plan.test.ts in the shared plan: the brownfield fixtures
 * (examples/brownfield) imported and synthesized, and the adopted root (`adopted-state.ts`) of two
 * estates: the export as it is (`adopted`), and a copy where one role has another trust and max session
 * (`edited`, its platform account only), so that the harness is seen to find a change.
 */
import { join } from 'node:path';
import type { ImportResult } from '../../../../src/brownfield/import';
import { importedBrownfield } from '../../brownfield-fixtures';
import { adoptedRoot } from '../adopted-state';
import type { PlanJson } from '../run';
import type { PlanPart } from '../shared-plan';

export function preparePart(work: string): { result: ImportResult; part: PlanPart; plans(plan: PlanJson): Record<string, Map<string, PlanJson>> } {
  const outdir = join(work, 'cdktf.out');
  const { names, exp, result } = importedBrownfield(outdir);
  // The harness sees a change: with another trust policy and max session in the state of one role, that role is an update.
  const edited = {
    ...exp,
    accounts: exp.accounts.map((a) => ({
      ...a,
      roles: a.roles.map((r) =>
        r.name === 'sample-prod' ? { ...r, maxSessionDuration: 3600, trust: JSON.parse(JSON.stringify(r.trust).replace(':prod:', ':qa:')) } : r,
      ),
    })),
  };
  // One root for both estates: each is a module per account, with its own state (the harness's header).
  const root = adoptedRoot(outdir, join(work, 'plan'), {
    adopted: { exp, accounts: new Map([...names].map(([id, name]) => [name, id])) },
    edited: { exp: edited, accounts: new Map([['platform', '111111111111']]) },
  });
  return { result, ...root };
}
