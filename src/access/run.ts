/**
 * The access check as a function: `npm run access` and the
 * `cross-account-iam access` verb both call {@link runAccess}.
 *
 * It reads the spec (identities and what it declares) and the policies
 * (synthesized stacks or a plan's JSON), sweeps every role through the
 * principal index, and streams the report: `access-matrix.md` and
 * `access-matrix.json` are written role by role (each to a temporary file,
 * renamed when complete), so memory holds the index and the exceptions, never
 * roles × identities. The grid of every check is printed only for small specs.
 */
import { closeSync, openSync, readSync, renameSync, mkdirSync, rmSync, writeSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ChainReport } from './proof/chains';
import { flagLines } from './report/access-md';
import { cliProblems, UserError, usageProblems } from '../errors';
import { loadModel, readPlanFile, readSynthDir } from './sources/inputs';
import { withInputGuardrails } from './evaluate/policy-set';
import type { MatrixCell } from './proof/matrix';
import { code, renderGrid, summaryLine } from './report/render-matrix';
import { AccessReport, chainsMarkdown, countsLine, exceptionsMarkdown, exceptionText, type AccessSummary } from './report/report';
import { AccessSweep } from './proof/sweep';

/** Above this many checks (roles × identities) the grid is left out of the output. */
export const GRID_MAX_CHECKS = 100_000;

export interface AccessRunOptions {
  /** The spec (YAML): its identities and what it declares. @default the embedded default example (the CLI passes `--spec`, else `$SPEC_FILE`) */
  readonly spec?: string;
  /** A cdktf outdir with synthesized stacks (`<dir>/stacks/<account>/cdk.tf.json`). @default `$CDKTF_OUTDIR`, else `cdktf.out` */
  readonly synth?: string;
  /** The JSON of `terraform show -json <planfile>`, read instead of `synth`. */
  readonly plan?: string;
  /** Where `access-matrix.md` and `access-matrix.json` go. @default `access-report` */
  readonly out?: string;
  /** The longest role chain reported, in hops. @default 3 */
  readonly hops?: number;
  /** Relative paths are resolved against it. @default `process.cwd()` */
  readonly cwd?: string;
  /** Where CDKTF_OUTDIR is read (the CLI passes its environment; the library reads none of its own). @default {} */
  readonly env?: NodeJS.ProcessEnv;
  /** The printed result: the grid (small specs), the counts, every failing check and chain flag. @default nowhere */
  readonly stdout?: (text: string) => void;
  /** The files written. @default nowhere */
  readonly stderr?: (text: string) => void;
}

export interface AccessRunResult {
  /** 0: every check gives what the spec declares and no chain is undeclared; 1 otherwise. */
  readonly exitCode: 0 | 1;
  readonly summary: AccessSummary;
  readonly chains: ChainReport;
  readonly exceptions: readonly MatrixCell[];
  readonly files: readonly string[];
}

/** A file written in pieces, renamed into place when complete. */
class StreamedFile {
  private readonly part: string;
  private readonly fd: number;
  constructor(readonly path: string) {
    this.part = `${path}.${process.pid}.part`;
    this.fd = openSync(this.part, 'w');
  }
  write(text: string): void {
    writeSync(this.fd, text);
  }
  /** Appends another file's bytes. */
  append(other: string): void {
    const fd = openSync(other, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
      for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) writeSync(this.fd, buf, 0, n);
    } finally {
      closeSync(fd);
    }
  }
  commit(): void {
    closeSync(this.fd);
    renameSync(this.part, this.path);
  }
  abort(): void {
    closeSync(this.fd);
    rmSync(this.part, { force: true });
  }
}

/**
 * Runs the check; returns its exit code and figures. Throws a {@link UserError}
 * or a SpecError on bad input, before anything is written.
 */
export function runAccess(options: AccessRunOptions = {}): AccessRunResult {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? {};
  const at = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const out = options.stdout ?? (() => undefined);
  const err = options.stderr ?? (() => undefined);
  const hops = options.hops ?? 3;
  if (!Number.isInteger(hops) || hops < 1) throw new UserError(cliProblems.hopsNotWhole(options.hops));
  if (options.synth && options.plan) throw new UserError(usageProblems.eitherOr('--synth', '--plan'));

  const specFile = options.spec;
  const model = loadModel(specFile ? at(specFile) : '');
  const read = options.plan ? readPlanFile(at(options.plan), model) : readSynthDir(at(options.synth ?? env.CDKTF_OUTDIR ?? 'cdktf.out'));
  // The RCPs the stacks hold are evaluated with every trust, as synth's proof evaluates the model's.
  const policies = withInputGuardrails(read, model);
  const sweep = new AccessSweep(model, policies);
  const report = new AccessReport(sweep, { hops, headingLevel: 2 });
  const small = sweep.checks <= GRID_MAX_CHECKS;
  const kept: MatrixCell[] = [];

  const outDir = at(options.out ?? 'access-report');
  mkdirSync(outDir, { recursive: true });
  const md = new StreamedFile(join(outDir, 'access-matrix.md'));
  const sections = new StreamedFile(join(outDir, 'access-matrix.sections.md'));
  const json = new StreamedFile(join(outDir, 'access-matrix.json'));
  try {
    json.write(`{\n"spec": ${JSON.stringify(model.file)},\n"source": ${JSON.stringify(policies.source)},\n"hops": ${hops},\n"identities": [`);
    sweep.identities.forEach((i, n) => json.write(`${n ? ',' : ''}\n${JSON.stringify(report.identity(i.id))}`));
    json.write('\n],\n"roles": [');
    for (const r of sweep.results()) {
      sections.write(`${report.add(r)}\n\n`);
      json.write(`${r.index ? ',' : ''}\n${JSON.stringify({ ...r.role, evaluated: r.evaluated, cells: r.cells })}`);
      if (small) kept.push(...r.cells);
    }
    const chains = report.finish();
    const summary = report.summary;
    const { roles: _roles, identities: _identities, evaluated, ...cells } = summary;
    json.write(`\n],\n"chains": ${JSON.stringify(chains)},\n"evaluated": ${evaluated},\n"summary": ${JSON.stringify(cells)}\n}\n`);

    const counts = { roles: sweep.roles, identities: sweep.identities, summary };
    const grid = small
      ? renderGrid({ roles: sweep.roles, identities: sweep.identities.map((i) => report.identity(i.id)!), cells: kept })
      : `(the grid of ${summary.cells} checks is left out above ${GRID_MAX_CHECKS}; every exception is listed)`;
    md.write(
      [
        '# Access matrix',
        '',
        `Spec: ${code(model.file)}. Policies: ${code(policies.source)}.`,
        '',
        countsLine(summary),
        '',
        '```text',
        grid,
        '```',
        '',
        '## Exceptions',
        '',
        exceptionsMarkdown(report.exceptions),
        '',
        `## Role chains (up to ${hops} hops)`,
        '',
        ...flagLines(chains),
        '',
        chainsMarkdown(chains, new Set(sweep.roles.map((r) => r.key)), 3),
        '',
      ].join('\n'),
    );
    sections.commit();
    md.append(sections.path);
    rmSync(sections.path);
    md.commit();
    json.commit();

    out(`${grid}\n\n${summaryLine(counts)}\n`);
    out(
      `${summary.evaluated} of ${summary.cells} checks evaluated (the others cannot match a trust policy's principals); ${chains.chains.length} role chains of up to ${hops} hops.\n`,
    );
    for (const c of report.exceptions) out(`FAIL ${exceptionText(c)}\n`);
    if (chains.flags.undeclared.length + chains.flags.cycles.length + chains.flags.longSessions.length > 0)
      for (const l of flagLines(chains)) out(`FLAG ${l.replace(/^- /, '')}\n`);
    for (const f of [md.path, json.path]) err(`wrote ${f}\n`);
    const failing = summary.failures > 0 || chains.flags.undeclared.length > 0;
    return { exitCode: failing ? 1 : 0, summary, chains, exceptions: report.exceptions, files: [md.path, json.path] };
  } catch (e) {
    for (const f of [md, sections, json]) {
      try {
        f.abort();
      } catch {
        // already committed or closed
      }
    }
    throw e;
  }
}
