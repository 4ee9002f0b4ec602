/**
 * Stable per-account output (issue 25): an account's files, ACCESS.md
 * included, change only when something that account's access depends on
 * changes. Adding a role to one account of the default example changes that
 * account's files and the organization view (modules/ACCESS.md, access.html,
 * the indexes and the stacks' manifest), nothing of any other account.
 */
import { join } from 'node:path';
import { defaultSpec } from '../src/examples/default-spec';
import type { SpecInput } from '../src/input/schema';
import { readTree, synthTo, tempDir } from './helpers/synth';

type Role = NonNullable<SpecInput['accounts'][number]['roles']>[number];

/** The files of one synth (stacks and modules), by path under the synth's folder. */
function synth(spec: SpecInput): Map<string, string> {
  const dir = tempDir('xacct-stable-');
  synthTo(spec, dir);
  return readTree(dir);
}

function withRole(account: string, role: Role): SpecInput {
  const spec = structuredClone(defaultSpec) as SpecInput;
  const a = spec.accounts.find((x) => x.name === account)!;
  a.roles = [...(a.roles ?? []), role];
  return spec;
}

/** The organization view: the files that describe every account at once. */
const ORGANIZATION = new Set([
  'modules/ACCESS.md',
  'modules/access.html',
  'modules/README.md',
  'modules/workloads/README.md',
  'cdktf.out/manifest.json',
  'modules/imports.tf',
]);

/** Whether a path belongs to one account: its stack, its module, its workload settings. */
const ofAccount = (path: string, account: string) =>
  path.startsWith(`cdktf.out/stacks/${account}/`) || path.startsWith(`modules/${account}/`) || path.startsWith(`modules/workloads/${account}/`);

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

describe('stable per-account output', () => {
  const before = synth(defaultSpec as SpecInput);

  it.each(defaultSpec.accounts.map((a) => a.name))(
    'GIVEN the default example WHEN a Lambda role is added to %s THEN only its files and the organization view change',
    (account) => {
      const after = synth(withRole(account, { name: 'added-lambda', trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }] }));
      const diff = changed(before, after);
      expect(diff).toContain(`modules/${account}/ACCESS.md`);
      expect(diff).toContain(`modules/${account}/main.tf.json`);
      expect(diff.filter((p) => !ofAccount(p, account) && !ORGANIZATION.has(p))).toEqual([]);
    },
  );

  it('GIVEN the default example WHEN a data-platform project role, with near-misses shared by every project role of its issuer, is added to data-lake THEN no other account file changes', () => {
    const after = synth(
      withRole('data-lake', {
        name: 'added-project',
        trust: [{ type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'added', environment: 'dev' }],
      }),
    );
    const diff = changed(before, after);
    expect(diff).toContain('modules/data-lake/ACCESS.md');
    expect(diff).toContain('modules/ACCESS.md');
    expect(diff.filter((p) => !ofAccount(p, 'data-lake') && !ORGANIZATION.has(p))).toEqual([]);
    // The other account that trusts the same issuer's projects keeps its report byte for byte.
    expect(after.get('modules/data-platform/ACCESS.md')).toBe(before.get('modules/data-platform/ACCESS.md'));
  });

  it('GIVEN an account report WHEN read THEN it names no organization-wide identity count', () => {
    const report = before.get(join('modules', 'data-platform', 'ACCESS.md'))!;
    expect(report).toContain('Every other identity of the spec is denied, as expected.');
    expect(report).not.toMatch(/The other \d+ identities/);
  });
});
