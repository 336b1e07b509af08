/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's
 * complement sum of the data taken as big-endian 16-bit words.
 *
 * Sums are accumulated in a `number` without folding (RFC 1071 §2(C),
 * "deferred carries"): each word adds at most 0xffff, so any packet this
 * stack handles (< 64 KiB) stays far below 2^53; `csumFold` folds the
 * carries back in at the end (§2(B), end-around carry). A sum over several
 * ranges (pseudo-header, header, payload) is the sum of the ranges as long
 * as every range but the last has an even length (§2(A): byte order and
 * alignment are preserved by summing aligned words).
 */
import { idiv, load32, load8, u16 } from '@unishyper/rt';

/**
 * Adds `len` bytes at `addr` to `sum` as big-endian 16-bit words; an odd
 * last byte is padded with a zero octet (RFC 1071 §1, RFC 768).
 *
 * The bulk is summed as little-endian 32-bit loads (16 bytes a turn, one
 * load and one add per 4 bytes): a 32-bit word is two 16-bit words since 2^16 = 1 modulo
 * 0xffff, and the sum is byte-order independent (RFC 1071 §2(B)): the
 * folded little-endian sum, byte-swapped, equals the big-endian one modulo
 * 0xffff, which is all a checksum keeps. (At most 2^14 words per packet,
 * so the sum stays far below 2^53.)
 */
export function csumAdd(sum: number, addr: number, len: number): number {
  let s = sum;
  let le = 0;
  let i = 0;
  for (; i + 16 <= len; i += 16) le += load32(addr + i) + load32(addr + i + 4) + load32(addr + i + 8) + load32(addr + i + 12);
  for (; i + 4 <= len; i += 4) le += load32(addr + i);
  if (le !== 0) {
    const f = csumFold(le);
    s += ((f & 0xff) << 8) | (f >>> 8);
  }
  for (; i + 1 < len; i += 2) s += (load8(addr + i) << 8) | load8(addr + i + 1);
  if (i < len) s += load8(addr + i) << 8;
  return s;
}

/** Adds a 16-bit value (a pseudo-header field) to `sum`. */
export function csumAdd16(sum: number, v: number): number {
  return sum + (v & 0xffff);
}

/** Adds a 32-bit value as two 16-bit words. */
export function csumAdd32(sum: number, v: number): number {
  return sum + ((v >>> 16) & 0xffff) + (v & 0xffff);
}

/** Folds the carries into 16 bits (end-around carry, RFC 1071 §2(B)). */
export function csumFold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s % 0x10000) + idiv(s, 0x10000);
  return s;
}

/** The checksum field value for data whose sum is `sum`: the complement of the folded sum. */
export function csumFinish(sum: number): u16 {
  return u16(~csumFold(sum) & 0xffff);
}

/** RFC 1071: data with a correct checksum field in it sums to 0xffff (all ones). */
export function csumVerify(sum: number): boolean {
  return csumFold(sum) === 0xffff;
}

/**
 * Incremental update (RFC 1624 §3, eqn. 3): the new checksum field when a
 * 16-bit word covered by checksum field `hc` changes from `oldWord` to
 * `newWord`: HC' = ~(~HC + ~m + m').
 */
export function csumUpdate16(hc: number, oldWord: number, newWord: number): u16 {
  const s = (~hc & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
  return u16(~csumFold(s) & 0xffff);
}
