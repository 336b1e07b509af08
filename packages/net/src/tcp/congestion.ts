/**
 * Congestion control: NewReno (RFC 5681 §3, RFC 6582 §3.2), in bytes.
 *
 *   IW (RFC 5681 §3.1 eq. 1): min(4*SMSS, max(2*SMSS, 4380))
 *   slow start, cwnd < ssthresh (§3.1 eq. 2): cwnd += min(N, SMSS) per ACK of N new bytes
 *   congestion avoidance (§3.1 eq. 3, byte counting as §3.1 allows): cwnd += SMSS once
 *     per cwnd of acknowledged bytes
 *   timeout (§3.1 eq. 4 and "loss window"): ssthresh = max(FlightSize/2, 2*SMSS), cwnd = 1 SMSS
 *   third duplicate ACK (§3.2 steps 2-3, RFC 6582 §3.2 step 2): recover = highest sent,
 *     ssthresh = max(FlightSize/2, 2*SMSS), retransmit, cwnd = ssthresh + 3*SMSS
 *   each further duplicate ACK in recovery (§3.2 step 4): cwnd += SMSS
 *   partial ACK (RFC 6582 §3.2 step 5): retransmit the first unacknowledged segment,
 *     cwnd -= acked, += SMSS if acked >= SMSS
 *   full ACK (RFC 6582 §3.2 step 3, option 2): cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS),
 *     leave recovery
 *   after an idle period longer than RTO (RFC 5681 §4.1): cwnd = min(IW, cwnd)
 *
 * The connection decides which event happened (input.ts); this class is the
 * arithmetic, so tests can check it rule by rule.
 */
import { idiv } from '@unishyper/rt';

export class NewReno {
  cwnd: number;
  ssthresh: number;
  /** Bytes acknowledged since cwnd last grew in congestion avoidance. */
  private acked = 0;
  inRecovery = false;
  /** RFC 6582 "recover": the highest sequence number sent when recovery began. */
  recover = 0;
  /** Counters for tests and statistics. */
  fastRetransmits = 0;
  timeouts = 0;

  constructor(public smss: number) {
    this.cwnd = initialWindow(smss);
    // RFC 5681 §3.1: the initial ssthresh SHOULD be arbitrarily high.
    this.ssthresh = 0x3fffffff;
  }

  /** The MSS became known (after the handshake): the initial window follows it. */
  setMss(smss: number): void {
    this.smss = smss;
    this.cwnd = initialWindow(smss);
  }

  inSlowStart(): boolean {
    return this.cwnd < this.ssthresh;
  }

  /** An ACK of `n` new bytes outside recovery (§3.1). */
  onAck(n: number): void {
    if (this.cwnd < this.ssthresh) {
      this.cwnd += n < this.smss ? n : this.smss; // eq. 2
      return;
    }
    this.acked += n; // eq. 3 by appropriate byte counting
    if (this.acked >= this.cwnd) {
      this.acked -= this.cwnd;
      this.cwnd += this.smss;
    }
  }

  /** The retransmission timer expired with `flight` bytes outstanding (§3.1 eq. 4). */
  onTimeout(flight: number): void {
    this.ssthresh = halfFlight(flight, this.smss);
    this.cwnd = this.smss;
    this.acked = 0;
    this.inRecovery = false;
    this.timeouts++;
  }

  /** The third duplicate ACK: enter fast recovery (§3.2 steps 2-3); `highest` = SND.MAX. */
  enterRecovery(flight: number, highest: number): void {
    this.ssthresh = halfFlight(flight, this.smss);
    this.cwnd = this.ssthresh + 3 * this.smss;
    this.inRecovery = true;
    this.recover = highest;
    this.acked = 0;
    this.fastRetransmits++;
  }

  /** A further duplicate ACK in recovery (§3.2 step 4). */
  onDupAckInRecovery(): void {
    this.cwnd += this.smss;
  }

  /** A partial ACK of `n` bytes in recovery (RFC 6582 §3.2 step 5). */
  onPartialAck(n: number): void {
    this.cwnd = this.cwnd > n ? this.cwnd - n : 0;
    if (n >= this.smss) this.cwnd += this.smss;
    if (this.cwnd < this.smss) this.cwnd = this.smss;
  }

  /** A full ACK ends recovery (RFC 6582 §3.2 step 3, option 2) with `flight` bytes still out. */
  exitRecovery(flight: number): void {
    const f = (flight > this.smss ? flight : this.smss) + this.smss;
    this.cwnd = f < this.ssthresh ? f : this.ssthresh;
    this.inRecovery = false;
    this.acked = 0;
  }

  /** Restart after idle (RFC 5681 §4.1). */
  onIdleRestart(): void {
    const iw = initialWindow(this.smss);
    if (this.cwnd > iw) this.cwnd = iw;
  }
}

/** RFC 5681 §3.1 eq. 1. */
export function initialWindow(smss: number): number {
  const a = 2 * smss > 4380 ? 2 * smss : 4380;
  return 4 * smss < a ? 4 * smss : a;
}

/** RFC 5681 §3.1 eq. 4: max(FlightSize / 2, 2*SMSS). */
function halfFlight(flight: number, smss: number): number {
  const h = idiv(flight, 2);
  return h > 2 * smss ? h : 2 * smss;
}
