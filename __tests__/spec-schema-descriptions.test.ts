/**
 * Editor help: the JSON Schema that `schema` prints (and `init`'s
 * `yaml-language-server` line points at) explains every field. Every property
 * has a description, every trust type names itself and its caller, every
 * enum's description names its accepted values, and every example and default
 * it shows is a value the CLI accepts: checked against the JSON Schema (ajv)
 * and against the zod field itself, whose refinements JSON Schema cannot hold.
 */
import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { specJsonSchema } from '../src/cli/verbs/schema';
import { specSchema } from '../src/input/schema';
import { trustSchema } from '../src/input/trust-types';

type Json = Record<string, any>;
interface Property {
  readonly path: string;
  readonly schema: Json;
}

/** Every subschema, with its path, through every keyword that nests one. */
function subschemas(node: unknown, path = '#'): { path: string; schema: Json }[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  const out = [{ path, schema: node as Json }];
  const n = node as Json;
  for (const key of ['properties', '$defs', 'definitions', 'patternProperties']) {
    for (const [name, child] of Object.entries<unknown>(n[key] ?? {})) out.push(...subschemas(child, `${path}/${key}/${name}`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    (n[key] ?? []).forEach((child: unknown, i: number) => out.push(...subschemas(child, `${path}/${key}/${i}`)));
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains']) {
    out.push(...subschemas(n[key], `${path}/${key}`));
  }
  return out;
}

/** Every entry of every `properties` object. */
function properties(root: Json): Property[] {
  return subschemas(root).flatMap(({ path, schema }) =>
    Object.entries<Json>(schema.properties ?? {}).map(([name, child]) => ({ path: `${path}/properties/${name}`, schema: child })),
  );
}

/** Every zod schema reachable from `root`, through objects, wrappers, arrays, records, unions and pipes. */
function zodSchemas(root: z.ZodType): z.ZodType[] {
  const seen = new Set<z.ZodType>();
  const visit = (s: unknown): void => {
    if (!(s instanceof z.ZodType) || seen.has(s)) return;
    seen.add(s);
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    for (const key of ['innerType', 'element', 'keyType', 'valueType', 'in', 'out']) visit(def[key]);
    for (const child of (def.options as unknown[] | undefined) ?? []) visit(child);
    for (const child of Object.values((def.shape as Record<string, unknown> | undefined) ?? {})) visit(child);
  };
  visit(root);
  return [...seen];
}

const schema: Json = specJsonSchema();
const trustOptions = (): Json[] => schema.properties.accounts.items.properties.roles.items.properties.trust.items.oneOf;

describe('the spec JSON Schema explains every field', () => {
  it('GIVEN the generated schema WHEN every properties object is walked THEN every property has a non-empty description', () => {
    const all = properties(schema);
    const missing = all.filter((p) => typeof p.schema.description !== 'string' || p.schema.description.trim() === '').map((p) => p.path);
    expect(missing).toEqual([]);
    // The walk reaches the fields of every trust type, not only the top of the schema.
    for (const option of trustOptions()) expect(all.some((p) => p.schema === option.properties.type)).toBe(true);
  });

  it('GIVEN the trust union THEN each trust type is one oneOf entry with a title, a description and a type description naming it', () => {
    const types = trustSchema.options.map((o) => o.shape.type.value);
    const options = trustOptions();
    expect(options.map((o) => o.properties.type.const)).toEqual(types);
    for (const o of options) {
      const type = o.properties.type.const as string;
      expect([type, o.title]).toEqual([type, `trust: ${type}`]);
      expect(o.description).toEqual(expect.any(String));
      expect(o.properties.type.description.startsWith(`${type}: `)).toBe(true);
    }
    // The trust field lists every accepted type.
    const trust = schema.properties.accounts.items.properties.roles.items.properties.trust;
    for (const type of types) expect(trust.description).toContain(type);
  });

  it('GIVEN a property with a fixed set of values THEN its description names every accepted value', () => {
    const enums = properties(schema).filter((p) => Array.isArray(p.schema.enum));
    expect(enums.length).toBeGreaterThan(0);
    const unnamed = enums.flatMap((p) =>
      (p.schema.enum as unknown[]).filter((v) => !p.schema.description.includes(String(v))).map((v) => `${p.path}: ${String(v)}`),
    );
    expect(unnamed).toEqual([]);
  });

  it('GIVEN every example and default the schema shows THEN the JSON Schema of its own field accepts it', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const shown = subschemas(schema).flatMap(({ path, schema: s }) => [
      ...(Array.isArray(s.examples) ? s.examples.map((value: unknown) => ({ path, s, value })) : []),
      ...('default' in s ? [{ path, s, value: s.default }] : []),
    ]);
    expect(shown.length).toBeGreaterThan(0);
    const refused = shown
      .filter(({ s, value }) => !ajv.validate({ ...s, $schema: undefined }, value))
      .map(({ path, value }) => `${path}: ${JSON.stringify(value)}`);
    expect(refused).toEqual([]);
  });

  it('GIVEN every example of a field THEN the zod field itself, refinements included, accepts it', () => {
    const withExamples = zodSchemas(specSchema).flatMap((s) =>
      ((z.globalRegistry.get(s)?.examples as unknown[] | undefined) ?? []).map((value) => ({ s, value })),
    );
    expect(withExamples.length).toBeGreaterThan(0);
    const refused = withExamples
      .filter(({ s, value }) => !s.safeParse(value).success)
      .map(({ s, value }) => `${String(z.globalRegistry.get(s)?.description).slice(0, 60)}: ${JSON.stringify(value)}`);
    expect(refused).toEqual([]);
  });

  it('GIVEN a field that transforms what it reads (ids, UUIDs) THEN the JSON Schema still shows its examples', () => {
    const shown = new Set(subschemas(schema).flatMap(({ schema: s }) => (Array.isArray(s.examples) ? s.examples.map((v: unknown) => JSON.stringify(v)) : [])));
    const examples = zodSchemas(specSchema).flatMap((s) => ((z.globalRegistry.get(s)?.examples as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)));
    expect(examples.filter((v) => !shown.has(v))).toEqual([]);
    // The GitHub owner id is one of them: an idString, a union piped into a transform.
    const github = trustOptions().find((o) => o.properties.type.const === 'github-actions')!;
    expect(github.properties.ownerId.examples).toEqual([expect.stringMatching(/^\d+$/)]);
  });

  it('GIVEN every field with a default THEN the JSON Schema shows it, also for lists that hold transforming fields (roles)', () => {
    const defaults = zodSchemas(specSchema)
      .map((s) => s._zod.def)
      .flatMap((def) => (def.type === 'default' ? [JSON.stringify((def as z.core.$ZodDefaultDef).defaultValue)] : []));
    const shown = new Set(properties(schema).flatMap((p) => ('default' in p.schema ? [JSON.stringify(p.schema.default)] : [])));
    expect(defaults.filter((d) => !shown.has(d))).toEqual([]);
    expect(schema.properties.accounts.items.properties.roles.default).toEqual([]);
    expect(schema.properties.accounts.items.properties.partition.default).toBe('aws');
  });
});
