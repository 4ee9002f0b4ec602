/**
 * The part of guardrails-terraform.test.ts in the shared plan: the default and presets examples, each
 * given an organization (the default example on a copy of its text), synthesized with `.tf.json` and
 * `.tf` modules; the root calls the management account's stack (offline dry-run settings, its own
 * provider) and its module in both forms.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../../../../src/model/types';
import { parseSpecYaml } from '../../../../src/input/load';
import { synthesize } from '../../../../src/synth';
import type { PlanPart } from '../shared-plan';

const PROJECT = join(__dirname, '..', '..', '..', '..');
const ORGANIZATION = `
  - name: management
    id: "101010101010"
    region: us-east-1

organization:
  id: o-a1b2c3d4e5
  managementAccount: management
  attachTo: [r-ab12, ou-ab12-cdef3456]
`;

export interface Example {
  readonly name: string;
  readonly model: Model;
  /** Module name in the root, and the folder it calls. */
  readonly dirs: readonly [string, string][];
}

export const exampleText = (name: 'default' | 'presets') => readFileSync(join(PROJECT, 'examples', name, 'spec.yaml'), 'utf8');

function synthExample(work: string, name: string, text: string): Example {
  const loaded = parseSpecYaml(text, `${name}.yaml`);
  const out = (format: 'json' | 'hcl') =>
    synthesize(loaded, {
      outdir: join(work, name, `out-${format}`),
      modulesDir: join(work, name, `modules-${format}`),
      moduleFormat: format,
      offline: true,
      accessMatrix: false,
    });
  const json = out('json');
  out('hcl');
  const management = json.model.organization!.managementAccount;
  return {
    name,
    model: json.model,
    dirs: [
      [`${name}_stack`, join(work, name, 'out-json', 'stacks', management)],
      [`${name}_module_json`, join(work, name, 'modules-json', management)],
      [`${name}_module_hcl`, join(work, name, 'modules-hcl', management)],
    ],
  };
}

export function preparePart(work: string): { examples: Example[]; part: PlanPart } {
  const examples = [
    synthExample(work, 'default', `${exampleText('default').trimEnd()}\n${ORGANIZATION}`),
    synthExample(work, 'presets', exampleText('presets')),
  ];
  const rootDir = join(work, 'root');
  mkdirSync(rootDir, { recursive: true });
  const modules = examples
    .flatMap((e) => e.dirs)
    .map(([id, dir]) =>
      [`module "${id}" {`, `  source = "./${relative(rootDir, dir)}"`, ...(id.endsWith('_stack') ? [] : ['  providers = { aws = aws }']), '}', ''].join('\n'),
    );
  writeFileSync(join(rootDir, 'main.tf'), modules.join('\n'));
  return { examples, part: { rootDir, sources: [rootDir, ...examples.flatMap((e) => e.dirs.map(([, dir]) => dir))] } };
}
