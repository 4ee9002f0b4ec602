import { generatedNotice } from '../names';
import type { Model } from '../model/types';
import { plainRoot } from './plain-root';
import { ROOT_IMPORTS_FILE } from './root-imports';

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
  const adopted = model.accounts.some((a) => a.roles.some((r) => r.adopt) || a.oidcProviders.some((p) => p.adopt));
  if (adopted) {
    lines.push(
      `Some roles or OIDC providers are adopted (\`adopt: true\`): [\`${ROOT_IMPORTS_FILE}\`](./${ROOT_IMPORTS_FILE}) holds their \`import\` blocks with module addresses. Terraform allows import blocks only in a root module: copy it next to the root above, plan (imports only, no replacement), apply, then remove \`adopt\` from the spec.`,
      '',
    );
  }
  return lines.join('\n');
}
