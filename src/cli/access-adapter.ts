/**
 * The one place the CLI calls the access checker. Today that is the
 * command-line `run()` of src/access/cli.ts, given absolute paths; when
 * src/access/ exposes an access-run function, only this file changes.
 */
import { resolve } from 'node:path';
import type { SpecChoice } from './project';
import type { CliIO } from './verb';

export interface AccessRequest {
  /** The spec: its identities and expectations. */
  readonly spec: SpecChoice;
  /** Read the policies from these synthesized stacks... */
  readonly stacksDir?: string;
  /** ...or from `terraform show -json` of a plan. */
  readonly plan?: string;
  /** Compare two sides (spec files, stacks directories or plan JSON files) instead. */
  readonly diff?: readonly [string, string];
  /** Where the reports go. */
  readonly out: string;
  /** The longest role chain reported. */
  readonly hops?: string;
}

/** Runs the access check; resolves to its exit code (0 all as expected, 1 failures, 2 bad input). */
export function runAccess(request: AccessRequest, io: CliIO): number {
  const abs = (p: string) => resolve(io.cwd, p);
  const argv: string[] = request.diff ? ['diff', abs(request.diff[0]), abs(request.diff[1])] : [];
  // The embedded example is what src/access/cli.ts reads when it gets no --spec (SPEC_FILE is unset then: chooseSpec would have taken it).
  if (request.spec.kind === 'file') argv.push('--spec', request.spec.path);
  if (!request.diff) {
    if (request.plan) argv.push('--plan', abs(request.plan));
    else if (request.stacksDir) argv.push('--synth', abs(request.stacksDir));
  }
  argv.push('--out', abs(request.out));
  if (request.hops !== undefined && !request.diff) argv.push('--hops', request.hops);
  const cli = require('../access/cli') as typeof import('../access/cli');
  return cli.run(argv, io.stdout, io.stderr);
}
