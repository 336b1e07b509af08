// Booting a kernel image under qemu-system-aarch64 (-M virt, or the board's
// machine arguments) for integration
// tests: exit status through semihosting, console collected (and optionally
// typed into) through pipes.
import { spawn } from 'node:child_process';
import { qemuArgs, qemuBinary } from './image/qemu.js';

export interface VirtMachine {
  /** GIC version (virt's gic-version; leave it out for boards without a GIC). */
  gic?: 2 | 3;
  /** Start at EL2 (`virtualization=on`) instead of EL1 (default false). */
  el2?: boolean;
  /** Cores (default 4). */
  smp?: number;
  /** Guest RAM in MiB (default 512). */
  memMiB?: number;
  /** Count instructions: -icount shift=4 (the virtual counter ticks once per instruction). */
  icount?: boolean;
  /** More QEMU arguments, appended last (devices: `-drive ... -device virtio-blk-device,...`). */
  extraArgs?: string[];
}

export interface BootOptions {
  /** Kill QEMU after this many milliseconds (default 60 s); the result then has `timedOut`. */
  timeoutMs?: number;
  /** Typed on the console once `inputAfter` has appeared in the output. */
  input?: string;
  /** Output to wait for before typing `input` ("\r\n" read as "\n"; default: type at the first output). */
  inputAfter?: string;
  /** The board's machine arguments (an image's `qemuArgs`; default the virt board's: -M virt -cpu cortex-a53). */
  boardArgs?: string[];
}

export interface BootResult {
  /** QEMU's exit status (the kernel's, through semihosting); null when it was killed. */
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Console output, with "\r\n" normalised to "\n". */
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const VIRT_BOARD_ARGS = ['-M', 'virt', '-cpu', 'cortex-a53'];

/** The QEMU arguments (without the binary) `bootImage` uses for `elf` on machine `m`. */
export function virtQemuArgs(elf: string, m: VirtMachine, boardArgs: string[] = VIRT_BOARD_ARGS): string[] {
  return qemuArgs({
    kernel: elf,
    boardArgs,
    gic: m.gic,
    el2: m.el2 ?? false,
    smp: m.smp ?? 4,
    memory: `${m.memMiB ?? 512}M`,
    extraArgs: [...(m.icount ? ['-icount', 'shift=4,align=off,sleep=off'] : []), ...(m.extraArgs ?? [])],
  });
}

/** Boots `elf` under QEMU (UNISHYPER_QEMU or qemu-system-aarch64) and resolves when it exits or the timeout kills it. */
export function bootImage(elf: string, m: VirtMachine, opts: BootOptions = {}): Promise<BootResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(qemuBinary(), virtQemuArgs(elf, m, opts.boardArgs), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let typed = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    // Decoded as a stream: a UTF-8 character split across two chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      if (!typed && opts.input !== undefined && stdout.replace(/\r\n/g, '\n').includes(opts.inputAfter ?? '')) {
        typed = true;
        child.stdin.write(opts.input);
      }
    });
    child.stderr.on('data', (d: string) => {
      stderr += d;
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
