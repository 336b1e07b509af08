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
import { parseArgs } from 'node:util';
import { ICOUNT, netRates, runLinuxNetBaseline } from '@unishyper/linux-baseline';
import { MEM_MIB, SMP, unikernel } from './unikernel';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { repeat: { type: 'string' }, 'no-linux': { type: 'boolean' } } });
const repeat = Number(values.repeat ?? 3);
const log = (line: string) => process.stderr.write(`[net-bench] ${line}\n`);

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const u = await unikernel({ repeat, log });
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
  const d = key === 'bulk' ? 3 : 0;
  let lin = 'not run | | | |';
  if (linux) {
    const l = linux[key];
    const lr = netRates(l);
    lin = `${fmt(l.perOp, d)} | ${fmt(lr.virtual, 1)} ${unit} | ${fmt(lr.cpuBound, 1)} ${unit} | ${fmt(l.perOp / f.perOp, 2)}x | ${fmt(r.virtual / lr.virtual, 2)}x`;
  }
  console.log(`| ${name} | ${fmt(f.perOp, d)} | ${fmt(r.virtual, 1)} ${unit} | ${fmt(r.cpuBound, 1)} ${unit} | ${lin} |`);
}
