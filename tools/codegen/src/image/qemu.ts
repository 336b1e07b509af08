// Booting a kernel image under QEMU: the command line (board machine args +
// the user's machine flags) and the process handling (console on the
// terminal, exit status, timeout, gdb stub for debugging).
//
// Exit status: images end with Arm semihosting SYS_EXIT, and QEMU started
// with `-semihosting` exits with the status the app returned. So the status of
// `runQemu` is the app's status; 124 means the timeout fired, 128+n that QEMU
// died of signal n.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { constants as osConstants } from 'node:os';
import { wholeCharsWriter } from './whole-chars.js';

/** The QEMU binary; `UNISHYPER_QEMU` overrides it (a path or a name on PATH). */
export function qemuBinary(): string {
  return process.env.UNISHYPER_QEMU || 'qemu-system-aarch64';
}

/** The gdb binary; `UNISHYPER_GDB` overrides it. */
export function gdbBinary(): string {
  return process.env.UNISHYPER_GDB || 'gdb-multiarch';
}

/** Status `runQemu` returns when `timeoutS` ran out (as timeout(1) does). */
export const TIMEOUT_STATUS = 124;

export interface QemuOptions {
  /** The kernel image (an ELF: QEMU loads it at its physical addresses). */
  kernel: string;
  /** The board's machine arguments (package.json "unishyper.qemu"), e.g. ['-M', 'virt', '-cpu', 'cortex-a53']. */
  boardArgs: string[];
  /** Number of cores (-smp). */
  smp?: number;
  /** Guest RAM (-m), a QEMU size: 512M, 1G, or MiB as a bare number. */
  memory?: string;
  /** GIC version (virt machine property gic-version). */
  gic?: 2 | 3;
  /** Boot at EL2 (virt machine property virtualization=on); the kernel drops to EL1 itself. */
  el2?: boolean;
  /** Arguments appended as they are (after everything else, so they win where QEMU lets the last one win). */
  extraArgs?: string[];
  /** Open a gdb stub on 127.0.0.1:<port> (`-s` is the same with port 1234). */
  gdbPort?: number;
  /** Stop the CPUs before the first instruction until a debugger continues (-S). */
  waitForDebugger?: boolean;
}

/** Thrown for flag values QEMU would reject less clearly. */
export class QemuUsageError extends Error {}

/** Thrown when the QEMU (or gdb) binary is not installed. */
export class ToolMissingError extends Error {}

/**
 * No default network card. QEMU's `virt` machine otherwise adds a PCI NIC,
 * whose option ROM (efi-virtio.rom) lives in Debian's ipxe-qemu, a package
 * that is only "recommended": without it every boot fails. An app that wants a
 * network names its own `-netdev` and `-device virtio-net-device` (virtio-mmio);
 * `-nic none` only drops the default one, so those still work.
 */
export const NO_DEFAULT_NIC = ['-nic', 'none'] as const;

/**
 * The full QEMU argument list (without the binary) for booting an image.
 * Every QEMU command line the project builds comes from here (a test checks
 * that no other source spells out `-kernel`).
 */
export function qemuArgs(opts: QemuOptions): string[] {
  const args = [...opts.boardArgs];
  const props: string[] = [];
  if (opts.gic !== undefined) {
    if (opts.gic !== 2 && opts.gic !== 3) throw new QemuUsageError(`--gic must be 2 or 3, not ${String(opts.gic)}`);
    props.push(`gic-version=${opts.gic}`);
  }
  if (opts.el2) props.push('virtualization=on');
  if (props.length) {
    const i = args.findIndex((a) => a === '-M' || a === '-machine' || a === '--machine');
    if (i >= 0 && i + 1 < args.length) args[i + 1] = `${args[i + 1]},${props.join(',')}`;
    else args.push('-machine', props.join(','));
  }
  if (opts.smp !== undefined) {
    if (!Number.isInteger(opts.smp) || opts.smp < 1) throw new QemuUsageError(`--smp must be a positive integer, not ${String(opts.smp)}`);
    args.push('-smp', String(opts.smp));
  }
  if (opts.memory !== undefined) {
    if (!/^\d+(\.\d+)?[KMGT]?$/i.test(opts.memory)) throw new QemuUsageError(`--memory must be a size such as 512M or 1G, not '${opts.memory}'`);
    args.push('-m', opts.memory);
  }
  args.push(...NO_DEFAULT_NIC, '-nographic', '-monitor', 'none', '-semihosting', '-kernel', opts.kernel);
  if (opts.gdbPort !== undefined) {
    if (!Number.isInteger(opts.gdbPort) || opts.gdbPort < 1 || opts.gdbPort > 65535) throw new QemuUsageError(`--port must be a TCP port, not ${String(opts.gdbPort)}`);
    args.push('-gdb', `tcp:127.0.0.1:${opts.gdbPort}`);
  }
  if (opts.waitForDebugger) args.push('-S');
  args.push(...(opts.extraArgs ?? []));
  return args;
}

/**
 * Splits a `--qemu-args` string the way a POSIX shell splits words: blanks
 * separate, single quotes keep everything, double quotes and backslashes work
 * as in sh. No expansion of any kind.
 */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new QemuUsageError(`unterminated ${quote} quote in '${text}'`);
  if (inWord) out.push(cur);
  return out;
}

/** Quotes an argument list for display (what to paste into a shell). */
export function shellQuote(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

export interface RunQemuOptions {
  /** 'inherit' (default): the console is the terminal. 'pipe': output is collected and returned. */
  stdio?: 'inherit' | 'pipe';
  /** Kill QEMU after this many seconds and return TIMEOUT_STATUS. */
  timeoutS?: number;
  /** Called with each chunk of console output when stdio is 'pipe'. */
  onOutput?: (text: string) => void;
}

export interface QemuRun {
  /** QEMU's exit status: the app's status; TIMEOUT_STATUS on timeout; 128+n if killed by signal n. */
  status: number;
  timedOut: boolean;
  signal: NodeJS.Signals | null;
  /** Collected console output (stdio 'pipe' only). */
  stdout: string;
  /** QEMU's own messages (also passed on to ours with stdio 'inherit'). */
  stderr: string;
}

const missingQemu = (bin: string) =>
  new ToolMissingError(
    `cannot run ${bin}: not found. Install QEMU for AArch64 (Debian/Ubuntu: sudo apt-get install qemu-system-arm; or bash scripts/setup.sh), or set UNISHYPER_QEMU to the qemu-system-aarch64 binary.`,
  );

export const missingGdb = (bin: string) =>
  new ToolMissingError(
    `cannot run ${bin}: not found. Install a gdb that knows AArch64 (Debian/Ubuntu: sudo apt-get install gdb-multiarch; or bash scripts/setup.sh), or set UNISHYPER_GDB, or use --no-gdb and attach your own debugger.`,
  );

function statusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? (osConstants.signals as Record<string, number>)[signal] : undefined;
  return 128 + (n ?? 0);
}

/** Starts QEMU with `args` and resolves when it has exited. Rejects with ToolMissingError if QEMU is not installed. */
export function runQemu(args: string[], opts: RunQemuOptions = {}): Promise<QemuRun> {
  const bin = qemuBinary();
  const piped = opts.stdio === 'pipe';
  return new Promise((resolve, reject) => {
    // On a terminal the console's output still goes through us, in whole characters (whole-chars.ts).
    const stdio: StdioOptions = piped ? ['ignore', 'pipe', 'pipe'] : ['inherit', 'pipe', 'pipe'];
    const child = spawn(bin, args, { stdio });
    let stdout = '';
    let stderr = '';
    if (!piped) {
      child.stdout!.on('data', wholeCharsWriter(process.stdout));
      // Passed on as it comes, and kept so the caller can explain QEMU's complaints (a locked disk image).
      child.stderr!.setEncoding('utf8').on('data', (s: string) => {
        process.stderr.write(s);
        stderr += s;
      });
    }
    if (piped) {
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        stdout += s;
        opts.onOutput?.(s);
      });
      child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    }
    let timedOut = false;
    const timer =
      opts.timeoutS !== undefined && opts.timeoutS > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, opts.timeoutS * 1000)
        : undefined;
    // Ctrl-C on the terminal reaches QEMU too (same process group); let it
    // decide, and report its status rather than dying first. SIGTERM and
    // SIGHUP sent to us alone are passed on, so QEMU never outlives us.
    let forwarded: NodeJS.Signals | null = null;
    const onSigint = () => {};
    const forward = (sig: NodeJS.Signals) => {
      forwarded = sig;
      child.kill(sig);
    };
    if (!piped) {
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', forward);
      process.on('SIGHUP', forward);
    }
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(e.code === 'ENOENT' ? missingQemu(bin) : e);
    });
    child.on('close', (code, signal) => {
      done();
      const status = timedOut ? TIMEOUT_STATUS : forwarded ? statusOf(null, forwarded) : statusOf(code, signal);
      resolve({ status, timedOut, signal: signal ?? forwarded, stdout, stderr });
    });
  });
}

/**
 * Starts QEMU in the background for debugging: its own process group (so
 * Ctrl-C in gdb interrupts the target through gdb, not QEMU), no stdin (gdb
 * owns the terminal), console output on our stdout. Resolves once the gdb
 * stub is listening on `port`.
 */
export async function startQemuForDebug(args: string[], port: number, timeoutMs = 10_000): Promise<ChildProcess> {
  const bin = qemuBinary();
  const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const failed = new Promise<never>((_, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? missingQemu(bin) : e));
    child.on('exit', (code, signal) => reject(new Error(`${bin} exited (${code ?? signal}) before its gdb stub was listening on port ${port}`)));
  });
  failed.catch(() => {});
  await Promise.race([waitForListener(port, timeoutMs), failed]);
  return child;
}

/** Stops a QEMU started by startQemuForDebug and waits for it to go. */
export function stopQemu(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Waits until something listens on 127.0.0.1:`port`. On Linux this reads
 * /proc/net/tcp rather than connecting, because connecting to QEMU's gdb stub
 * and hanging up would resume a CPU stopped with -S.
 */
export async function waitForListener(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const procFiles = ['/proc/net/tcp', '/proc/net/tcp6'];
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  if (!fs.existsSync(procFiles[0]!)) {
    await new Promise((r) => setTimeout(r, 500));
    return;
  }
  for (;;) {
    for (const f of procFiles) {
      let text = '';
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      // "  sl  local_address rem_address   st ..." ; state 0A = LISTEN
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 3 && cols[1]!.endsWith(`:${hex}`) && cols[3] === '0A') return;
      }
    }
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP port that is free on 127.0.0.1 right now (for a gdb stub). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The gdb command line that attaches to an image's stub. */
export function gdbArgs(elf: string, port: number, batchFile?: string): string[] {
  const args = ['-q', elf, '-ex', `target remote 127.0.0.1:${port}`];
  if (batchFile) args.push('-batch', '-x', batchFile);
  return args;
}
