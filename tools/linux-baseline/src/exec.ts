// Running host commands with a clear failure message: which command, its
// exit status and the tail of what it printed.
import { spawnSync } from 'node:child_process';

export type Log = (line: string) => void;

/** Progress lines go to stderr so a table on stdout stays clean. */
export const stderrLog: Log = (line) => process.stderr.write(`[linux-baseline] ${line}\n`);

export class CommandError extends Error {}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` to completion; throws CommandError naming the command when it cannot start or exits non-zero. */
export function run(cmd: string, args: string[], opts: { cwd?: string; log?: Log; hint?: string } = {}): RunResult {
  const shown = [cmd, ...args].join(' ');
  opts.log?.(`$ ${shown}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { cwd: opts.cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const hint = opts.hint ? `\n${opts.hint}` : '';
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd} is not installed` : r.error.message;
    throw new CommandError(`'${shown}' could not run: ${why}${hint}`);
  }
  if (r.status !== 0) {
    const tail = `${r.stderr}${r.stdout}`.trim().split('\n').slice(-12).join('\n');
    throw new CommandError(`'${shown}' failed (${r.status === null ? `signal ${r.signal}` : `exit ${r.status}`}):\n${tail}${hint}`);
  }
  return { stdout: r.stdout, stderr: r.stderr };
}
