/**
 * ARP packets for IPv4 over Ethernet (RFC 826, "Packet format"):
 *
 *     0 ar$hrd (1 = Ethernet) | 2 ar$pro (0x0800) | 4 ar$hln (6) | 5 ar$pln (4)
 *     6 ar$op (1 request, 2 reply) | 8 ar$sha | 14 ar$spa | 18 ar$tha | 24 ar$tpa
 *
 * 28 bytes; anything after them (Ethernet padding) is ignored.
 */
import { be16, be32, be48, setBe16, setBe32, setBe48 } from './bytes';
import { load8, store8, u32 } from '@unishyper/rt';
import { Drop } from '../stats';

export const ArpField = {
  HType: 0,
  PType: 2,
  HLen: 4,
  PLen: 5,
  Op: 6,
  Sha: 8,
  Spa: 14,
  Tha: 18,
  Tpa: 24,
} as const;

export const ARP_LEN = 28;
export const ArpOp = { Request: 1, Reply: 2 } as const;

/** 0 when `len` bytes at `p` are an Ethernet/IPv4 ARP request or reply, else the Drop reason. */
export function arpCheck(p: number, len: number): number {
  if (len < ARP_LEN) return Drop.ArpTooShort;
  // RFC 826: "?Do I have the hardware type in ar$hrd?" ... "?Do I speak the protocol in ar$pro?"
  if (be16(p + ArpField.HType) !== 1 || load8(p + ArpField.HLen) !== 6) return Drop.ArpBadHardware;
  if (be16(p + ArpField.PType) !== 0x0800 || load8(p + ArpField.PLen) !== 4) return Drop.ArpBadProtocol;
  const op = be16(p + ArpField.Op);
  if (op !== ArpOp.Request && op !== ArpOp.Reply) return Drop.ArpBadOp;
  return 0;
}

export function arpOp(p: number): number {
  return be16(p + ArpField.Op);
}
export function arpSha(p: number): number {
  return be48(p + ArpField.Sha);
}
export function arpSpa(p: number): u32 {
  return be32(p + ArpField.Spa);
}
export function arpTha(p: number): number {
  return be48(p + ArpField.Tha);
}
export function arpTpa(p: number): u32 {
  return be32(p + ArpField.Tpa);
}

/** Writes a whole ARP packet (28 bytes) at `p`. */
export function arpWrite(p: number, op: number, sha: number, spa: number, tha: number, tpa: number): void {
  setBe16(p + ArpField.HType, 1);
  setBe16(p + ArpField.PType, 0x0800);
  store8(p + ArpField.HLen, 6);
  store8(p + ArpField.PLen, 4);
  setBe16(p + ArpField.Op, op);
  setBe48(p + ArpField.Sha, sha);
  setBe32(p + ArpField.Spa, spa);
  setBe48(p + ArpField.Tha, tha);
  setBe32(p + ArpField.Tpa, tpa);
}
