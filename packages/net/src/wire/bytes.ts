/**
 * Network byte order (big-endian) loads and stores at any address, as every
 * header accessor in wire/ uses them. RFC 791 Appendix B: the most
 * significant octet is transmitted first. One little-endian access and a
 * byte swap each (natively ldr + rev: every header field of every packet
 * comes through here).
 */
import { bswap16, bswap32, idiv, load16, load32, store16, store32, u16, u32 } from '@unishyper/rt';

export function be16(a: number): u16 {
  return bswap16(load16(a));
}

export function be32(a: number): u32 {
  return bswap32(load32(a));
}

export function setBe16(a: number, v: number): void {
  store16(a, bswap16(v));
}

export function setBe32(a: number, v: number): void {
  store32(a, bswap32(v));
}

/** A 48-bit value (MAC address) at `a`, most significant octet first. */
export function be48(a: number): number {
  return be16(a) * 0x1_0000_0000 + be32(a + 2);
}

export function setBe48(a: number, v: number): void {
  setBe16(a, idiv(v, 0x1_0000_0000) & 0xffff);
  setBe32(a + 2, v % 0x1_0000_0000);
}
