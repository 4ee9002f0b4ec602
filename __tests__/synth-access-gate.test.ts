/**
 * Class 2 of issue 26: a failing access proof stops the synth. The proof synth
 * computes runs before anything is written; a declared caller denied, a
 * near-miss allowed, a check that cannot be decided or an undeclared role
 * chain is a PROOF001 error at its role: synth exits 1, lists the failing
 * checks and writes nothing, through `synthesize()`, the CLI's `synth` and the
 * cdktf app alike. A role accepts its own failing checks with a suppression
 * and a reason; the summary then names them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { proveAccess } from '../src/access/report/access-md';
import { proofFindings } from '../src/access/proof-gate';
import { AccessProofError, SpecError } from '../src/errors';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile, parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { formatSummary } from '../src/summary';
import { refusal } from './helpers/spec';
import { tempDir } from './helpers/synth';
import { cli } from './helpers/cli';
import { deniedSpec } from './helpers/denied-spec';

const ROOT = join(__dirname, '..');

const SUPPRESSED = `        suppressions:
          - { rule: PROOF001, reason: "ci hops only through the broker; the deny is deliberate" }
`;

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** A project folder holding the spec as spec.yaml. */
function project(spec: string): string {
  const dir = tempDir('xacct-gate-');
  writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
  writeFileSync(join(dir, 'spec.yaml'), spec);
  return dir;
}

describe('GIVEN a spec whose access proof finds a declared caller denied', () => {
  it('WHEN synthesize() runs THEN it throws an AccessProofError naming each failing check at its role, and writes nothing', () => {
    const text = deniedSpec();
    const dir = tempDir();
    const problems = refusal(() => synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') }));
    expect(readdirSync(dir)).toEqual([]);
    expect(problems).toHaveLength(2);
    for (const p of problems) {
      expect(p).toMatchObject({ ruleId: 'PROOF001', file: `spec.yaml:${lineOf(text, '- name: target')}`, path: 'accounts[1].roles[0]' });
      expect(p.message).toMatch(
        /^access proof: b\/target <- arn:aws:(iam|sts)::111111111111:(role|assumed-role)\/ci\S*: expected allow, got deny \(no-hops S0 \(Deny\)\)/,
      );
      expect(p.fix).toMatch(/suppress PROOF001 on the role with a reason/);
    }
  });

  it('WHEN the error is shown THEN it says how many checks fail and that nothing was written', () => {
    let error: unknown;
    try {
      synthesize(parseSpecYaml(deniedSpec(), 'spec.yaml'), { outdir: join(tempDir(), 'o'), modulesDir: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AccessProofError);
    expect((error as Error).message).toMatch(
      /^2 checks of the access proof fail; nothing was written\.\nspec\.yaml:\d+: accounts\[1\]\.roles\[0\] \[PROOF001\]: access proof: b\/target <- /,
    );
  });

  it('WHEN the CLI synthesizes it THEN it exits 1, lists the failing checks on stderr and writes nothing', async () => {
    const dir = project(deniedSpec());
    const r = await cli(dir, ['synth']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 checks of the access proof fail; nothing was written.');
    expect(r.stderr.match(/\[PROOF001\]: access proof: b\/target <- /g)).toHaveLength(2);
    expect(r.stdout).not.toContain('synth summary');
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'spec.yaml']);
  });

  it('WHEN the cdktf app (scripts/cdktf-app.cjs, as `cdktf synth` runs it) synthesizes it THEN it exits 1 and writes nothing', () => {
    const dir = project(deniedSpec());
    const env = { PATH: process.env.PATH, SPEC_FILE: 'spec.yaml', CDKTF_OUTDIR: join(dir, 'cdktf.out'), MODULES_DIR: join(dir, 'modules') };
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cdktf-app.cjs')], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2 checks of the access proof fail; nothing was written.');
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'spec.yaml']);
  }, 60_000);

  it('WHEN the reports are off (ACCESS_MATRIX=off) or the modules skipped THEN the proof still gates the synth', () => {
    for (const options of [{ accessMatrix: false }, { modulesDir: false as const }]) {
      const dir = tempDir();
      expect(() =>
        synthesize(parseSpecYaml(deniedSpec(), 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), ...options }),
      ).toThrow(AccessProofError);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe('GIVEN the role suppresses PROOF001 with a reason', () => {
  it('WHEN synthesized THEN it writes, and the summary counts the failing checks and lists each, marked suppressed', async () => {
    const text = deniedSpec(SUPPRESSED);
    const dir = project(text);
    const r = await cli(dir, ['synth']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/access proof: 2 failing checks of \d+, each accepted by a PROOF001 suppression of its role/);
    const listed = r.stdout.split('\n').filter((l) => l.includes('[PROOF001] accounts[1].roles[0]: access proof: b/target <- '));
    expect(listed).toHaveLength(2);
    for (const l of listed)
      expect(l).toContain('(suppressed at accounts[1].roles[0].suppressions[0]: ci hops only through the broker; the deny is deliberate)');
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks')).sort()).toEqual(['a', 'b']);
    expect(readFileSync(join(dir, 'modules', 'b', 'ACCESS.md'), 'utf8')).toContain('2 failing');
  });

  it("WHEN the suppression is on the account instead THEN the spec is refused (LINT002): an account cannot accept its roles' failing checks", () => {
    const text = deniedSpec('', SUPPRESSED.replace(/^ {8}/gm, '    '));
    const problems = refusal(() => synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(tempDir(), 'o'), modulesDir: false }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'LINT002', path: 'accounts[1].suppressions[0].rule' });
    expect(problems[0].message).toMatch(/PROOF001 cannot be suppressed for a whole account/);
    expect(problems[0]).not.toBeInstanceOf(AccessProofError);
  });

  it('WHEN the role has no failing check THEN the suppression is reported unused (LINT003) and the summary says every check passes', () => {
    const text = deniedSpec(SUPPRESSED).replace('effect: Deny', 'effect: Allow');
    const dir = tempDir();
    const result = synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    expect(result.summary.warnings.filter((w) => w.ruleId === 'PROOF001')).toEqual([]);
    expect(result.summary.warnings.filter((w) => w.ruleId === 'LINT003')).toEqual([
      expect.objectContaining({ path: 'accounts[1].roles[0].suppressions[0].rule', message: 'the suppression of PROOF001 matches no finding' }),
    ]);
    expect(formatSummary(result.summary, result)).toMatch(/\n {2}access proof: all \d+ checks pass\n/);
  });
});

describe('GIVEN a proof with a near-miss allowed and an undeclared chain', () => {
  it('WHEN the gate reads it THEN each is a PROOF001 error at the role reached, with a fix', () => {
    const loaded = parseSpecYaml(deniedSpec().replace('effect: Deny', 'effect: Allow'), 'spec.yaml');
    const model = resolveModel(loaded);
    // A widening bug: the target's trust lets in every AWS principal.
    const target = model.accounts[1].roles[0];
    const widened = {
      ...model,
      accounts: [
        model.accounts[0],
        {
          ...model.accounts[1],
          roles: [
            {
              ...target,
              trustPolicy: {
                statements: [
                  ...target.trustPolicy.statements,
                  { effect: 'Allow' as const, actions: ['sts:AssumeRole'], principals: [{ type: 'AWS' as const, identifiers: ['*'] }] },
                ],
              },
            },
          ],
        },
      ],
    };
    const proof = proveAccess(widened, { keepSections: false });
    const nearMiss = proofFindings(widened, proof, loaded.locate).filter((f) => /expected deny, got allow/.test(f.message));
    expect(nearMiss.length).toBeGreaterThan(0);
    for (const f of nearMiss)
      expect(f).toMatchObject({ ruleId: 'PROOF001', level: 'error', path: 'accounts[1].roles[0]', fix: expect.stringMatching(/narrow the role's trust/) });
    const chain = { identity: 'k8s:ns/sa', roles: ['a/ci', 'b/target'], declared: false };
    const [flag] = proofFindings(
      widened,
      { exceptions: [], chains: { ...proof.chains, flags: { ...proof.chains.flags, undeclared: [chain] } } as never },
      loaded.locate,
    );
    expect(flag).toMatchObject({
      ruleId: 'PROOF001',
      path: 'accounts[1].roles[0]',
      message: 'access proof: role chain not declared by the spec: `k8s:ns/sa` → `a/ci` → `b/target`',
    });
  });
});

describe('GIVEN the committed examples', () => {
  it.each(['default', 'eks-cross-account', 'presets'])('WHEN examples/%s is synthesized THEN its proof passes and the synth writes', (name) => {
    const dir = tempDir();
    const result = synthesize(loadSpecFile(join(ROOT, 'examples', name, 'spec.yaml')), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    expect(result.summary.accessProof).toEqual({ checks: expect.any(Number), failing: 0 });
    expect(result.findings.filter((f) => f.ruleId === 'PROOF001')).toEqual([]);
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks')).length).toBe(result.model.accounts.length);
  });
});

it('AccessProofError is a SpecError (the same problems), so library callers catch it as one', () => {
  expect(new AccessProofError([])).toBeInstanceOf(SpecError);
});
