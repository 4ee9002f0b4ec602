import { generatedNotice } from '../names';
import type { Model } from '../model/types';
import { plainRoot } from './plain-root';

/** `modules/README.md`: what was generated, and a root module that calls all of it. */
export function modulesIndex(model: Model): string {
  const lines = [
    '# Generated modules',
    '',
    generatedNotice(model.file, 'markdown'),
    '',
    '| module | account | region | roles |',
    '|---|---|---|---|',
    ...model.accounts.map((a) => `| [\`${a.name}\`](./${a.name}) | \`${a.id}\` | ${a.region} | ${a.roles.map((r) => `\`${r.name}\``).join(', ')} |`),
    '',
    'A root module that calls every account module, one aliased provider per account:',
    '',
    '```hcl',
    plainRoot(model, './modules').trimEnd(),
    '```',
    '',
  ];
  return lines.join('\n');
}
