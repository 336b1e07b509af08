// Bulk transfers over a wire that loses, duplicates and reorders frames: byte-exact, every buffer back.
import { beforeEach, describe, expect, it } from 'vitest';
import { release } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { TcpPair, transfer } from './tcp-harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

function bulk(loss: number, dup: number, reorder: number, mib: number, seed: number): void {
  const tp = new TcpPair(seed);
  const l = tp.listen(5001);
  const [c, s] = tp.establish(l, 5001);
  tp.p.wire.lossPermille = loss;
  tp.p.wire.duplicatePermille = dup;
  tp.p.wire.reorderPermille = reorder;
  const total = mib << 20;
  const [got, ms, bad] = transfer(tp, c, s, total, seed, 600_000);
  // and back the other way, 256 KiB
  const [got2, , bad2] = transfer(tp, s, c, 256 << 10, seed + 1, 600_000);
  const st = tp.ta.stats;
  console.log(`${mib} MiB loss ${loss / 10}% dup ${dup / 10}% reorder ${reorder / 10}%: ${ms} ms simulated, segs ${st.segsOut}, ` +
    `rexmit ${st.retransmits}, fast ${st.fastRetransmits}, timeouts ${st.timeouts}, ooo at B ${tp.tb.stats.oooSegments}, lost ${tp.p.wire.lost}`);
  expect(bad).toBe(-1);
  expect(got).toBe(total);
  expect(bad2).toBe(-1);
  expect(got2).toBe(256 << 10);
  tp.p.wire.lossPermille = 0;
  tp.p.wire.duplicatePermille = 0;
  tp.p.wire.reorderPermille = 0;
  c.close();
  s.close();
  tp.run(200_000, 50); // FIN exchange (with retransmissions) and TIME-WAIT
  expect(tp.ta.count + tp.tb.count).toBe(0);
  expect(tp.ta.stats.made - tp.ta.stats.destroyed).toBe(0);
  expect(tp.tb.stats.made - tp.tb.stats.destroyed).toBe(0);
  release(c);
  release(s);
  l.close();
  release(l);
  tp.p.wire.a.drain();
  tp.p.wire.b.drain();
  expect(tp.p.a.pool.freeCount() + tp.p.a.buffersHeld()).toBe(64);
  expect(tp.p.b.pool.freeCount() + tp.p.b.buffersHeld()).toBe(64);
  tp.dispose();
}

describe('TCP bulk transfer on a lossy wire', () => {
  it('4 MiB, no loss, duplication and reordering 2%', () => bulk(0, 20, 20, 4, 11), 120_000);
  it('4 MiB, 1% loss, 1% duplication, 2% reordering', () => bulk(10, 10, 20, 4, 12), 120_000);
  it('2 MiB, 5% loss, 2% duplication, 5% reordering', () => bulk(50, 20, 50, 2, 13), 120_000);
});
