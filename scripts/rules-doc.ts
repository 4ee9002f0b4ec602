/** `npm run docs:rules`: writes docs/rules.md from the rule pack. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DOC, rulesMarkdown } from '../src/lint/rules-doc';

writeFileSync(join(__dirname, '..', RULES_DOC), rulesMarkdown());
process.stdout.write(`wrote ${RULES_DOC}\n`);
