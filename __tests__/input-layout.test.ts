/**
 * Where the input room keeps things (CONTRIBUTING.md, the `src/input/` row): every
 * trust type's schema is `src/input/trust-types/<type>.ts`, the file named after
 * its `type:` value, except a CI issuer preset's: its record is `<type>.ts` and
 * its schema `<type>-schema.ts`, which the record reads on first use; every
 * file of `src/input/` is under 400 lines. The order of its sub-rooms
 * (primitives, trust-types, sections) is `npm run check:imports`'s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trustTypes } from '../src/input/trust-types';
import { CI_PRESETS } from '../src/input/trust-types/ci-presets';

const INPUT = resolve(__dirname, '..', 'src', 'input');
const exportsOf = async (file: string): Promise<unknown[]> => Object.values(await import(join(INPUT, 'trust-types', `${file}.ts`)));
const ciTypes = new Set<string>(CI_PRESETS.map((p) => p.type));

describe('src/input/trust-types', () => {
  const types = trustTypes.map((schema) => [schema.shape.type.value, schema] as const);

  it('GIVEN the trust union WHEN its types are listed THEN there are the CI presets and the others, each once', () => {
    const names = types.map(([type]) => type);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(CI_PRESETS.map((p) => p.type)));
    expect(names.length).toBeGreaterThan(CI_PRESETS.length);
  });

  it.each(types)('GIVEN trust type %s WHEN its schema file is loaded THEN it exports that very schema', async (type, schema) => {
    expect(await exportsOf(ciTypes.has(type) ? `${type}-schema` : type)).toContain(schema);
  });

  it.each(CI_PRESETS.map((p) => [p.type, p] as const))(
    'GIVEN CI preset %s WHEN trust-types/<type>.ts is loaded THEN its record is there, and its schema is the one of <type>-schema.ts',
    async (type, record) => {
      expect(await exportsOf(type)).toContain(record);
      expect(await exportsOf(`${type}-schema`)).toContain(record.schema);
      // The record file itself builds no schema: it imports neither zod nor a schema module.
      const text = readFileSync(join(INPUT, 'trust-types', `${type}.ts`), 'utf8');
      expect(text.match(/^import (?!type )[^;]*from '(zod|[^']*(-schema|fields|controls|ci-fields))';/gm)).toBeNull();
    },
  );
});

describe('src/input', () => {
  const files = (readdirSync(INPUT, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();

  it('GIVEN every file of src/input WHEN its lines are counted THEN each is under 400 (CONTRIBUTING.md, as Prettier lays it out)', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) expect([f, readFileSync(join(INPUT, f), 'utf8').split('\n').length < 400]).toEqual([f, true]);
  });
});
