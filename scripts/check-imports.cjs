#!/usr/bin/env node
/**
 * `npm run check:imports` (and .ci/run): the imports between the files of
 * `src/` follow the pipeline.
 *
 * 1. No import circle between files: type-only imports count too.
 * 2. No upward import between folders: a file imports only from its own
 *    folder or from a folder earlier in ORDER. ORDER is the pipeline order of
 *    CONTRIBUTING.md's table, and the table must list the same folders in the
 *    same order (so the picture there stays true).
 *
 * A "unit" is a top-level folder of `src/` (its sub-folders included), a
 * top-level file, or a file named in ORDER on its own (`model/types.ts`, read
 * by the trust builders the resolver calls). Every unit must be in ORDER.
 * Imports are read with the TypeScript parser (a devDependency): static
 * imports and re-exports, `import()`, `require()` and `typeof import()`.
 * Exit 0 when all holds, 1 with one line per problem otherwise.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * The pipeline, first to last: input -> model -> description -> renderers ->
 * checks, then pipeline.ts (the steps in the order they run) and what runs it.
 * Mirrors CONTRIBUTING.md's table.
 */
const ORDER = [
  // Helpers every step shares; they import nothing from src/ (errors.ts re-exports the errors/ folder).
  'errors',
  'errors.ts',
  'order.ts',
  'group-by.ts',
  'names.ts',
  'ip.ts',
  // input
  'input',
  // Terraform itself: the binary, the provider mirror, the offline settings (the description writes them).
  'terraform',
  // model: policy documents, the model's types, the trust builders, the resolver that calls them
  'policy',
  'model/types.ts',
  'trust',
  'model',
  // description
  'description',
  // renderers
  'render',
  'modules',
  'workloads',
  'output',
  'examples',
  // checks
  'lint',
  'access',
  // the pipeline itself: load -> resolve -> check -> describe, which synth and AccountStack both run
  'pipeline.ts',
  // what runs the pipeline: AccountStack, brownfield, synth, the API, the CLI
  'constructs',
  'brownfield',
  'summary.ts',
  'synth.ts',
  'index.ts',
  'cli',
];

/**
 * Sub-rooms of a folder, first to last: a file imports only from its own sub-room or an earlier one.
 * '.' is the folder's own files (the entry points), last.
 */
const ROOMS = {
  input: ['primitives', 'trust-types', 'sections', '.'],
  access: ['evaluate', 'identities', 'sources', 'proof', 'report', 'explain', '.'],
};

/** The sub-room of a path relative to src/ when its folder has ROOMS, else undefined. */
function roomOf(rel, rooms) {
  const parts = rel.split('/');
  const order = rooms[parts[0]];
  if (order === undefined) return undefined;
  return parts.length > 2 ? parts[1] : '.';
}

function loadTypescript() {
  try {
    return require('typescript');
  } catch (e) {
    throw new Error(
      `check-imports needs the typescript package (a devDependency): ${e.message.split('\n')[0]}\n    fix: run \`npm ci\` in the repository root`,
    );
  }
}

function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The unit of a path relative to src/ (forward slashes): the file itself if ORDER names it, else its top folder or file. */
function unitOf(rel, order) {
  return order.includes(rel) ? rel : rel.split('/')[0];
}

/** Every relative import of a file: the specifier and its line. */
function importsOf(ts, file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = [];
  const add = (lit) => out.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1 });
  const visit = (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) add(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression))
      add(n.moduleReference.expression);
    else if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require')) &&
      n.arguments.length > 0 &&
      ts.isStringLiteralLike(n.arguments[0])
    )
      add(n.arguments[0]);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) add(n.argument.literal);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.filter((i) => i.spec.startsWith('.'));
}

/** The file a relative specifier names, as TypeScript resolves it; undefined when none exists. */
function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Strongly connected components with more than one file (or a file importing itself), by Tarjan's algorithm. */
function circles(nodes, edges) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const idx = new Map();
  const low = new Map();
  const out = [];
  const connect = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const { to: w } of edges.get(v)) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || edges.get(v).some((e) => e.to === v)) out.push(c.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) connect(v);
  return out;
}

/** One shortest cycle through the first file of a circle, as its imports (file and line). */
function oneCycle(component, edges) {
  const inside = new Set(component);
  const start = component[0];
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const e of edges.get(v)) {
      if (!inside.has(e.to)) continue;
      if (e.to === start) {
        const path = [e];
        for (let at = v; at !== start; at = prev.get(at).from) path.unshift(prev.get(at));
        return path;
      }
      if (!prev.has(e.to)) {
        prev.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return [];
}

/** The units CONTRIBUTING.md's pipeline table names, in its order: the `src/...` paths of each row's first cell. */
function tableUnits(contributing, order) {
  const text = fs.readFileSync(contributing, 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('The pipeline'));
  if (!section) throw new Error(`${contributing}: no "## The pipeline" section with the table of folders`);
  const units = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/`src\/([^`]+?)\/?`/g)) {
      const u = unitOf(m[1], order);
      if (!units.includes(u)) units.push(u);
    }
  }
  return units;
}

/**
 * Checks the imports of `root`/src. `order` is the pipeline order; `contributing`, when given, the
 * CONTRIBUTING.md whose table must list the same units in that order.
 */
function checkImports({ root, order = ORDER, rooms = ROOMS, contributing = path.join(root, 'CONTRIBUTING.md') }) {
  const ts = loadTypescript();
  const src = path.join(root, 'src');
  const rel = (f) => path.relative(src, f).split(path.sep).join('/');
  const shown = (f) => `src/${rel(f)}`;
  const files = listFiles(src);
  const problems = [];
  const fix = `the order is ORDER in scripts/check-imports.cjs, the table in CONTRIBUTING.md ("The pipeline, and where each step lives")`;

  for (const u of [...new Set(files.map((f) => unitOf(rel(f), order)))]) {
    if (!order.includes(u))
      problems.push(
        `src/${u}: not in the pipeline order\n    fix: add it to ORDER in scripts/check-imports.cjs where its imports allow, and a row to CONTRIBUTING.md's table at the same place`,
      );
  }
  if (contributing) {
    const listed = tableUnits(contributing, order);
    if (listed.join(' ') !== order.join(' ')) {
      problems.push(
        `${path.relative(root, contributing)}: the pipeline table lists ${listed.join(', ')}\n    but ORDER in scripts/check-imports.cjs is ${order.join(', ')}\n    fix: make the table's rows and ORDER name the same units in the same order`,
      );
    }
  }

  const edges = new Map(files.map((f) => [f, []]));
  let count = 0;
  for (const from of files) {
    for (const { spec, line } of importsOf(ts, from)) {
      const to = resolveImport(from, spec);
      if (to === undefined) {
        problems.push(`${shown(from)}:${line}: cannot resolve '${spec}'`);
        continue;
      }
      if (!edges.has(to)) continue; // outside src/ (package.json) or not TypeScript
      count++;
      edges.get(from).push({ from, to, line });
      const a = unitOf(rel(from), order);
      const b = unitOf(rel(to), order);
      if (a !== b && order.includes(a) && order.includes(b) && order.indexOf(b) > order.indexOf(a)) {
        problems.push(
          `${shown(from)}:${line}: imports ${shown(to)}, upward: ${a} comes before ${b} in the pipeline\n    fix: move what it needs down to ${a} or an earlier folder, or the importing code up (${fix})`,
        );
      }
      const ra = a === b ? roomOf(rel(from), rooms) : undefined;
      const rb = roomOf(rel(to), rooms);
      if (ra !== undefined && rb !== undefined && ra !== rb) {
        const rOrder = rooms[a];
        if (!rOrder.includes(ra) || !rOrder.includes(rb))
          problems.push(
            `${shown(from)}: src/${a}/${ra === '.' ? rb : ra} is not a sub-room of ${a}\n    fix: add it to ROOMS.${a} in scripts/check-imports.cjs`,
          );
        else if (rOrder.indexOf(rb) > rOrder.indexOf(ra))
          problems.push(
            `${shown(from)}:${line}: imports ${shown(to)}, upward inside ${a}: ${ra} comes before ${rb} (${rOrder.join(' -> ')})\n    fix: move what it needs down to ${a}/${ra} or an earlier sub-room, or the importing code up (ROOMS in scripts/check-imports.cjs)`,
          );
      }
    }
  }
  for (const c of circles(files, edges)) {
    const cycle = oneCycle(c, edges);
    problems.push(
      `import circle: ${cycle.map((e) => `${shown(e.from)}:${e.line}`).join(' -> ')} -> ${shown(cycle[0].from)}${c.length > cycle.length ? ` (${c.length} files in all: ${c.map(shown).join(', ')})` : ''}\n    fix: move what both sides need into a file of its own that neither side's other code imports back`,
    );
  }
  return { files: files.length, imports: count, problems };
}

module.exports = { ORDER, ROOMS, checkImports };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  let result;
  try {
    result = checkImports({ root });
  } catch (e) {
    process.stderr.write(`check-imports: ${e.message}\n`);
    process.exit(2);
  }
  for (const p of result.problems) process.stderr.write(`${p}\n`);
  if (result.problems.length > 0) {
    process.stderr.write(`check-imports: ${result.problems.length} problem(s) in ${result.files} files\n`);
    process.exit(1);
  }
  process.stdout.write(`check-imports: ${result.files} files, ${result.imports} imports inside src/: no circle, no upward import\n`);
}
