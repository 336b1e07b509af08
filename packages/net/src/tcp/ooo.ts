/**
 * Out-of-order segments kept (RFC 9293 §3.10.7.4 "seventh": segments
 * beyond RCV.NXT but within the window SHOULD be held for later
 * processing; RFC 1122 §4.2.2.20(f)). The data itself is already in the
 * receive ring at its place after the in-order bytes (ByteRing.writeAt);
 * this records which ranges past RCV.NXT are present, as up to `limit`
 * sorted, disjoint, non-adjacent [start, end) sequence ranges. A segment
 * that would need one range more than the limit is dropped (the sender
 * retransmits it), so the bookkeeping is bounded and allocation-free.
 */
import { FixedArray, release } from '@unishyper/rt';
import { seqGt, seqLe, seqLt } from './seq';

export class OutOfOrder {
  private readonly starts: FixedArray<number>;
  private readonly ends: FixedArray<number>;
  count = 0;

  constructor(readonly limit: number) {
    this.starts = new FixedArray<number>(limit, 0);
    this.ends = new FixedArray<number>(limit, 0);
  }

  /**
   * Records [start, end) (both after RCV.NXT); false when it would take a
   * range more than the limit (the caller drops the segment's data).
   */
  add(start: number, end: number): boolean {
    // Find the first range that ends at or after `start` (it may merge).
    let i = 0;
    while (i < this.count && seqLt(this.ends.get(i), start)) i++;
    if (i === this.count || seqLt(end, this.starts.get(i))) {
      // Disjoint: insert at i.
      if (this.count === this.limit) return false;
      for (let k = this.count; k > i; k--) {
        this.starts.set(k, this.starts.get(k - 1));
        this.ends.set(k, this.ends.get(k - 1));
      }
      this.starts.set(i, start);
      this.ends.set(i, end);
      this.count++;
      return true;
    }
    // Overlaps or touches range i: grow it, then swallow the ranges it now reaches.
    if (seqLt(start, this.starts.get(i))) this.starts.set(i, start);
    if (seqGt(end, this.ends.get(i))) this.ends.set(i, end);
    let j = i + 1;
    while (j < this.count && seqLe(this.starts.get(j), this.ends.get(i))) {
      if (seqGt(this.ends.get(j), this.ends.get(i))) this.ends.set(i, this.ends.get(j));
      j++;
    }
    const gone = j - i - 1;
    if (gone > 0) {
      for (let k = i + 1; k + gone < this.count; k++) {
        this.starts.set(k, this.starts.get(k + gone));
        this.ends.set(k, this.ends.get(k + gone));
      }
      this.count -= gone;
    }
    return true;
  }

  /**
   * RCV.NXT reached `nxt`: returns the end of the range that now continues
   * the in-order data (removing every range at or before it), or `nxt`
   * when the next range still has a hole before it.
   */
  advance(nxt: number): number {
    let n = nxt;
    while (this.count > 0 && seqLe(this.starts.get(0), n)) {
      if (seqGt(this.ends.get(0), n)) n = this.ends.get(0);
      for (let k = 1; k < this.count; k++) {
        this.starts.set(k - 1, this.starts.get(k));
        this.ends.set(k - 1, this.ends.get(k));
      }
      this.count--;
    }
    return n;
  }

  /** The highest sequence number held (end of the last range); `nxt` when none. */
  highest(nxt: number): number {
    return this.count === 0 ? nxt : this.ends.get(this.count - 1);
  }

  clear(): void {
    this.count = 0;
  }

  dispose(): void {
    release(this.starts);
    release(this.ends);
  }
}
