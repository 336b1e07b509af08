// The scheduler and sync micro-benchmarks (docs/benchmarks.md, "Scheduler
// and sync"): builds test/fixtures/sched-bench, boots it on QEMU virt with
// -smp 4 under -icount shift=4,align=off,sleep=off (the virtual counter
// ticks once per guest instruction) with GICv2 and with GICv3, and prints
// the figures with their targets.
//
//   pnpm --filter @unishyper/sync bench             # or: pnpm bench (repo root)
//   pnpm --filter @unishyper/sync bench --strict    # exit 1 above a target
//   pnpm --filter @unishyper/sync bench --gic 3     # one interrupt controller only
import { bootSchedBench, buildSchedBench, SCHED_BENCHMARKS, type BenchRun } from './sched-bench.js';

const args = process.argv.slice(2);
const gicArg = args.indexOf('--gic');
const gics: (2 | 3)[] = gicArg >= 0 ? [Number(args[gicArg + 1]) === 2 ? 2 : 3] : [2, 3];
const strict = args.includes('--strict');

const img = await buildSchedBench();
const runs = new Map<number, BenchRun>();
for (const gic of gics) {
  const r = await bootSchedBench(img.elf, img.qemuArgs, gic);
  const complete = SCHED_BENCHMARKS.every((b) => r.run.results.some((x) => x.name === b.name));
  if (r.status !== 0 || !r.run.done || !complete) {
    process.stderr.write(`sched-bench did not run as expected with GICv${gic} (status ${r.status}):\n${r.stdout}${r.stderr}\n`);
    process.exit(1);
  }
  if (gic === gics[0]) console.log(`${r.command}\n`);
  runs.set(gic, r.run);
}

const first = runs.get(gics[0])!;
console.log(`${first.cores} cores, ${first.iterations} iterations each; empty loop ${first.emptyLoop} instructions per iteration (subtracted)`);
console.log('guest instructions per unit, net (raw)\n');
const cell = (s: string, w: number) => s.padStart(w);
console.log(['benchmark'.padEnd(28), 'unit'.padEnd(12), ...gics.map((g) => cell(`GICv${g}`, 18)), cell('target', 8), '  met'].join(''));
let failed = false;
for (const b of SCHED_BENCHMARKS) {
  const cols = gics.map((g) => {
    const x = runs.get(g)!.results.find((r) => r.name === b.name)!;
    return cell(`${x.net.toFixed(1)} (${x.raw.toFixed(1)})`, 18);
  });
  let met = '';
  if (b.target !== undefined) {
    const ok = gics.every((g) => runs.get(g)!.results.find((r) => r.name === b.name)!.net <= b.target!);
    met = ok ? '  yes' : '  NO';
    if (!ok) failed = true;
  }
  console.log([b.name.padEnd(28), b.unit.padEnd(12), ...cols, cell(b.target !== undefined ? `<= ${b.target}` : '', 8), met].join(''));
}
console.log('\nsemaphore-pingpong-2-cores: instructions of both cores per round trip (QEMU -icount runs the cores in turn; the counter is shared virtual time)');
process.exit(failed && strict ? 1 : 0);
