// The unikernel half of the network benchmark: one boot of net-server under
// -icount, driven through every phase by the shared host client. run.ts
// puts it beside Linux; profile.ts boots it with a counting plugin.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage, checkNetworkArgs, qemuBinary, SEED_NET, virtioNetArgs } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';
import {
  GUEST_PORTS, ICOUNT, netFigures, parseGuestConsole, pickHostPorts, runNetClient,
  type NetFigure, type NetPhaseResult, type NetService,
} from '@unishyper/linux-baseline';

export const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SMP = 1;
export const MEM_MIB = 256;

export type Figures = Record<'echo' | 'bulk' | 'http', NetFigure>;

export interface UnikernelRun {
  figures: Figures;
  phases: NetPhaseResult[];
  imageBytes: number;
  elf: string;
}

export interface UnikernelOptions {
  repeat: number;
  log: (line: string) => void;
  /** More QEMU arguments (a -plugin); `elf` is the image about to boot. */
  extraArgs?: (elf: string) => string[];
}

export async function unikernel(o: UnikernelOptions): Promise<UnikernelRun> {
  const img = await buildImage({ appDir: APP_DIR });
  const ports = await pickHostPorts();
  const hostfwd = (Object.keys(GUEST_PORTS) as NetService[]).map((s) => ({ proto: 'tcp' as const, hostPort: ports[s], guestPort: GUEST_PORTS[s] }));
  const nic = virtioNetArgs({ kind: 'user', ...SEED_NET, hostfwd }, '48:b0:2d:0e:6e:9e');
  const extra = o.extraArgs?.(img.elf) ?? [];
  const args = virtQemuArgs(img.elf, { gic: 2, smp: SMP, memMiB: MEM_MIB, extraArgs: [...nic, '-icount', ICOUNT, ...extra] }, img.qemuArgs);
  const problems = checkNetworkArgs(args);
  if (problems.length) throw new Error(`network rule: ${problems.join('; ')}`);
  o.log(`${qemuBinary()} ${args.join(' ')}`);
  const q = spawn(qemuBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  q.stdout!.setEncoding('utf8').on('data', (d: string) => (text += d));
  q.stderr!.setEncoding('utf8').on('data', (d: string) => (text += d));
  const exited = new Promise<number>((resolve) => q.on('exit', (code) => resolve(code ?? -1)));
  try {
    const deadline = Date.now() + 120_000;
    while (!text.includes('net-server: listening')) {
      if (Date.now() > deadline || q.exitCode !== null) throw new Error(`net-server did not start:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const host = await runNetClient(ports, { repeat: o.repeat, idleMs: 0 }, o.log);
    const status = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-2), 60_000))]);
    if (status !== 0) throw new Error(`net-server did not end with status 0 after quit (${status}):\n${text}`);
    const phases = parseGuestConsole(text).netPhases;
    const figures = netFigures(phases, host, { repeat: o.repeat, idleMs: 0 });
    return { figures, phases, imageBytes: img.binBytes, elf: img.elf };
  } finally {
    q.kill('SIGKILL');
  }
}
