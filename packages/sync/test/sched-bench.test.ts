/**
 * The scheduler and sync micro-benchmark app (test/fixtures/sched-bench,
 * run by `pnpm bench`) boots on four cores under -icount and prints every
 * figure well formed: positive, finite, net no larger than raw. The targets
 * are not checked here: speed is measured by the benchmark, not by a timed
 * test.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootSchedBench, buildSchedBench, SCHED_BENCH_APP, SCHED_BENCHMARKS } from '../bench/sched-bench';

describe('scheduler micro-benchmarks (QEMU, 4 cores, -icount)', () => {
  it('prints one well-formed line per benchmark', async () => {
    const img = await buildSchedBench(path.join(SCHED_BENCH_APP, 'build', 'test'));
    const r = await bootSchedBench(img.elf, img.qemuArgs, 3);
    expect(r.status).toBe(0);
    expect(r.run.done).toBe(true);
    expect(r.run.cores).toBe(4);
    expect(r.run.iterations).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('wrong core');
    // An empty loop iteration is at least its branch.
    expect(r.run.emptyLoop).toBeGreaterThanOrEqual(1);
    expect(r.run.results.map((x) => x.name)).toEqual(SCHED_BENCHMARKS.map((b) => b.name));
    for (const x of r.run.results) {
      const spec = SCHED_BENCHMARKS.find((b) => b.name === x.name)!;
      expect(x.unit, x.name).toBe(spec.unit);
      expect(Number.isFinite(x.raw), x.name).toBe(true);
      expect(Number.isFinite(x.net), x.name).toBe(true);
      expect(x.net, x.name).toBeGreaterThan(0);
      expect(x.net, x.name).toBeLessThanOrEqual(x.raw);
    }
  }, 240_000);

  it('parses the app lines', async () => {
    const { parseSchedBench } = await import('../bench/sched-bench');
    const run = parseSchedBench(
      'bench: 4 cores, 10 iterations each\nbench empty-loop: 2.0 instructions per iteration (raw)\n' +
        'bench yield-2-threads: 87.5 instructions per switch (net; raw 89.5)\nbench mutex-uncontended: 30.0 instructions per lock+unlock (net; raw 32.0)\nbench done\n',
    );
    expect(run).toEqual({
      cores: 4,
      iterations: 10,
      emptyLoop: 2,
      done: true,
      results: [
        { name: 'yield-2-threads', unit: 'switch', net: 87.5, raw: 89.5 },
        { name: 'mutex-uncontended', unit: 'lock+unlock', net: 30, raw: 32 },
      ],
    });
  });
});
