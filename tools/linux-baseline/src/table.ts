// The bench command's table.
import type { Figure, StorageBaseline } from './storage.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
/** MB/s as 10^6 bytes per second of virtual time. */
export const mbPerS = (f: Pick<Figure, 'bytes' | 'ns'>) => (f.ns > 0 ? (f.bytes / 1e6) / (f.ns / 1e9) : Infinity);

export function formatStorageTable(r: StorageBaseline): string {
  const o = r.options;
  const rows: [string, Figure][] = [
    [`seq-write ${o.fileMiB} MiB, ${o.chunkKiB} KiB chunks, fsync`, r.seqWrite],
    [`seq-read ${o.fileMiB} MiB, ${o.chunkKiB} KiB chunks`, r.seqRead],
    [`random-read ${o.randomReads} x 4 KiB`, r.randomRead],
  ];
  const head = ['workload', 'instructions', 'insn/byte', 'at EL0', 'CNTVCT ticks', 'virtual ms', 'MB/s', 'repetitions (min..max)'];
  const body = rows.map(([name, f]) => [
    name,
    int(f.instructions),
    (f.instructions / f.bytes).toFixed(2),
    o.smp === 1 ? `${((100 * f.userInstructions) / f.instructions).toFixed(1)}%` : 'n/a',
    int(f.cntvctTicks),
    (f.ns / 1e6).toFixed(1),
    mbPerS(f).toFixed(1),
    `${int(Math.min(...f.runs))}..${int(Math.max(...f.runs))}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `Linux baseline (storage): ${r.kernel}, -smp ${o.smp} -m ${o.memMiB}M, FAT32 ${o.diskMiB} MiB (vfat), seed ${o.seed}; median of ${o.repeat} repetitions`,
    `PMU: ${r.pmu}`,
    `${r.command}`,
    '',
    line(head),
    ...body.map(line),
    '',
    `net of an empty run (first repetition's) of the same program (fork + exec + exit): ${int(Math.max(...r.empty.insnPerCpu))} instructions, ${(r.empty.ns / 1e6).toFixed(2)} ms`,
    `disk after the run: ${r.diskCheck.fsck.split('\n').pop()} (fsck.fat -n); ${r.diskCheck.fileBytes} bytes read back with mcopy, ${r.diskCheck.badBlocks} bad blocks`,
    'per-CPU PMU counts (each is the whole machine under QEMU -icount): ' + rows.map(([n, f]) => `${n.split(' ')[0]} [${f.raw.insnPerCpu.map(int).join(', ')}]`).join('; '),
  ].join('\n');
}
