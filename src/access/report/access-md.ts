/**
 * The access reports synth writes beside the modules, at every size:
 * `modules/<account>/ACCESS.md` (the account's roles, their callers, the
 * near-misses tried, the chains into them) and `modules/ACCESS.md`, the
 * organization view (counts, the trust graph, every exception, chain flags),
 * and `modules/access.html`, the same graph as a page (`access-html.ts`).
 * They evaluate the same documents the modules contain, through the indexed
 * sweep, so their cost grows with the spec, not with its square.
 */
import { groupBy } from '../../group-by';
import type { Model } from '../../model/types';
import { generatedNotice } from '../../names';
import type { ChainReport } from '../proof/chains';
import { organizationGraph } from './graph';
import { policySetFromModel } from '../evaluate/policy-set';
import { code } from './render-matrix';
import { AccessPage } from './access-html';
import { AccessReport, accountMarkdown, chainText, countsLine, exceptionsMarkdown, type AccessSummary, type AccountCounts } from './report';
import { AccessSweep } from '../proof/sweep';
import { guardrailMarkdown, guardrailProof, type GuardrailProof } from '../proof/guardrail-proof';
import type { MatrixCell } from '../proof/matrix';

export interface AccessDocsOptions {
  /** How many hops a role chain may have. @default 3 */
  readonly hops?: number;
}

/** The access proof of a model's own policies, computed once: synth gates on it, then writes its reports. */
export interface AccessProof {
  readonly summary: AccessSummary;
  /** Every failing or undecidable check. */
  readonly exceptions: readonly MatrixCell[];
  readonly chains: ChainReport;
  /** The organization's guardrails against the hand-made worst case (none without an organization). */
  readonly guardrails: GuardrailProof;
  /**
   * Hands each report to `write` (path relative to the modules directory). Needs `keepSections`.
   * Once: it releases the sweep, the sections and the page as it goes (the proof's memory at
   * organization scale), so the reports can be written before the stacks and not held through them.
   */
  writeDocs(write: (path: string, content: string) => void): void;
}

/** Evaluates the model's own policies through the indexed sweep; with `keepSections`, keeps each role's report section for {@link AccessProof.writeDocs}. */
export function proveAccess(
  model: Model,
  options: AccessDocsOptions & {
    readonly keepSections?: boolean;
    /** Called after each role is proved (a thread's sign of progress). */ readonly onRole?: () => void;
  } = {},
): AccessProof {
  const sweep = new AccessSweep(model, { ...policySetFromModel(model), source: 'the trust and identity policies of these modules' });
  const report = new AccessReport(sweep, { keepSections: options.keepSections ?? true, hops: options.hops, accountReports: true });
  // The page keeps each role's callers: only when the reports will be written.
  const page = (options.keepSections ?? true) ? new AccessPage(model, report.identityLookup()) : undefined;
  for (const r of sweep.results()) {
    report.add(r);
    page?.add(r);
    options.onRole?.();
  }
  page?.release();
  const chains = report.finish();
  const guardrails = guardrailProof(model, sweep.policies.guardrails);
  const summary = report.summary;
  const { exceptions, accounts, sections } = report;
  const countsOf = (a: Model['accounts'][number]) =>
    accounts.get(a.name) ?? { account: a.name, accountId: a.id, roles: 0, allowed: 0, failures: 0, cannotDecide: 0 };
  // What writeDocs still needs; the sweep (policies, identities, indexes) and the report are not kept past here.
  const rolesOf = groupBy(sweep.roles, (r) => r.account);
  let held: { readonly rolesOf: typeof rolesOf; page?: AccessPage } | undefined = { rolesOf, page };
  return {
    summary,
    exceptions,
    chains,
    guardrails,
    writeDocs(write) {
      if (!held) throw new Error('AccessProof.writeDocs: the reports were already written');
      const { rolesOf } = held;
      for (const a of model.accounts) {
        const roles = new Set((rolesOf.get(a.name) ?? []).map((r) => r.key));
        write(`${a.name}/ACCESS.md`, accountMarkdown(model.file, countsOf(a), sections.get(a.name) ?? [], chains, roles));
        sections.delete(a.name);
      }
      write('ACCESS.md', organizationMarkdown(model, summary, exceptions, chains, model.accounts.map(countsOf), guardrails));
      const html = held.page?.render(summary, model.accounts.map(countsOf));
      held = undefined;
      if (html !== undefined) write('access.html', html);
    },
  };
}

/** Evaluates the model's own policies and hands each report to `write` (path relative to the modules directory). */
export function writeAccessDocs(model: Model, write: (path: string, content: string) => void, options: AccessDocsOptions = {}): AccessSummary {
  const proof = proveAccess(model, { ...options, keepSections: true });
  proof.writeDocs(write);
  return proof.summary;
}

/** `modules/ACCESS.md`. */
export function organizationMarkdown(
  model: Model,
  s: AccessSummary,
  exceptions: readonly MatrixCell[],
  chains: ChainReport,
  accounts: readonly AccountCounts[],
  guardrails?: GuardrailProof,
): string {
  const { graph, aggregated } = organizationGraph(model);
  const f = chains.flags;
  return [
    '# Access',
    '',
    generatedNotice(model.file, 'markdown'),
    '',
    "Who may assume what across the organization, checked offline against the trust and identity policies of these modules. Each account's roles, their callers, the near-misses tried and the role chains into them are in the account module's `ACCESS.md`; [`access.html`](./access.html) draws the trust graph as a page, each role one click from its callers. Check deployed or planned policies with `cross-account-iam access` (synthesized stacks, or `--plan` with the JSON of `terraform show -json`).",
    '',
    '## Counts',
    '',
    countsLine(s),
    '',
    '| accounts | roles | identities | checks | evaluated | allowed | declared | failing | cannot decide | role hops | chains | undeclared chains | cycles | long chained sessions |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${accounts.length} | ${s.roles} | ${s.identities} | ${s.cells} | ${s.evaluated} | ${s.allowed} | ${s.expectedAllow} | ${s.failures} | ${s.cannotDecide} | ${chains.edges.length} | ${chains.chains.length} | ${f.undeclared.length} | ${f.cycles.length} | ${f.longSessions.length} |`,
    '',
    '## Trust graph',
    '',
    aggregated
      ? 'Too many trust edges to draw one per role: each edge is a source (issuer, Google, service or account) and an account, labelled with how many roles of that account it may assume.'
      : 'Who may assume each role: identity issuers (Kubernetes service-account tokens), Google, AWS services and other roles.',
    '',
    '```mermaid',
    graph,
    '```',
    '',
    '## Exceptions',
    '',
    'Every check that fails (the policies and the spec disagree) or cannot be decided.',
    '',
    exceptionsMarkdown(exceptions),
    '',
    `## Role chains (up to ${chains.hops} hops)`,
    '',
    `${chains.chains.length} chains through ${chains.edges.length} role-to-role hops; each account's \`ACCESS.md\` lists those into its roles.`,
    '',
    ...flagLines(chains),
    '',
    ...(guardrails ? guardrailMarkdown(model, guardrails) : []),
    '## Accounts',
    '',
    '| account | id | roles | allowed | failing | cannot decide |',
    '|---|---|---:|---:|---:|---:|',
    ...accounts.map(
      (a) => `| [${code(a.account)}](./${a.account}/ACCESS.md) | ${a.accountId} | ${a.roles} | ${a.allowed} | ${a.failures} | ${a.cannotDecide} |`,
    ),
    '',
  ].join('\n');
}

/** The three chain flags, one line each (or one line saying there are none). */
export function flagLines(chains: ChainReport): string[] {
  const f = chains.flags;
  const out: string[] = [];
  for (const c of f.undeclared) out.push(`- **not declared by the spec**: ${chainText(c)}`);
  for (const c of f.cycles) out.push(`- **cycle**: ${c.map(code).join(', ')} can assume each other in a loop`);
  for (const l of f.longSessions)
    out.push(
      `- **maxSessionDuration ${l.maxSessionDuration}** on ${code(l.role)}, reached by role chaining from ${l.reachedFrom.map(code).join(', ')}: AWS caps a chained session at 3600 s`,
    );
  return out.length > 0
    ? out
    : ['No flags: every chain is declared, no roles assume each other in a loop, and no chained role sets a maxSessionDuration above 3600.'];
}
