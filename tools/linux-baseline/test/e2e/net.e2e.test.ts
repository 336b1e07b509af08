// End to end: boots Debian's kernel with netbench on restricted user
// networking and drives it from the host through 127.0.0.1 (about 10 s from
// the cache). Not part of `pnpm test`: run it with
//   pnpm --filter @unishyper/linux-baseline test:e2e
import { describe, expect, it } from 'vitest';
import { netRates, runLinuxNetBaseline } from '../../src/index.js';

describe('Linux network baseline, end to end', () => {
  it('brings up eth0, serves echo, bulk and HTTP through the forwards, and counts each phase', async () => {
    const r = await runLinuxNetBaseline({ echoCount: 200, echoWarmup: 20, bulkBytes: 4 << 20, httpCount: 200, httpWarmup: 20, repeat: 1 }, { log: () => {} });
    expect(r.pmu).toMatch(/armv8_pmuv3/);
    expect(r.console).toMatch(/@@lb eth0 .*inet 10\.0\.0\.2\/24/);
    for (const f of [r.echo, r.bulk, r.http]) {
      expect(f.raw.running).toBe(f.raw.enabled);
      // CNTVCT ticks once per instruction at shift=4, plus any time the guest idled.
      expect(f.raw.cntvct).toBeGreaterThanOrEqual(f.raw.insnPerCpu[0]! * 0.99);
      expect(netRates(f).virtual).toBeGreaterThan(0);
    }
    // Broad bounds: a round trip or request is thousands of instructions, a received byte a few.
    expect(r.echo.perOp).toBeGreaterThan(3_000);
    expect(r.echo.perOp).toBeLessThan(300_000);
    expect(r.http.perOp).toBeGreaterThan(3_000);
    expect(r.bulk.perOp).toBeGreaterThan(0.3);
    expect(r.bulk.perOp).toBeLessThan(30);
    // Under -icount sleep=on the virtual clock follows real time while the guest waits for the host.
    expect(r.idle!.guest.ns).toBeGreaterThan(0.5 * r.idle!.host.wallNs);
    expect(r.idle!.guest.insnPerCpu[0]!).toBeLessThan(1_000_000);
  }, 300_000);
});
