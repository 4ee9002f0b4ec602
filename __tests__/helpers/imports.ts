/** What a source file loads: the packages its (non-type) imports reach, directly or through relative imports. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Every package imported, directly or through relative imports, from `entry`. */
export function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export) (type )?[^;]*? from '([^']+)';$/gms)) {
      if (m[1]) continue;
      const spec = m[2];
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const next = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
      if (!next) throw new Error(`${file}: cannot resolve ${spec}`);
      visit(next);
    }
  };
  visit(entry);
  return packages;
}
