/**
 * zod's `locales` namespace (`z.locales.fr()`...), each locale loaded when first read. zod's own
 * `locales/index.cjs` requires all 60-odd of them up front, and jest evaluates it again in every test
 * file: on Node 20, whose V8 cannot reuse the compiled code there, that is 0.08 s of CPU a file, for
 * locales nothing here reads (zod loads its English messages itself). jest.config.js maps zod's
 * `require("../locales/index.cjs")` here; the names and files are read from that index, so the exports
 * are the same.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const index = require.resolve('zod/v4/locales/index.cjs');
const source = readFileSync(index, 'utf8');
const files = new Map([...source.matchAll(/var (\w+) = require\("\.\/([\w-]+\.cjs)"\);/g)].map((m) => [m[1], m[2]]));
const names = [
  ...source.matchAll(
    /Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return __importDefault\((\w+)\)\.default; \} \}\);/g,
  ),
];
if (names.length === 0 || names.length !== files.size)
  throw new Error(`zod-locales.cjs: cannot read the locales of ${index}; remove its moduleNameMapper entry from jest.config.js`);

Object.defineProperty(exports, '__esModule', { value: true });
for (const [, name, variable] of names) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    get: () => {
      const mod = require(join(dirname(index), files.get(variable)));
      return mod && mod.__esModule ? mod.default : mod;
    },
  });
}
