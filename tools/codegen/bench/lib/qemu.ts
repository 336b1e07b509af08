// Running a bench image under QEMU system mode and reading its counters.
//
// Method (bench/README.md): `-icount shift=4` makes QEMU's TCG count every
// executed guest instruction; the harness reads the PMU event INST_RETIRED
// (exact under -icount), the generic timer (62.5 MHz: one tick per
// instruction at shift 4) and the PMU cycle counter (1 GHz: 16 per
// instruction) around each call. We use INST_RETIRED and require the other two
// to agree, and subtract the same reading around an empty call.
import { execFileSync, spawnSync } from 'node:child_process';
import { qemuArgs as imageQemuArgs } from '../../src/image/qemu.js';

export const QEMU = process.env.BENCH_QEMU ?? 'qemu-system-aarch64';
export const ICOUNT_SHIFT = 4;

export function qemuArgs(elf: string): string[] {
  return imageQemuArgs({
    kernel: elf,
    boardArgs: ['-M', 'virt', '-cpu', 'cortex-a53'],
    smp: 1,
    memory: '128M',
    extraArgs: ['-icount', `shift=${ICOUNT_SHIFT},align=off,sleep=off`],
  });
}

export function haveQemu(): boolean {
  try {
    execFileSync(QEMU, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Sample {
  kind: 'nop' | 'run';
  rep: number;
  result: bigint;
  insns: number;
  ticks: number;
  cycles: number;
}

export interface Measurement {
  name: string;
  /** The kernel's result as bench_run() returned it. */
  result: bigint;
  /** Instructions of one bench_run() call minus those of the empty call. */
  insns: number;
  /** Instructions of the empty call (counter reads + call + return). */
  baseline: number;
  samples: Sample[];
  console: string;
}

export class RunError extends Error {
  constructor(
    message: string,
    readonly console: string,
  ) {
    super(`${message}\n--- guest console ---\n${console}`);
  }
}

/** Boots `elf`, waits for its semihosting exit, returns the console output. */
export function runImage(elf: string, timeoutMs = 60_000): string {
  const r = spawnSync(QEMU, qemuArgs(elf), { encoding: 'utf8', timeout: timeoutMs, input: '' });
  const out = (r.stdout ?? '').replace(/\r/g, '');
  if (r.error) throw new RunError(`${QEMU}: ${r.error.message}`, out + (r.stderr ?? ''));
  if (r.status !== 0) throw new RunError(`guest exited with status ${r.status ?? r.signal}`, out + (r.stderr ?? ''));
  return out;
}

/** Parses and checks the harness output (see harness/harness.c). */
export function parseBench(out: string): Measurement {
  const start = /^BENCH_START name=(\S+) cntfrq=(\d+)$/m.exec(out);
  if (!start) throw new RunError('no BENCH_START line', out);
  if (!/^BENCH_END$/m.test(out)) throw new RunError('no BENCH_END line', out);
  const cntfrq = Number(start[2]);
  const samples: Sample[] = [];
  const re = /^BENCH_SAMPLE kind=(nop|run) rep=(\d+) result=(0x[0-9a-f]+) insns=(\d+) ticks=(\d+) cycles=(\d+)$/gm;
  for (let m; (m = re.exec(out)); ) {
    samples.push({
      kind: m[1] as 'nop' | 'run',
      rep: Number(m[2]),
      result: BigInt(m[3]),
      insns: Number(m[4]),
      ticks: Number(m[5]),
      cycles: Number(m[6]),
    });
  }
  const nop = samples.filter((s) => s.kind === 'nop');
  const run = samples.filter((s) => s.kind === 'run');
  if (!nop.length || !run.length) throw new RunError('missing samples', out);

  const nsPerInsn = 2 ** ICOUNT_SHIFT;
  for (const s of samples) {
    // The three counters are independent views of QEMU's instruction count.
    const ticksExpected = (s.insns * nsPerInsn * cntfrq) / 1e9;
    if (Math.abs(s.ticks - ticksExpected) > 1)
      throw new RunError(`timer disagrees with INST_RETIRED: ${s.ticks} ticks for ${s.insns} instructions`, out);
    if (s.cycles !== s.insns * nsPerInsn)
      throw new RunError(`cycle counter disagrees with INST_RETIRED: ${s.cycles} cycles for ${s.insns} instructions`, out);
  }
  for (const group of [nop, run]) {
    if (group.some((s) => s.insns !== group[0].insns || s.result !== group[0].result))
      throw new RunError(`repetitions differ: ${group.map((s) => `${s.insns}/${s.result}`).join(', ')}`, out);
  }
  return {
    name: start[1],
    result: run[0].result,
    insns: run[0].insns - nop[0].insns,
    baseline: nop[0].insns,
    samples,
    console: out,
  };
}

export function measure(elf: string, timeoutMs?: number): Measurement {
  return parseBench(runImage(elf, timeoutMs));
}
