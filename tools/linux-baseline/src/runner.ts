// Boots Debian's kernel with a workload's initramfs under QEMU and returns
// the parsed report. Every failure names what failed: QEMU (missing,
// crashed), the kernel (never reached /init), or the workload (an error
// line, or no "done" before QEMU stopped).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runQemu, shellQuote, qemuBinary } from '@unishyper/codegen';
import { ConsoleWatch } from './console-watch.js';
import { stderrLog, type Log } from './exec.js';
import { ensureLinuxParts, type LinuxParts } from './fetch.js';
import { buildInitramfs } from './initramfs.js';
import { linuxQemuArgs } from './qemu-line.js';
import { parseGuestConsole, type GuestReport } from './results.js';
import type { Workload } from './workload.js';

export const DEFAULT_CACHE_DIR = process.env.LINUX_BASELINE_CACHE ?? fileURLToPath(new URL('../.cache/', import.meta.url));

export interface RunOptions {
  smp?: number;
  memMiB?: number;
  /** Raw disk image for /dev/vda. */
  disk?: string;
  /** TCP forwards 127.0.0.1:hostPort -> the guest's port: gives the guest a virtio-net card (qemu-line.ts). */
  hostfwd?: { hostPort: number; guestPort: number }[];
  /**
   * Host-side code that runs while the guest does (a network client). It
   * should make the guest finish; if it throws, the run fails with its
   * error (after QEMU has stopped).
   */
  host?: (guest: ConsoleWatch) => Promise<void>;
  cacheDir?: string;
  /** Kill QEMU after this many (real) seconds. */
  timeoutS?: number;
  /** Progress lines (fetching, building, the QEMU command). */
  log?: Log;
  /** Echo the guest console as it arrives. */
  onConsole?: (text: string) => void;
  refresh?: boolean;
}

export interface WorkloadRun {
  report: GuestReport;
  console: string;
  /** The QEMU command line, for a shell. */
  command: string;
  parts: LinuxParts;
  modules: string[];
}

export class LinuxBaselineError extends Error {
  constructor(
    message: string,
    readonly console = '',
  ) {
    super(message);
  }
}

const tail = (text: string, n = 25) => text.trimEnd().split('\n').slice(-n).join('\n');

export async function runLinuxWorkload(workload: Workload, opts: RunOptions = {}): Promise<WorkloadRun> {
  const log = opts.log ?? stderrLog;
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  fs.mkdirSync(cacheDir, { recursive: true });
  const parts = ensureLinuxParts(cacheDir, log, { refresh: opts.refresh });
  const initramfs = buildInitramfs(parts, workload, cacheDir, log);
  const args = linuxQemuArgs({ kernel: parts.kernel, initrd: initramfs.file, disk: opts.disk, hostfwd: opts.hostfwd, smp: opts.smp ?? 1, memMiB: opts.memMiB ?? 256 });
  const command = `${qemuBinary()} ${shellQuote(args)}`;
  log(`$ ${command}`);
  const timeoutS = opts.timeoutS ?? 600;
  const watch = new ConsoleWatch();
  const qemu = runQemu(args, {
    stdio: 'pipe',
    timeoutS,
    onOutput: (text) => {
      watch.push(text);
      opts.onConsole?.(text);
    },
  });
  // The host side runs beside QEMU; its failure is reported once QEMU has stopped (the guest exits on its own when the host goes quiet).
  let hostError: Error | undefined;
  const hostDone = opts.host?.(watch).catch((e: Error) => {
    hostError = e;
  });
  const q = await qemu.finally(() => watch.end('QEMU exited'));
  await hostDone;
  const console = q.stdout;
  const report = parseGuestConsole(console);
  const where = `${path.basename(parts.kernel)}, workload ${workload.name}`;
  if (!report.booted) {
    const why = q.timedOut ? `no /init output within ${timeoutS} s` : `QEMU exited with status ${q.status} before /init ran`;
    throw new LinuxBaselineError(`the Linux kernel did not boot (${where}): ${why}.\nQEMU stderr: ${q.stderr.trim() || '(none)'}\nconsole (last lines):\n${tail(console)}`, console);
  }
  if (report.errors.length) throw new LinuxBaselineError(`the workload failed in the guest (${where}): ${report.errors.join('; ')}\nconsole (last lines):\n${tail(console)}`, console);
  if (hostError) throw new LinuxBaselineError(`the host side of workload ${workload.name} failed: ${hostError.message}\nconsole (last lines):\n${tail(console)}`, console);
  if (!report.done) {
    const why = q.timedOut ? `timed out after ${timeoutS} s` : `QEMU exited with status ${q.status}`;
    throw new LinuxBaselineError(`the workload did not finish (${where}): ${why}.\nQEMU stderr: ${q.stderr.trim() || '(none)'}\nconsole (last lines):\n${tail(console)}`, console);
  }
  return { report, console, command, parts, modules: initramfs.modules.map((m) => m.name) };
}
