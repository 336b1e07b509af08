// The scheduler and sync micro-benchmarks (the Hermit kernel's set): the
// app test/fixtures/sched-bench built and booted on QEMU virt with -smp 4
// under -icount shift=4 (one counter tick per guest instruction), and its
// `bench ...` lines parsed. Shared by bench/run.ts (pnpm bench) and
// test/sched-bench.test.ts (is the output well formed).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImage } from '@unishyper/codegen';
import { bootImage, virtQemuArgs, type VirtMachine } from '@unishyper/codegen/testing';

export const SCHED_BENCH_APP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'sched-bench');

export interface BenchSpec {
  name: string;
  unit: string;
  /** Net instructions the figure should stay at or under (none: no target). */
  target?: number;
  what: string;
}

/** The benchmarks the app prints, in order. */
export const SCHED_BENCHMARKS: readonly BenchSpec[] = [
  { name: 'yield-1-thread', unit: 'yield', what: 'yieldNow() with nothing else ready on the core' },
  { name: 'yield-2-threads', unit: 'switch', target: 100, what: 'two threads on core 0 alternating at yieldNow(): one switch' },
  { name: 'spawn-join', unit: 'spawn+join', what: 'spawnPinned(0) of a thread returning at once, then join' },
  { name: 'mutex-uncontended', unit: 'lock+unlock', target: 40, what: 'Mutex lock() + unlock(), no other user' },
  { name: 'semaphore-pingpong-2-cores', unit: 'round trip', what: 'threads on cores 1 and 2 releasing each other\'s Semaphore' },
];

export interface BenchResult {
  name: string;
  unit: string;
  /** Instructions per unit with the empty loop's share taken off. */
  net: number;
  /** Instructions per unit as counted. */
  raw: number;
}

export interface BenchRun {
  cores: number;
  iterations: number;
  /** Instructions of one iteration of the empty loop. */
  emptyLoop: number;
  results: BenchResult[];
  /** Whether the app reached its last line. */
  done: boolean;
}

const NUM = String.raw`(-?\d+(?:\.\d+)?)`;

/** Parses the app's console output. */
export function parseSchedBench(out: string): BenchRun {
  const head = /bench: (\d+) cores, (\d+) iterations each/.exec(out);
  const empty = new RegExp(String.raw`bench empty-loop: ${NUM} instructions per iteration`).exec(out);
  const line = new RegExp(String.raw`^bench ([\w-]+): ${NUM} instructions per ([\w+ ]+) \(net; raw ${NUM}\)$`, 'gm');
  const results: BenchResult[] = [];
  for (const m of out.matchAll(line)) results.push({ name: m[1], net: Number(m[2]), unit: m[3], raw: Number(m[4]) });
  return {
    cores: Number(head?.[1] ?? NaN),
    iterations: Number(head?.[2] ?? NaN),
    emptyLoop: Number(empty?.[1] ?? NaN),
    results,
    done: /^bench done$/m.test(out),
  };
}

/** The machine the figures are measured on. */
export function benchMachine(gic: 2 | 3): VirtMachine {
  return { gic, smp: 4, memMiB: 256, icount: true };
}

export async function buildSchedBench(outDir = path.join(SCHED_BENCH_APP, 'build')) {
  return buildImage({ appDir: SCHED_BENCH_APP, outDir });
}

/** Boots the built app; resolves with the parsed figures, QEMU's status and the raw output. */
export async function bootSchedBench(elf: string, boardArgs: string[], gic: 2 | 3) {
  const r = await bootImage(elf, benchMachine(gic), { timeoutMs: 300_000, boardArgs });
  return { ...r, run: parseSchedBench(r.stdout), command: ['qemu-system-aarch64', ...virtQemuArgs(elf, benchMachine(gic), boardArgs)].join(' ') };
}
