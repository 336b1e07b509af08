/**
 * Copy and checksum in one pass, for a receive path that must both copy a
 * segment's data into the reader's memory and verify its Internet checksum
 * (as Linux's csum_and_copy): natively one loop that loads each 64 bytes
 * once, stores them and adds them (native/copy-sum.c), about 0.33
 * instructions a byte instead of 0.25 to sum plus 0.2 to copy.
 */
import { memcpy, onesSum16 } from '@unishyper/rt';

/**
 * Copies `len` bytes from `src` to `dst` (not overlapping) and returns
 * rt's onesSum16 of them: their RFC 1071 sum as big-endian 16-bit words,
 * folded to 16 bits (0 for len <= 0).
 * @native hal_copy_ones_sum16
 */
export function copyOnesSum16(dst: number, src: number, len: number): number {
  if (len <= 0) return 0;
  memcpy(dst, src, len);
  return onesSum16(dst, len);
}
