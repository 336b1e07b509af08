// The network benchmark (docs/benchmarks.md): apps/net-server and Debian's
// Linux (tools/linux-baseline's netbench) on the same QEMU machine, driven by
// the same host client over 127.0.0.1 forwards in one run: -M virt -cpu
// cortex-a53 -smp 1 -m 256M, restricted user networking, -icount
// shift=4,align=off,sleep=on. Each phase (64-byte echo round trips, bulk
// receive into the sink, HTTP keep-alive requests) is bracketed on the
// control connection (tcp 9000); the guest counts its instructions with the
// PMU (INST_RETIRED: exact under -icount; idle cores count none).
//
//   pnpm --filter net-server bench
//   pnpm --filter net-server bench -- --repeat 5 --no-linux
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildImage, checkNetworkArgs, qemuBinary, SEED_NET, virtioNetArgs } from '@unishyper/codegen';
import { virtQemuArgs } from '@unishyper/codegen/testing';
import {
  GUEST_PORTS, ICOUNT, netFigures, netRates, parseGuestConsole, pickHostPorts, runLinuxNetBaseline, runNetClient,
  type NetFigure, type NetService,
} from '@unishyper/linux-baseline';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { repeat: { type: 'string' }, 'no-linux': { type: 'boolean' } } });
const repeat = Number(values.repeat ?? 3);
const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SMP = 1;
const MEM_MIB = 256;
const log = (line: string) => process.stderr.write(`[net-bench] ${line}\n`);

type Figures = Record<'echo' | 'bulk' | 'http', NetFigure>;

/** One boot of net-server under -icount, driven through every phase; its figures. */
async function unikernel(): Promise<{ figures: Figures; imageBytes: number }> {
  const img = await buildImage({ appDir: app });
  const ports = await pickHostPorts();
  const hostfwd = (Object.keys(GUEST_PORTS) as NetService[]).map((s) => ({ proto: 'tcp' as const, hostPort: ports[s], guestPort: GUEST_PORTS[s] }));
  const nic = virtioNetArgs({ kind: 'user', ...SEED_NET, hostfwd }, '48:b0:2d:0e:6e:9e');
  const args = virtQemuArgs(img.elf, { gic: 2, smp: SMP, memMiB: MEM_MIB, extraArgs: [...nic, '-icount', ICOUNT] }, img.qemuArgs);
  const problems = checkNetworkArgs(args);
  if (problems.length) throw new Error(`network rule: ${problems.join('; ')}`);
  log(`${qemuBinary()} ${args.join(' ')}`);
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
    const host = await runNetClient(ports, { repeat, idleMs: 0 }, log);
    const status = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-2), 60_000))]);
    if (status !== 0) throw new Error(`net-server did not end with status 0 after quit (${status}):\n${text}`);
    const figures = netFigures(parseGuestConsole(text).netPhases, host, { repeat, idleMs: 0 });
    return { figures, imageBytes: img.binBytes };
  } finally {
    q.kill('SIGKILL');
  }
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const u = await unikernel();
const linux = values['no-linux'] ? null : await runLinuxNetBaseline({ repeat });
console.log(`qemu-system-aarch64 -M virt -cpu cortex-a53 -smp ${SMP} -m ${MEM_MIB}M, virtio-net on restricted user networking, -icount ${ICOUNT}`);
console.log(`median of ${repeat} repetitions each; Linux: ${linux?.kernel ?? 'not run'}; net-server image ${fmt(u.imageBytes)} bytes\n`);
console.log('| workload | unikernel instructions per op | rate (virtual time) | rate if never idle | Linux instructions per op | rate (virtual time) | rate if never idle | instructions, Linux / unikernel | virtual rate, unikernel / Linux |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const rows: [string, 'echo' | 'bulk' | 'http', string][] = [
  ['64-byte TCP echo round trip', 'echo', 'req/s'],
  ['bulk TCP receive (32 MiB), per byte', 'bulk', 'MB/s'],
  ['HTTP/1.1 keep-alive request', 'http', 'req/s'],
];
for (const [name, key, unit] of rows) {
  const f = u.figures[key];
  const r = netRates(f);
  const d = key === 'bulk' ? 2 : 0;
  let lin = 'not run | | | |';
  if (linux) {
    const l = linux[key];
    const lr = netRates(l);
    lin = `${fmt(l.perOp, d)} | ${fmt(lr.virtual, 1)} ${unit} | ${fmt(lr.cpuBound, 1)} ${unit} | ${fmt(l.perOp / f.perOp, 2)}x | ${fmt(r.virtual / lr.virtual, 2)}x`;
  }
  console.log(`| ${name} | ${fmt(f.perOp, d)} | ${fmt(r.virtual, 1)} ${unit} | ${fmt(r.cpuBound, 1)} ${unit} | ${lin} |`);
}
