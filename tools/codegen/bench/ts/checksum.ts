/**
 * RFC 1071 Internet checksum of `len` bytes at `addr`: the one's-complement of
 * the one's-complement sum of 16-bit words. Words are summed in memory
 * (little-endian) order, which RFC 1071 allows because the sum is byte-order
 * independent: the result, stored little-endian, is the checksum in network
 * order. `sum` is a `number`, so it cannot overflow for any buffer that fits
 * in memory; it is folded once at the end.
 */
import { idiv, load8, load16, u16 } from '@unishyper/rt';

export function inetChecksum(addr: number, len: number): u16 {
  let sum = 0;
  let p = addr;
  let n = len;
  while (n > 1) {
    sum += load16(p);
    p += 2;
    n -= 2;
  }
  if (n > 0) sum += load8(p);

  while (sum > 0xffff) sum = (sum & 0xffff) + idiv(sum, 0x10000);
  return u16(~sum);
}
