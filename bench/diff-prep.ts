/**
 * Prepares one `access diff` measurement (not timed): the generated spec of N
 * accounts (bench/spec-gen.ts) and the same spec with a few roles changed, in
 * five accounts spread over the organization: a project role widened to every
 * environment (a declared gain), a trust entry dropped (a loss), an IRSA
 * namespace moved (a gain and a loss), a role removed and a role added.
 * Written as JSON (which is YAML, read a hundred times faster) to
 * DIR/before.yaml and DIR/after.yaml.
 *   node --require tsx/cjs bench/diff-prep.ts N DIR
 * The bench then times `npm run access -- diff DIR/before.yaml DIR/after.yaml`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecInput } from '../src/input/schema';
import { generateSpec } from './spec-gen';

type Account = SpecInput['accounts'][number];
type Role = NonNullable<Account['roles']>[number];

/** The accounts changed: five, spread over the organization (fewer when it is smaller). */
export const changedAccounts = (accounts: number): number[] => [...new Set([0, 1, 2, 3, 4].map((k) => Math.floor((k * (accounts - 1)) / 4)))];

/** The same spec with a few roles changed in {@link changedAccounts}. */
export function changeSpec(spec: SpecInput): SpecInput {
  const after: SpecInput = JSON.parse(JSON.stringify(spec));
  for (const i of changedAccounts(after.accounts.length)) {
    const account = after.accounts[i];
    const roles = account.roles!;
    const role = (name: string) => roles.find((r) => r.name === name)!;
    const sales = role('dp-sales');
    sales.trust = sales.trust.map((t) =>
      t.type === 'data-platform-project' ? { type: t.type, issuer: t.issuer, project: t.project, allEnvironments: true } : t,
    );
    const sync = role('data-sync');
    sync.trust = sync.trust.filter((t) => t.type !== 'aws-role');
    const api = role('api-server');
    api.trust = api.trust.map((t) => (t.type === 'kubernetes-service-account' ? { ...t, namespace: 'ns-api-v2' } : t));
    account.roles = roles.filter((r) => r.name !== 'vendor-access');
    const added: Role = { name: 'gcp-reporting', trust: [{ type: 'google-service-account', uniqueId: `3${String(i).padStart(20, '0')}` }] };
    account.roles.push(added);
  }
  return after;
}

if (require.main === module) {
  const [accountsArg, dir] = process.argv.slice(2);
  const accounts = Number(accountsArg);
  if (!dir || !Number.isInteger(accounts) || accounts < 1) {
    process.stderr.write('usage: diff-prep N DIR\n');
    process.exit(2);
  }
  const before = generateSpec(accounts);
  writeFileSync(join(dir, 'before.yaml'), `${JSON.stringify(before, null, 1)}\n`);
  writeFileSync(join(dir, 'after.yaml'), `${JSON.stringify(changeSpec(before), null, 1)}\n`);
}
