/**
 * The synth summary: what was generated (accounts, roles, modules, workload
 * artifacts) and what deserves a second look (warnings). `synthesize()`
 * returns it and the app prints it to stderr.
 */
import type { ModuleFormat } from './modules/module-files';
import type { Model } from './model/types';
import type { Artifact } from './workloads';

export interface Warning {
  readonly ruleId: string;
  /** Field path in the spec, e.g. `accounts[3].roles[0].trust[0]`, or '' for the whole run. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** What became of the access reports (`modules/ACCESS.md` and each account's): written, or turned off. */
export type AccessMd = 'written' | 'off';

export interface SynthSummary {
  readonly spec: string;
  readonly offline: boolean;
  readonly moduleFormat: ModuleFormat;
  readonly accounts: readonly { readonly name: string; readonly id: string; readonly region: string; readonly roles: readonly string[] }[];
  readonly roleCount: number;
  /** Module folders written, relative to the modules directory; empty when modules were skipped. */
  readonly modules: readonly string[];
  /** Workload artifacts written, with paths relative to the modules directory. */
  readonly artifacts: readonly Omit<Artifact, 'content'>[];
  readonly accessMd: AccessMd;
  /** The access proof synth gates on: its checks, and the failing ones a role's PROOF001 suppression accepted (listed under warnings). */
  readonly accessProof: { readonly checks: number; readonly failing: number };
  readonly warnings: readonly Warning[];
}

export function summarize(model: Model, parts: Pick<SynthSummary, 'offline' | 'moduleFormat' | 'modules' | 'artifacts' | 'accessMd' | 'accessProof' | 'warnings'>): SynthSummary {
  const accounts = model.accounts.map((a) => ({ name: a.name, id: a.id, region: a.region, roles: a.roles.map((r) => r.name) }));
  return { spec: model.file, ...parts, accounts, roleCount: roleCount(model) };
}

export const roleCount = (model: Model) => model.accounts.reduce((n, a) => n + a.roles.length, 0);

/** Accounts and artifacts listed in the summary; the rest are counted (their indexes list them all). Warnings are always listed in full. */
export const SUMMARY_LIST_MAX = 25;

function capped(lines: readonly string[], more: (n: number) => string): string[] {
  return lines.length <= SUMMARY_LIST_MAX ? [...lines] : [...lines.slice(0, SUMMARY_LIST_MAX), more(lines.length - SUMMARY_LIST_MAX)];
}

export function formatSummary(s: SynthSummary, dirs: { readonly outdir: string; readonly modulesDir?: string }): string {
  const lines = [
    `synth summary for ${s.spec}${s.offline ? ' [OFFLINE DRY RUN]' : ''}`,
    `  accounts: ${s.accounts.length}, roles: ${s.roleCount}, stacks in ${dirs.outdir}`,
    ...capped(
      s.accounts.map((a) => `    ${a.name} (${a.id}, ${a.region}): ${a.roles.join(', ') || 'no roles'}`),
      (n) => `    ... and ${n} more accounts${dirs.modulesDir ? ` (listed in ${dirs.modulesDir}/README.md)` : ''}`,
    ),
  ];
  if (dirs.modulesDir) {
    lines.push(`  modules (${s.moduleFormat === 'hcl' ? '.tf' : '.tf.json'}): ${s.modules.length} in ${dirs.modulesDir}`);
    lines.push(
      `  workload artifacts: ${s.artifacts.length}`,
      ...capped(
        s.artifacts.map((a) => `    ${a.path}`),
        (n) => `    ... and ${n} more (every file, with its roles, in ${dirs.modulesDir}/workloads/README.md)`,
      ),
    );
    lines.push(
      s.accessMd === 'written' ? `  access reports: ACCESS.md, access.html and one ACCESS.md per account module (${s.accounts.length})` : '  access reports: off (ACCESS_MATRIX=off)',
    );
  } else lines.push('  modules: skipped');
  const p = s.accessProof;
  lines.push(
    p.failing === 0
      ? `  access proof: all ${p.checks} checks pass`
      : `  access proof: ${p.failing} failing checks of ${p.checks}, each accepted by a PROOF001 suppression of its role (listed under warnings)`,
  );
  lines.push(`  warnings: ${s.warnings.length}`);
  for (const w of s.warnings) lines.push(`    [${w.ruleId}] ${w.path ? `${w.path}: ` : ''}${w.message}`, `      fix: ${w.fix}`);
  return `${lines.join('\n')}\n`;
}
