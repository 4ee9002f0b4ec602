/**
 * The `cross-account-iam` command: runs the command line of this process.
 * Built to dist/cli-main.js by scripts/build.cjs, and run by dist/cli.js
 * (launcher.ts); `npm run cli` runs it from the source.
 */
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
