// Guest instructions retired, summed over every core (hal's PMU counter,
// exact under QEMU -icount; a core idling in wfi retires none). A core's
// counter can be read only on that core, so each reading runs a short thread
// pinned to each core. Benchmarks take the difference of two readings
// (/instructions before and after a workload).
import { FixedArray, release } from '@unishyper/rt';
import { instructionsRetired, startInstructionCounter } from '@unishyper/hal-aarch64';
import { join, schedulerCores, spawnPinned } from '@unishyper/sched';

const PRIORITY = 8;

/** Runs `body(core)` on every core, one pinned thread each, and waits for all. */
function onEveryCore(body: (core: number) => number): void {
  const n = schedulerCores();
  const ids = new FixedArray<number>(n, -1);
  for (let c = 0; c < n; c++) {
    const core = c;
    ids.set(c, spawnPinned(core, 'pmu', PRIORITY, () => body(core)));
  }
  for (let c = 0; c < n; c++) join(ids.get(c));
  release(ids);
}

/** Starts every core's counter from 0. */
export function startCounting(): void {
  onEveryCore(() => {
    startInstructionCounter();
    return 0;
  });
}

/**
 * Each core's counter into `out` (which has schedulerCores() slots). The
 * counters are 32 bits and wrap: take per-core differences modulo 2^32.
 */
export function readCounters(out: FixedArray<number>): void {
  onEveryCore((core) => {
    out.set(core, instructionsRetired());
    return 0;
  });
}
