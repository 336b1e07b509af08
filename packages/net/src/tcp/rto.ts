/**
 * The retransmission timeout (RFC 6298), in whole milliseconds with the
 * smoothed values kept in microseconds so the 1/8 and 1/4 gains lose
 * nothing that matters:
 *
 *   (2.1) before any measurement RTO = 1 s (`initialMs`)
 *   (2.2) first measurement R: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, K*RTTVAR), K = 4
 *   (2.3) then RTTVAR = (1 - beta) RTTVAR + beta |SRTT - R'|, SRTT = (1 - alpha) SRTT + alpha R',
 *         alpha = 1/8, beta = 1/4 (RTTVAR first, with the old SRTT), RTO as above
 *   (2.4) RTO below 1 s is rounded up to 1 s: here to `minMs`, 200 ms by default as Linux
 *         does (the RFC allows it: "SHOULD"), set `minMs = 1000` for the letter of the RFC
 *   (2.5) a maximum may be placed on RTO provided it is at least 60 s: `maxMs` = 60 s
 *   (5.5) on expiry the timer backs off: RTO = min(2 RTO, max)
 *   Karn (§3): no samples from retransmitted segments — the caller's rule (connection.ts).
 *
 * G, the clock granularity, is 1 ms (the stack's clock).
 */
import { idiv } from '@unishyper/rt';

const G_MS = 1;

export class RtoEstimator {
  /** Smoothed RTT and its variation, µs (-1: no sample yet). */
  srttUs = -1;
  rttvarUs = 0;
  rtoMs: number;
  samples = 0;

  constructor(readonly initialMs: number, readonly minMs: number, readonly maxMs: number) {
    this.rtoMs = initialMs;
  }

  /** A round-trip measurement of `rttMs` (RFC 6298 §2.2, §2.3). */
  sample(rttMs: number): void {
    const r = (rttMs < 0 ? 0 : rttMs) * 1000;
    if (this.srttUs < 0) {
      this.srttUs = r;
      this.rttvarUs = idiv(r, 2);
    } else {
      const d = this.srttUs > r ? this.srttUs - r : r - this.srttUs;
      this.rttvarUs = this.rttvarUs - idiv(this.rttvarUs, 4) + idiv(d, 4);
      this.srttUs = this.srttUs - idiv(this.srttUs, 8) + idiv(r, 8);
    }
    this.samples++;
    this.rtoMs = this.compute();
  }

  /** SRTT + max(G, 4 RTTVAR), clamped to [min, max] (§2.4, §2.5); rounded up to whole ms. */
  private compute(): number {
    const k = 4 * this.rttvarUs;
    const v = this.srttUs + (k > G_MS * 1000 ? k : G_MS * 1000);
    let ms = idiv(v + 999, 1000);
    if (ms < this.minMs) ms = this.minMs;
    if (ms > this.maxMs) ms = this.maxMs;
    return ms;
  }

  /** The timer expired (RFC 6298 §5.5): back off. */
  backoff(): void {
    const d = this.rtoMs * 2;
    this.rtoMs = d > this.maxMs ? this.maxMs : d;
  }

  /** SRTT in ms (0 before a sample). */
  srttMs(): number {
    return this.srttUs < 0 ? 0 : idiv(this.srttUs, 1000);
  }
}
