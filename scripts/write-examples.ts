/**
 * Regenerates examples/plain-terraform/main.tf from the embedded default
 * example (`npm run examples`). A test fails when the committed file drifts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAIN_ROOT_EXAMPLE, plainRootExample } from '../src/examples/plain-root-example';

writeFileSync(join(__dirname, '..', PLAIN_ROOT_EXAMPLE), plainRootExample());
process.stderr.write(`wrote ${PLAIN_ROOT_EXAMPLE}\n`);
