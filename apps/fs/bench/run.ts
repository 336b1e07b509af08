// The storage benchmark (docs/benchmarks.md): the same workloads through
// /fatfs on the unikernel (test/fixtures/fs-bench) and through vfat on
// Debian's Linux (tools/linux-baseline), on the same QEMU machine in one run:
// -M virt -cpu cortex-a53 -smp 1 -m 256M, a fresh 64 MiB FAT32 image on
// virtio-blk, -icount shift=4,align=off,sleep=on. Guest instructions come
// from the PMU (INST_RETIRED: exact under -icount; idle cores count none);
// MB/s is of QEMU virtual time.
//
// Then the original Unishyper's Unilib-FS headline: the same workloads
// through /unilibfs (test/fixtures/unilib-bench: no FAT, no virtio in the
// image; every file operation offloaded to the host by semihosting), against
// /fatfs on virtio-blk: image bytes and guest instructions per byte. The
// host's share of the work (QEMU's file I/O) is not a guest instruction.
//
//   pnpm --filter fs bench                 # 3 unikernel boots, 5 Linux repetitions
//   pnpm --filter fs bench -- --repeat 5
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildImage, diskQemuArgs, makeDiskImage, unilibQemuArgs } from '@unishyper/codegen';
import { bootImage } from '@unishyper/codegen/testing';
import { runLinuxStorageBaseline, type Figure } from '@unishyper/linux-baseline';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { repeat: { type: 'string' }, 'no-linux': { type: 'boolean' } } });
const repeat = Number(values.repeat ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const SMP = 1;
const MEM_MIB = 256;
const DISK_MIB = 64;
const ICOUNT = ['-icount', 'shift=4,align=off,sleep=on'];

interface Step {
  insns: number;
  ns: number;
  bytes: number;
}
type Run = Record<'write' | 'read' | 'randread', Step>;

/** One boot of a benchmark kernel: on a fresh FAT32 image, or (`unilib`) serving a fresh host directory; its three steps. */
async function unikernelRun(elf: string, boardArgs: string[], dir: string, unilib = false): Promise<Run> {
  const image = path.join(dir, 'bench.img');
  const served = path.join(dir, 'served');
  fs.rmSync(image, { force: true });
  fs.rmSync(served, { recursive: true, force: true });
  fs.mkdirSync(served);
  const disk = { image, sizeMiB: DISK_MIB, format: 'fat32' as const, readOnly: false };
  if (!unilib) makeDiskImage(disk);
  const devices = unilib ? unilibQemuArgs(served) : diskQemuArgs([disk]);
  const r = await bootImage(elf, { gic: 2, smp: SMP, memMiB: MEM_MIB, extraArgs: [...ICOUNT, ...devices] }, { boardArgs, timeoutMs: 600_000 });
  const steps: Partial<Run> = {};
  for (const m of r.stdout.matchAll(/^@@fsbench op=(\w+) bytes=(\d+) ops=(\d+) bad=(\d+) insns=(\d+) ns=(\d+)$/gm)) {
    if (m[4] !== '0') throw new Error(`unikernel ${m[1]}: ${m[4]} blocks read back wrong\n${r.stdout}`);
    steps[m[1] as keyof Run] = { bytes: Number(m[2]), insns: Number(m[5]), ns: Number(m[6]) };
  }
  if (r.status !== 0 || !steps.write || !steps.read || !steps.randread) throw new Error(`the benchmark kernel failed (status ${r.status}):\n${r.stdout}${r.stderr}`);
  return steps as Run;
}

function median(xs: Step[]): Step & { min: number; max: number } {
  const s = [...xs].sort((a, b) => a.insns - b.insns);
  return { ...s[(s.length - 1) >> 1]!, min: s[0]!.insns, max: s[s.length - 1]!.insns };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const mbps = (bytes: number, ns: number) => (bytes / (1 << 20)) / (ns / 1e9);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fs-bench-'));
try {
  const img = await buildImage({ appDir: path.join(here, '..', 'test', 'fixtures', 'fs-bench') });
  const app = await buildImage({ appDir: path.join(here, '..') });
  const runs: Run[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await unikernelRun(img.elf, img.qemuArgs, dir));
  const linux = values['no-linux'] ? null : await runLinuxStorageBaseline({ smp: SMP, memMiB: MEM_MIB, diskMiB: DISK_MIB });
  const rows: [string, keyof Run, Figure | undefined][] = [
    ['sequential write, 16 MiB in 64 KiB writes, fsync', 'write', linux?.seqWrite],
    ['sequential read, 16 MiB in 64 KiB reads, after remount', 'read', linux?.seqRead],
    ['1,000 random 4 KiB reads, after remount', 'randread', linux?.randomRead],
  ];
  console.log(`qemu-system-aarch64 -M virt -cpu cortex-a53 -smp ${SMP} -m ${MEM_MIB}M, ${DISK_MIB} MiB FAT32 (mkfs.fat -F 32) on virtio-blk, ${ICOUNT.join(' ')}`);
  console.log(`unikernel: median of ${repeat} boots; Linux (${linux?.kernel ?? 'not run'}): median of ${linux?.options.repeat ?? 0} repetitions\n`);
  console.log('| workload | unikernel instructions | per byte | MB/s | Linux instructions | per byte | MB/s | Linux / unikernel |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, key, l] of rows) {
    const u = median(runs.map((r) => r[key]));
    const range = u.min === u.max ? '' : ` (${fmt(u.min)}..${fmt(u.max)})`;
    const lin = l ? `${fmt(l.instructions)} | ${fmt(l.instructions / l.bytes, 2)} | ${fmt(mbps(l.bytes, l.ns), 1)} | ${fmt(l.instructions / u.insns, 2)}x` : 'not run | | |';
    console.log(`| ${name} | ${fmt(u.insns)}${range} | ${fmt(u.insns / u.bytes, 2)} | ${fmt(mbps(u.bytes, u.ns), 1)} | ${lin} |`);
  }
  console.log(`\napps/fs image: ${fmt(app.loadBytes)} bytes loaded (text, rodata, data); raw ${fmt(app.binBytes)} bytes`);

  const uimg = await buildImage({ appDir: path.join(here, '..', 'test', 'fixtures', 'unilib-bench') });
  const uruns: Run[] = [];
  for (let i = 0; i < repeat; i++) uruns.push(await unikernelRun(uimg.elf, uimg.qemuArgs, dir, true));
  console.log(`\nUnilib-FS (/unilibfs over semihosting) against FAT32 on virtio-blk (/fatfs): the same kernel but its file system; median of ${repeat} boots`);
  console.log('| | /fatfs (fatfs + virtio-blk) | /unilibfs (unilib) | unilib / fatfs |');
  console.log('|---|---:|---:|---:|');
  console.log(`| image bytes loaded | ${fmt(img.loadBytes)} | ${fmt(uimg.loadBytes)} | ${fmt(uimg.loadBytes / img.loadBytes, 2)} |`);
  for (const [name, key] of rows) {
    const f = median(runs.map((r) => r[key]));
    const u = median(uruns.map((r) => r[key]));
    console.log(`| ${name}: guest instructions per byte | ${fmt(f.insns / f.bytes, 3)} | ${fmt(u.insns / u.bytes, 3)} | ${fmt(u.insns / f.insns, 3)} |`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
