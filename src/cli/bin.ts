/** The `cross-account-iam` executable (built to dist/cli.js by scripts/build.cjs). */
import * as nodeModule from 'node:module';

// Node 22.1+ keeps the compiled bundle in its on-disk cache (NODE_DISABLE_COMPILE_CACHE=1 turns it off): the CLI starts without compiling half a megabyte of JavaScript each time. Older Nodes have no such call.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { processIO, runCli } = require('./main') as typeof import('./main');

runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
