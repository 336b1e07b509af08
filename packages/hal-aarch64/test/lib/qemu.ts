/**
 * Boots a kernel image under qemu-system-aarch64 (-M virt) for the
 * integration tests: exit status through semihosting, console on stdio.
 */
import { spawn } from 'node:child_process';

export interface VirtMachine {
  gic: 2 | 3;
  /** Start at EL2 (`virtualization=on`) instead of EL1. */
  el2: boolean;
  smp?: number;
  memMiB?: number;
  /** Count instructions: -icount shift=4 (the virtual counter ticks once per instruction). */
  icount?: boolean;
}

export interface BootResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function qemuArgs(elf: string, m: VirtMachine): string[] {
  const machine = `virt,gic-version=${m.gic}${m.el2 ? ',virtualization=on' : ''}`;
  const icount = m.icount ? ['-icount', 'shift=4,align=off,sleep=off'] : [];
  return ['-M', machine, '-cpu', 'cortex-a53', '-smp', String(m.smp ?? 4), '-m', `${m.memMiB ?? 512}M`, ...icount, '-nographic', '-monitor', 'none', '-semihosting', '-kernel', elf];
}

/**
 * Runs QEMU until it exits or `timeoutMs` passes (then it is killed).
 * `input` is typed on the console once `inputAfter` has appeared on it
 * (compared with "\r\n" read as "\n", as in the result).
 */
export function boot(elf: string, m: VirtMachine, opts: { timeoutMs?: number; input?: string; inputAfter?: string } = {}): Promise<BootResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-system-aarch64', qemuArgs(elf, m), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let typed = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (!typed && opts.input !== undefined && stdout.replace(/\r\n/g, '\n').includes(opts.inputAfter ?? '')) {
        typed = true;
        child.stdin.write(opts.input);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: stdout.replace(/\r\n/g, '\n'), stderr, timedOut });
    });
  });
}
