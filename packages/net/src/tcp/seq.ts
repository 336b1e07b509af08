/**
 * Sequence number arithmetic (RFC 9293 §3.4): sequence numbers are 32-bit
 * and compared modulo 2^32 — `a` is before `b` when the signed 32-bit
 * difference a - b is negative. Values are held as `number`s in
 * [0, 2^32); `| 0` takes the difference's low 32 bits as signed, exactly
 * as JS and the C lowering agree.
 */

/** a + n modulo 2^32. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** The signed distance a - b (in [-2^31, 2^31)). */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

/** lo <= x < hi, modulo 2^32. */
export function seqInRange(x: number, lo: number, hi: number): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}
