/**
 * The brownfield fixtures (examples/brownfield: three accounts' IAM exports) imported and synthesized
 * into `outdir` as `cross-account-iam import` then `synth` would: the direct engine, stacks only, no
 * access reports. brownfield-plan.test.ts and the brownfield part of the shared Terraform plan start
 * from it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAccountArgs, readExports } from '../../src/brownfield/export';
import { importExport } from '../../src/brownfield/import';
import { importYaml } from '../../src/brownfield/spec-yaml';
import { parseSpecYaml } from '../../src/input/load';
import { synthesize } from '../../src/synth';

const DIR = join(__dirname, '..', '..', 'examples', 'brownfield');

/** The export files, the account names they were given, the export read, and what the import made of it. */
export function importedBrownfield(outdir: string) {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(DIR, f));
  const names = parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']);
  const exp = readExports(files, { accountNames: names });
  const result = importExport(exp, { region: 'eu-west-1' });
  synthesize(parseSpecYaml(importYaml(result, files), 'imported.yaml'), { outdir, modulesDir: false, engine: 'direct', accessMatrix: false });
  return { files, names, exp, result };
}
