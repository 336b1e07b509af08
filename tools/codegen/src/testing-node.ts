/**
 * Run one kernel-dialect program under Node (through testing-node-main.ts)
 * and capture what it prints and its exit status, for comparison with the
 * expected output or with the native build of the same program.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunResult } from './build.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The entry script run under Node: the .ts source, or its .js build next to the bundled testing.js. */
export const NODE_MAIN = existsSync(join(here, 'testing-node-main.ts')) ? join(here, 'testing-node-main.ts') : join(here, 'testing-node-main.js');

/** The tsx ESM loader, so the program runs in one node process (no tsx CLI child). */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist', 'loader.mjs')).href;
}

/** Same shape as `runNative`'s result, so Node and native runs compare directly. */
export type { RunResult };

export interface RunOptions {
  /** Kill the program after this many milliseconds (default 30 s). */
  timeoutMs?: number;
}

export function runInNode(entry: string, options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', tsxLoader(), NODE_MAIN, resolve(entry)], {
      cwd: dirname(resolve(entry)),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? (signal === 'SIGKILL' ? 137 : 128),
      });
    });
  });
}

/**
 * Make Node and native output comparable: drop the `    at <file>:<line>`
 * location line that the native rt_panic prints after `panic: <msg>`, and
 * use `\n` line ends.
 */
export function normalizeOutput(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !line.startsWith('    at '))
    .join('\n');
}
