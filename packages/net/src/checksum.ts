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
import { idiv, onesSum16, u16 } from '@unishyper/rt';

/**
 * Adds `len` bytes at `addr` to `sum` as big-endian 16-bit words; an odd
 * last byte is padded with a zero octet (RFC 1071 §1, RFC 768). The bytes
 * are summed by rt's onesSum16 (natively 64-bit words with end-around
 * carry, about a quarter instruction per byte), folded to 16 bits, so the
 * running sum stays far below 2^53 for any number of ranges a packet has.
 */
export function csumAdd(sum: number, addr: number, len: number): number {
  return sum + onesSum16(addr, len);
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
