/**
 * The `yaml` package, loaded on first use. Only a spec written in YAML (its
 * parse, scan and line numbers) and a manifest the workload layout does not
 * write itself (`workloads/yaml-text.ts`) need it: a synth of the embedded
 * example or of a JSON spec never loads it, about 2 ms of each start
 * (bench/README.md, round 5). Import its types with `import type`.
 */
import { lateLoader } from './late-code';

export const yamlLib = lateLoader(() => require('yaml') as typeof import('yaml'));
