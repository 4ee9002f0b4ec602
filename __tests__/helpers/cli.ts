/** The CLI in process, as a user's shell runs it in `cwd` (with `stdin` piped in, when given): its exit code and what it printed. */
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/verb';

export async function cli(cwd: string, argv: readonly string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd,
    env: { PATH: process.env.PATH },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...(stdin === undefined ? {} : { stdin: () => stdin }),
  };
  const code = await runCli([...argv], io);
  return { code, stdout, stderr };
}
