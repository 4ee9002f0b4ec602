/**
 * The coverage figure of issue 21: on a synthetic estate of 200 hand-made
 * roles (`helpers/estate.ts`), at least 95% of the roles AWS does not own are
 * imported or adopted as they are, the rest listed with reasons; and the
 * adoption is still a no-op (per-object plan check).
 */
import { join } from 'node:path';
import { importExport } from '../src/brownfield/import';
import { importYaml } from '../src/brownfield/spec-yaml';
import { parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { plannedActions } from './helpers/adoption-plan';
import { estate } from './helpers/estate';
import { tempDir } from './helpers/synth';

const { export: exp, awsOwned } = estate();
const all = exp.accounts.flatMap((a) => a.roles);
const started = Date.now();
const result = importExport(exp, { region: 'eu-west-1' });
const seconds = (Date.now() - started) / 1000;

test('GIVEN a 200-role estate WHEN imported THEN at least 95% of the roles AWS does not own are imported as they are, and the figure is printed', () => {
  expect(all).toHaveLength(200);
  expect(result.awsManaged.map((r) => r.arn).sort()).toEqual([...awsOwned].sort());
  const candidates = all.length - awsOwned.length;
  const share = result.imported.length / candidates;
  const reasons = result.skipped.map((s) => `  ${s.role}: ${s.reason}`).join('\n');
  console.log(
    `coverage: ${result.imported.length} of ${candidates} roles AWS does not own imported or adopted as they are (${(share * 100).toFixed(1)}%); ${awsOwned.length} AWS-managed; import took ${seconds.toFixed(1)} s\nlisted:\n${reasons}`,
  );
  expect(result.imported.length + result.skipped.length).toBe(candidates);
  expect(share).toBeGreaterThanOrEqual(0.95);
});

test("GIVEN the estate's Pod Identity roles, trusts with no sub and IP-pinned trusts WHEN imported THEN every one is imported as it is", () => {
  const names = all.filter((r) => /^(pods-|no-sub-|source-ip-)/.test(r.name)).map((r) => r.arn);
  expect(names).toHaveLength(10);
  expect(result.imported.map((r) => r.arn)).toEqual(expect.arrayContaining(names));
  expect(result.skipped.map((s) => s.role).sort()).toEqual(['deny-0', 'deny-1']);
});

test('GIVEN the imported estate WHEN synthesized THEN the plan per IAM object is imports only', () => {
  const outdir = join(tempDir('xacct-estate-'), 'cdktf.out');
  synthesize(parseSpecYaml(importYaml(result, ['estate']), 'estate.yaml'), { outdir, modulesDir: false, engine: 'direct', accessMatrix: false });
  const plan = plannedActions(outdir, exp, new Map(exp.accounts.map((a) => [a.name!, a.accountId])));
  expect(plan.length).toBeGreaterThan(result.imported.length);
  expect(plan.filter((a) => a.action !== 'import')).toEqual([]);
}, 120_000);
