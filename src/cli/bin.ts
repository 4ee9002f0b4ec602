/** The `cross-account-iam` executable (built to dist/cli.js by scripts/build.cjs). */
import { processIO, runCli } from './main';

runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
