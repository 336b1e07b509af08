// Boots the app with its installed `unishyper qemu` (as a user would) and
// waits for the kernel to say it listens. The CLI runs in a process group of
// its own, so stopping it also stops the QEMU it started.
import { spawn } from 'node:child_process';
import { cleanEnv } from './run.js';

export interface Booted {
  /** The QEMU command line the CLI printed (its first `[unishyper] qemu-system-...` line). */
  qemuCommand: string;
  console: () => string;
  stop: () => void;
}

export function bootApp(appDir: string, ready: string, timeoutMs = 60_000): Promise<Booted> {
  // --timeout: QEMU ends on its own even if this process dies before stop().
  const child = spawn('pnpm', ['exec', 'unishyper', 'qemu', '.', '--no-build', '--timeout', '150'], { cwd: appDir, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      stop();
      reject(new Error(`${why}\n--- console\n${stdout}\n--- stderr\n${stderr}`));
    };
    const deadline = Date.now() + timeoutMs;
    const poll = setInterval(() => {
      if (stdout.includes(ready)) {
        clearInterval(poll);
        const qemuCommand = /^\[unishyper\] (\S*qemu-system-\S+ .*)$/m.exec(stderr)?.[1] ?? '';
        resolve({ qemuCommand, console: () => stdout, stop });
      } else if (child.exitCode !== null) fail(`unishyper qemu exited with ${child.exitCode} before "${ready}"`);
      else if (Date.now() > deadline) fail(`no "${ready}" within ${timeoutMs} ms`);
    }, 100);
  });
}
