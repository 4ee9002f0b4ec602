/**
 * Spec parsing never crashes: random and mutated specs (objects and YAML text)
 * go through parse, validation, resolution and the lint pack, and the only
 * thing ever thrown is a SpecError whose problems all have a file, a field
 * path, a message and a fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { isSpecError, type Problem } from '../src/errors';
import { defaultSpec } from '../src/examples/default-spec';
import { lintModel } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import { parseSpecYaml, validateSpec, type LoadedSpec } from '../src/input/load';
import { allPaths } from './helpers/json-paths';

const DEFAULT_YAML = readFileSync(join(__dirname, '..', 'examples', 'default', 'spec.yaml'), 'utf8');
const FILE = 'fuzz.yaml';
const RUNS = { numRuns: 100 };

function expectWellFormed(p: { file: string; path: string; message: string; fix: string }): void {
  expect(p.file.startsWith(FILE)).toBe(true);
  expect(p.path.length).toBeGreaterThan(0);
  expect(p.message.length).toBeGreaterThan(0);
  expect(p.fix.length).toBeGreaterThan(0);
}

type Outcome = 'ok' | 'spec-error';

/** Loads, resolves and lints; returns how it ended. Anything thrown but a SpecError fails the property. */
function check(load: () => LoadedSpec): Outcome {
  try {
    const loaded = load();
    const report = lintModel(resolveModel(loaded), { locate: loaded.locate });
    report.findings.forEach(expectWellFormed);
    return 'ok';
  } catch (e) {
    if (!isSpecError(e)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    e.problems.forEach((p: Problem) => expectWellFormed(p));
    return 'spec-error';
  }
}

// ---- object mutations --------------------------------------------------------

type Json = unknown;

/** Control and invisible characters, alone or inside text: the loader refuses them in every key and value. */
const controlChar = fc.constantFrom('\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\u200b', '\ufeff');
const withControl = fc.tuple(fc.string({ maxLength: 8 }), controlChar, fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`);
/** Numbers past 2^53 and with leading zeros, as numbers and as YAML source: id fields must not take them silently. */
const hugeNumber = fc.oneof(
  fc.constantFrom(109876543210987654321, 2 ** 53 + 2, 1e21, -1e300, 11111111111),
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }).map(Number),
);
const hugeNumberSource = fc.oneof(
  fc.constantFrom('109876543210987654321', '011111111111', '0x1F', '1e3', '3600.0', '00'),
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }).map(String),
);

/** Strings that reach interesting code: prototype keys, wildcards, interpolation, IAM characters, control characters. */
const nastyString = fc.oneof(
  fc.string(),
  withControl,
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '*',
    '?',
    '${x}',
    '%{y}',
    '',
    ' ',
    'system:serviceaccount:*',
    'repo:*',
    'a'.repeat(300),
    '\u0000',
    'é',
    '1e400',
  ),
);
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.anything({ maxDepth: 3 }),
  nastyString,
  hugeNumber,
  fc.constantFrom(0, -1, 1e308, Number.NaN, Infinity, true, null),
);

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'swap-type', 'nest', 'string', 'duplicate', 'rename-key'),
  value: anyValue,
  text: nastyString,
  depth: fc.integer({ min: 1, max: 400 }),
});

function swapType(v: Json): Json {
  if (typeof v === 'string') return v.length;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 0;
  if (Array.isArray(v)) return { ...v };
  if (v && typeof v === 'object') return Object.values(v);
  return {};
}

function mutate(root: Record<string, Json>, m: { at: number; op: string; value: Json; text: string; depth: number }): void {
  const paths = allPaths(root).filter((p) => p.length > 0);
  const path = paths[m.at % paths.length];
  const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root) as Record<string | number, Json> & Json[];
  const key = path[path.length - 1];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'replace':
      parent[key] = m.value;
      break;
    case 'swap-type':
      parent[key] = swapType(parent[key]);
      break;
    case 'nest': {
      let v: Json = parent[key];
      for (let i = 0; i < m.depth; i++) v = i % 2 ? [v] : { [m.text || 'x']: v };
      parent[key] = v;
      break;
    }
    case 'string':
      parent[key] = m.text;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key]));
      else parent[`${String(key)}-copy`] = structuredClone(parent[key]);
      break;
    case 'rename-key':
      if (!Array.isArray(parent)) {
        const v = parent[key];
        delete parent[key];
        Object.defineProperty(parent, m.text, { value: v, enumerable: true, configurable: true, writable: true });
      }
      break;
  }
}

// ---- YAML text mutations -----------------------------------------------------

const yamlChunk = fc.oneof(
  fc.string({ unit: fc.constantFrom(...':-[]{}&*!|>\'"%@`#,?\n\t abc019_'.split('')), maxLength: 20 }),
  hugeNumberSource,
  withControl,
  fc.constantFrom('|\n  x\n', '"\\t"', '"a\\u0000b"', '"\\u202e"'),
  fc.constantFrom(
    '&a ',
    '*a',
    '<<: *a\n',
    '!!binary ',
    '!foo ',
    '? ',
    '--- ',
    '\n---\n',
    '~',
    '.inf',
    '.nan',
    '0x1F',
    '\t',
    '"\\u0000"',
    'null',
    '[',
    ']',
    '{',
    '}',
    '- ',
    ': ',
  ),
);

const textMutation = fc.record({
  op: fc.constantFrom('insert', 'delete', 'duplicate-line', 'tab-indent', 'swap-lines', 'anchor-alias', 'deep-nest'),
  at: fc.nat(),
  other: fc.nat(),
  length: fc.integer({ min: 1, max: 60 }),
  chunk: yamlChunk,
  depth: fc.integer({ min: 1, max: 3000 }),
});

function mutateText(text: string, m: { op: string; at: number; other: number; length: number; chunk: string; depth: number }): string {
  const lines = text.split('\n');
  const pos = m.at % (text.length + 1);
  const line = m.at % lines.length;
  switch (m.op) {
    case 'insert':
      return text.slice(0, pos) + m.chunk + text.slice(pos);
    case 'delete':
      return text.slice(0, pos) + text.slice(pos + m.length);
    case 'duplicate-line':
      // A duplicated key or list entry.
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'tab-indent':
      return lines.map((l, i) => (i === line ? l.replace(/^ +/, '\t') : l)).join('\n');
    case 'swap-lines': {
      const other = m.other % lines.length;
      const out = [...lines];
      [out[line], out[other]] = [out[other], out[line]];
      return out.join('\n');
    }
    case 'anchor-alias': {
      // Anchor one value, alias it from another place.
      const other = m.other % lines.length;
      const out = lines.map((l, i) => (i === line ? l.replace(/: (\S)/, ': &a $1') : i === other ? l.replace(/: \S.*$/, ': *a') : l));
      return out.join('\n');
    }
    case 'deep-nest': {
      const nested = m.other % 2 ? '['.repeat(m.depth) + ']'.repeat(m.depth) : `${'{a: '.repeat(m.depth)}1${'}'.repeat(m.depth)}`;
      return lines.map((l, i) => (i === line ? l.replace(/: \S.*$/, `: ${nested}`) : l)).join('\n');
    }
    default:
      return text;
  }
}

describe('spec parsing never crashes', () => {
  it('the default example passes as is (the baseline the mutations start from)', () => {
    expect(check(() => parseSpecYaml(DEFAULT_YAML, FILE))).toBe('ok');
    expect(check(() => validateSpec(structuredClone(defaultSpec), FILE))).toBe('ok');
  });

  it('random text as YAML', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...':-[]{}&*!|>\'"%@`#,? \n\tab1'.split('')) })),
        (text) => {
          check(() => parseSpecYaml(text, FILE));
        },
      ),
      RUNS,
    );
  });

  it('random values, as objects and as YAML', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withBigInt: true, withDate: true }), (value) => {
        check(() => validateSpec(value, FILE));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        check(() => parseSpecYaml(stringify(value), FILE));
      }),
      RUNS,
    );
  });

  it('the default example with fields deleted, swapped, nested, renamed, duplicated or replaced by random values', () => {
    const outcomes = new Set<Outcome>();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const spec = structuredClone(defaultSpec) as Record<string, Json>;
        for (const m of mutations) mutate(spec, m);
        outcomes.add(check(() => validateSpec(spec, FILE)));
      }),
      { numRuns: 250 },
    );
    // Both outcomes happen: the mutations do reach resolution and the pack.
    expect([...outcomes].sort()).toEqual(['ok', 'spec-error']);
  });

  it('the default example as YAML with text mutations: inserted syntax, deletions, duplicate keys, tabs, anchors and aliases, deep nesting', () => {
    const outcomes = new Set<Outcome>();
    fc.assert(
      fc.property(fc.array(textMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const text = mutations.reduce(mutateText, DEFAULT_YAML);
        outcomes.add(check(() => parseSpecYaml(text, FILE)));
      }),
      // Each run parses, resolves and lints the whole example (about 16 ms).
      RUNS,
    );
    expect([...outcomes].sort()).toEqual(['ok', 'spec-error']);
  });

  it('a control character in any string of the default example is refused at that field', () => {
    const leaves = allPaths(defaultSpec).filter(
      (p) => p.length > 0 && typeof p.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], defaultSpec) === 'string',
    );
    fc.assert(
      fc.property(fc.nat(), withControl, (at, text) => {
        const spec = structuredClone(defaultSpec) as Record<string, Json>;
        const path = leaves[at % leaves.length];
        const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], spec) as Record<string | number, Json>;
        parent[path[path.length - 1]] = text;
        try {
          validateSpec(spec, FILE);
        } catch (e) {
          if (!isSpecError(e)) throw e;
          const where = path
            .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
            .join('')
            .replace(/^\./, '');
          expect(e.problems.map((p) => p.path)).toContain(where);
          expect(e.problems.find((p) => p.path === where)!.message).toMatch(/invisible character U\+[0-9A-F]{4}/);
          return;
        }
        throw new Error(`a control character at ${path.join('.')} was accepted`);
      }),
      RUNS,
    );
  });

  it('a number past 2^53 in any id field is refused, from YAML and from objects', () => {
    const idFields = [/^(\s+)id: "\d{12}"/m, /^(\s+.*)uniqueId: "\d+"/m];
    fc.assert(
      fc.property(
        fc.constantFrom(...idFields),
        hugeNumberSource.filter((n) => /^\d{17,}$/.test(n)),
        (field, n) => {
          const text = DEFAULT_YAML.replace(field, (m) => m.replace(/"\d+"/, n));
          expect(text).not.toBe(DEFAULT_YAML);
          expect(check(() => parseSpecYaml(text, FILE))).toBe('spec-error');
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(
        hugeNumber.filter((n) => !Number.isSafeInteger(n)),
        (n) => {
          const spec = structuredClone(defaultSpec) as any;
          spec.accounts[0].id = n;
          expect(check(() => validateSpec(spec, FILE))).toBe('spec-error');
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'],
    ['a recursive alias', 'accounts: &a [*a]\n'],
    ['20000 nested lists', `accounts: ${'['.repeat(20000)}${']'.repeat(20000)}`],
    ['duplicate keys', 'version: 1\nversion: 1\naccounts: []\n'],
    ['tab indentation', DEFAULT_YAML.replace(/\n {4}/g, '\n\t')],
    ['two documents', `${DEFAULT_YAML}\n---\nversion: 1\n`],
    ['an unknown tag', 'version: !foo 1\n'],
    ['an empty file', ''],
    ['a scalar', '42'],
    [
      'prototype keys',
      DEFAULT_YAML.replace('data-platform-cluster: existing', '__proto__: existing').replace(/issuer: airflow-cluster/, 'issuer: constructor'),
    ],
    ['an issuer named like an Object method', DEFAULT_YAML.replace(/airflow-cluster/g, 'hasOwnProperty')],
    ['an OIDC provider named like an Object method', DEFAULT_YAML.replace('data-platform-cluster: existing', 'constructor: existing')],
    ['a merge key', 'base: &b {region: eu-west-1}\naccounts:\n  - <<: *b\n    name: a\n    id: "111111111111"\n'],
  ])('%s', (_name, text) => {
    check(() => parseSpecYaml(text, FILE));
  });
});
