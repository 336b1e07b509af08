// The arithmetic on its own: RFC 6298 RTO, RFC 5681/6582 congestion window, out-of-order ranges,
// sequence-number comparisons across the wrap.
import { describe, expect, it } from 'vitest';
import { initialWindow, NewReno, OutOfOrder, RtoEstimator, seqGt, seqLt, seqAdd, seqDiff } from '../src/index';

/** RFC 6298 §2 in exact arithmetic (ms), for comparison. */
function reference(samples: number[], min: number, max: number): number[] {
  let srtt = -1;
  let rttvar = 0;
  const out: number[] = [];
  for (const r of samples) {
    if (srtt < 0) {
      srtt = r;
      rttvar = r / 2;
    } else {
      rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
      srtt = 0.875 * srtt + 0.125 * r;
    }
    out.push(Math.min(max, Math.max(min, Math.ceil(srtt + Math.max(1, 4 * rttvar)))));
  }
  return out;
}

describe('RTO (RFC 6298)', () => {
  it('starts at 1 s (2.1); the first sample gives SRTT + 4*RTTVAR = 3R (2.2)', () => {
    const e = new RtoEstimator(1000, 1000, 60000);
    expect(e.rtoMs).toBe(1000);
    e.sample(500);
    expect(e.srttMs()).toBe(500);
    expect(e.rtoMs).toBe(1500);
  });

  it('follows 2.3 for a series of samples (within 1 ms of exact arithmetic)', () => {
    const samples = [100, 120, 80, 300, 90, 95, 100, 2000, 110, 105, 100, 100, 100, 100, 100, 100];
    const e = new RtoEstimator(1000, 1, 60000);
    const ref = reference(samples, 1, 60000);
    samples.forEach((r, i) => {
      e.sample(r);
      expect(Math.abs(e.rtoMs - ref[i]!)).toBeLessThanOrEqual(1);
    });
  });

  it('clamps to the minimum (2.4, 200 ms here as Linux; 1 s is the RFC default) and maximum (2.5); backs off (5.5)', () => {
    const e = new RtoEstimator(1000, 200, 60000);
    for (let i = 0; i < 20; i++) e.sample(1);
    expect(e.rtoMs).toBe(200);
    const rfc = new RtoEstimator(1000, 1000, 60000);
    rfc.sample(10);
    expect(rfc.rtoMs).toBe(1000);
    e.backoff();
    expect(e.rtoMs).toBe(400);
    for (let i = 0; i < 20; i++) e.backoff();
    expect(e.rtoMs).toBe(60000);
    const big = new RtoEstimator(1000, 200, 60000);
    big.sample(50000);
    expect(big.rtoMs).toBe(60000);
  });
});

describe('NewReno (RFC 5681 §3, RFC 6582)', () => {
  it('initial window (eq. 1)', () => {
    expect(initialWindow(1460)).toBe(4380);
    expect(initialWindow(536)).toBe(2144);
    expect(initialWindow(3000)).toBe(6000);
  });

  it('slow start doubles per round trip, congestion avoidance adds one SMSS per window', () => {
    const cc = new NewReno(1000);
    cc.cwnd = 2000;
    // one round: every segment of the window acknowledged
    for (let round = 0; round < 4; round++) {
      const w = cc.cwnd;
      for (let k = 0; k < w / 1000; k++) cc.onAck(1000);
      expect(cc.cwnd).toBe(2 * w);
    }
    expect(cc.cwnd).toBe(32000);
    cc.ssthresh = 32000; // now in congestion avoidance
    for (let round = 0; round < 3; round++) {
      const w = cc.cwnd;
      for (let k = 0; k < w / 1000; k++) cc.onAck(1000);
      expect(cc.cwnd).toBe(w + 1000);
    }
    // an ACK of a large amount grows slow start by at most SMSS (eq. 2)
    const s = new NewReno(1000);
    const before = s.cwnd;
    s.onAck(50000);
    expect(s.cwnd).toBe(before + 1000);
  });

  it('halves on loss: timeout -> cwnd 1 SMSS (eq. 4), fast recovery -> ssthresh + 3 SMSS, exit to ssthresh', () => {
    const cc = new NewReno(1000);
    cc.cwnd = 20000;
    cc.onTimeout(20000);
    expect([cc.ssthresh, cc.cwnd]).toEqual([10000, 1000]);
    cc.onTimeout(3000); // small flight: ssthresh floor 2*SMSS
    expect(cc.ssthresh).toBe(2000);
    const f = new NewReno(1000);
    f.cwnd = 16000;
    f.enterRecovery(16000, 12345);
    expect([f.ssthresh, f.cwnd, f.recover, f.inRecovery]).toEqual([8000, 11000, 12345, true]);
    f.onDupAckInRecovery();
    expect(f.cwnd).toBe(12000);
    f.onPartialAck(3000);
    expect(f.cwnd).toBe(12000 - 3000 + 1000);
    f.exitRecovery(16000);
    expect([f.cwnd, f.inRecovery]).toEqual([8000, false]);
  });
});

describe('out-of-order ranges', () => {
  it('merges, bounds, and advances', () => {
    const o = new OutOfOrder(3);
    expect(o.add(100, 200)).toBe(true);
    expect(o.add(300, 400)).toBe(true);
    expect(o.add(500, 600)).toBe(true);
    expect(o.add(700, 800)).toBe(false); // a fourth range
    expect(o.add(200, 300)).toBe(true); // joins the first two
    expect(o.count).toBe(2);
    expect(o.add(350, 550)).toBe(true); // joins the rest
    expect(o.count).toBe(1);
    expect(o.advance(50)).toBe(50); // still a hole
    expect(o.advance(100)).toBe(600);
    expect(o.count).toBe(0);
    o.dispose();
  });

  it('works across the sequence-number wrap', () => {
    const o = new OutOfOrder(4);
    const base = 0xffff_ff00;
    expect(o.add(seqAdd(base, 0x80), seqAdd(base, 0x180))).toBe(true);
    expect(o.advance(base)).toBe(base);
    expect(o.advance(seqAdd(base, 0x80))).toBe(0x80);
    expect(seqLt(0xffff_fff0, 0x10)).toBe(true);
    expect(seqGt(0x10, 0xffff_fff0)).toBe(true);
    expect(seqDiff(0x10, 0xffff_fff0)).toBe(0x20);
    o.dispose();
  });
});
