// Shared by the image tests: paths, and running a command to completion with
// its output captured.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CODEGEN_DIR = path.resolve(here, '../..');
export const REPO_ROOT = path.resolve(CODEGEN_DIR, '../..');
export const BIN = path.join(CODEGEN_DIR, 'bin/unishyper.js');
export const FIXTURES = path.join(here, 'fixtures');
export const HELLO_DIR = path.join(REPO_ROOT, 'apps/hello');
export const EXIT_STATUS_APP = path.join(FIXTURES, 'apps/exit-status');

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Send killSignal after this long (default 170 s). */
  timeoutMs?: number;
  /** Default SIGKILL. */
  killSignal?: NodeJS.Signals;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NX_TUI: 'false', NX_DAEMON: 'false', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill(opts.killSignal ?? 'SIGKILL'), opts.timeoutMs ?? 170_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The unishyper CLI, as a user runs it (from the repository root unless told otherwise). */
export function cli(args: string[], opts: RunOptions = {}): Promise<Result> {
  return run(process.execPath, [BIN, ...args], opts);
}

/** nx from the repository root (the workspace's own nx). */
export function nx(args: string[], opts: Omit<RunOptions, 'cwd'> = {}): Promise<Result> {
  return run(process.execPath, [path.join(REPO_ROOT, 'node_modules/nx/bin/nx.js'), ...args], { ...opts, cwd: REPO_ROOT });
}

export const show = (r: Result) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Folders whose sources the repository-wide scans read, and folders they never enter (generated or installed). */
const SCANNED_DIRS = ['apps', 'packages', 'tools', 'scripts', '.ci'];
const SKIPPED_DIRS = new Set(['node_modules', 'build', 'dist', '.nx', '.scratch', '.out', '.cache']);
const SOURCE_FILE = /\.(ts|cts|mts|js|cjs|mjs|sh|json)$|^run$/;

/** Every line of the project's own sources, with its repository-relative file and 1-based line number. */
export function* sourceLines(): Generator<{ file: string; line: number; text: string }> {
  const walk = function* (dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) yield* walk(path.join(dir, e.name));
      } else if (SOURCE_FILE.test(e.name)) yield path.join(dir, e.name);
    }
  };
  for (const d of SCANNED_DIRS) {
    const root = path.join(REPO_ROOT, d);
    if (!fs.existsSync(root)) continue;
    for (const f of walk(root)) {
      const file = path.relative(REPO_ROOT, f);
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) yield { file, line: i + 1, text: lines[i]! };
    }
  }
}
