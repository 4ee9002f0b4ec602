/**
 * Prepares one access measurement (not timed): writes the generated spec of N
 * accounts as JSON (which is YAML, and read a hundred times faster) and
 * synthesizes its stacks (no modules) into DIR.
 *   node --require tsx/cjs bench/access-prep.ts N DIR
 * The bench then times `npm run access -- --spec DIR/spec.json --stacks-dir DIR/cdktf.out`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { generateSpec } from './spec-gen';

const [accountsArg, dir] = process.argv.slice(2);
const accounts = Number(accountsArg);
if (!dir || !Number.isInteger(accounts) || accounts < 1) {
  process.stderr.write('usage: access-prep N DIR\n');
  process.exit(2);
}
const spec = generateSpec(accounts);
writeFileSync(join(dir, 'spec.json'), `${JSON.stringify(spec, null, 1)}\n`);
synthesize(validateSpec(spec, join(dir, 'spec.json')), { outdir: join(dir, 'cdktf.out'), modulesDir: false, offline: false });
