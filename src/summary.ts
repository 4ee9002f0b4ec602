/**
 * The synth summary: what was generated (accounts, roles, modules, workload
 * artifacts) and what deserves a second look (warnings). `synthesize()`
 * returns it and the app prints it to stderr.
 */
import { groupBy } from './group-by';
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

export function summarize(
  model: Model,
  parts: Pick<SynthSummary, 'offline' | 'moduleFormat' | 'modules' | 'artifacts' | 'accessMd' | 'accessProof' | 'warnings'>,
): SynthSummary {
  const accounts = model.accounts.map((a) => ({ name: a.name, id: a.id, region: a.region, roles: a.roles.map((r) => r.name) }));
  return { spec: model.file, ...parts, accounts, roleCount: roleCount(model) };
}

export const roleCount = (model: Model) => model.accounts.reduce((n, a) => n + a.roles.length, 0);

/** Warnings listed one by one in the compact summary; above that, one line per rule (`--verbose` lists them all). */
export const SUMMARY_WARNINGS_MAX = 10;

/**
 * The summary synth prints. Compact by default, a few lines at any size:
 * counts, the output folders, the access proof, and the warnings (each in
 * full up to {@link SUMMARY_WARNINGS_MAX}, else one line per rule with its
 * count and first instance). `verbose` adds every account with its roles and
 * every workload artifact, and lists every warning.
 */
export function formatSummary(
  s: SynthSummary,
  dirs: { readonly outdir: string; readonly modulesDir?: string },
  options: { readonly verbose?: boolean } = {},
): string {
  const verbose = options.verbose ?? false;
  const lines = [
    `synth summary for ${s.spec}${s.offline ? ' [OFFLINE DRY RUN]' : ''}`,
    `  accounts: ${s.accounts.length}, roles: ${s.roleCount}, stacks in ${dirs.outdir}`,
    ...(verbose ? s.accounts.map((a) => `    ${a.name} (${a.id}, ${a.region}): ${a.roles.join(', ') || 'no roles'}`) : []),
  ];
  if (dirs.modulesDir) {
    lines.push(`  modules (${s.moduleFormat === 'hcl' ? '.tf' : '.tf.json'}): ${s.modules.length} in ${dirs.modulesDir}`);
    lines.push(
      `  workload artifacts: ${s.artifacts.length}${s.artifacts.length > 0 ? ` (every file, with its roles, in ${dirs.modulesDir}/workloads/README.md)` : ''}`,
      ...(verbose ? s.artifacts.map((a) => `    ${a.path}`) : []),
    );
    lines.push(
      s.accessMd === 'written'
        ? `  access reports: ACCESS.md, access.html and one ACCESS.md per account module (${s.accounts.length})`
        : '  access reports: off (ACCESS_MATRIX=off)',
    );
  } else lines.push('  modules: skipped');
  const p = s.accessProof;
  lines.push(
    p.failing === 0
      ? `  access proof: all ${p.checks} checks pass`
      : `  access proof: ${p.failing} failing checks of ${p.checks}, each accepted by a PROOF001 suppression of its role (listed under warnings)`,
  );
  lines.push(`  warnings: ${s.warnings.length}`);
  if (verbose || s.warnings.length <= SUMMARY_WARNINGS_MAX) {
    for (const w of s.warnings) lines.push(`    [${w.ruleId}] ${w.path ? `${w.path}: ` : ''}${w.message}`, `      fix: ${w.fix}`);
  } else {
    for (const [ruleId, ws] of groupBy(s.warnings, (w) => w.ruleId)) {
      const w = ws[0];
      lines.push(
        `    [${ruleId}] ${ws.length} ${ws.length === 1 ? 'warning' : 'warnings'}, the first at ${w.path ? `${w.path}: ` : ''}${w.message}`,
        `      fix: ${w.fix}`,
      );
    }
    lines.push('    (--verbose lists every warning, every account with its roles and every workload artifact)');
  }
  return `${lines.join('\n')}\n`;
}
