/**
 * `dist/cli.js`, the `cross-account-iam` executable: a few lines that run the
 * CLI's bundle (`dist/cli-main.js`, src/cli/bin.ts and all it imports) through
 * V8's code cache (code-cache.ts), so that a run does not compile 1.2 MB of
 * JavaScript again. Both files are built by scripts/build.cjs,
 * which also puts the bundle's name and content hash here.
 */
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';

declare const CLI_MAIN: string;
declare const CLI_MAIN_HASH: string;

// This file's own require: the bundle is in the same folder.
runWithCodeCache(join(__dirname, CLI_MAIN), { buildHash: CLI_MAIN_HASH, purpose: process.argv[2] ?? '', env: process.env, require });
