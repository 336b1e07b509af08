/**
 * Network byte order (big-endian) loads and stores at any address, as every
 * header accessor in wire/ uses them. RFC 791 Appendix B: the most
 * significant octet is transmitted first.
 */
import { idiv, load8, store8, u16, u32 } from '@unishyper/rt';

export function be16(a: number): u16 {
  return u16((load8(a) << 8) | load8(a + 1));
}

export function be32(a: number): u32 {
  return u32((load8(a) << 24) | (load8(a + 1) << 16) | (load8(a + 2) << 8) | load8(a + 3));
}

export function setBe16(a: number, v: number): void {
  store8(a, (v >>> 8) & 0xff);
  store8(a + 1, v & 0xff);
}

export function setBe32(a: number, v: number): void {
  store8(a, (v >>> 24) & 0xff);
  store8(a + 1, (v >>> 16) & 0xff);
  store8(a + 2, (v >>> 8) & 0xff);
  store8(a + 3, v & 0xff);
}

/** A 48-bit value (MAC address) at `a`, most significant octet first. */
export function be48(a: number): number {
  return be16(a) * 0x1_0000_0000 + be32(a + 2);
}

export function setBe48(a: number, v: number): void {
  setBe16(a, idiv(v, 0x1_0000_0000) & 0xffff);
  setBe32(a + 2, v % 0x1_0000_0000);
}
