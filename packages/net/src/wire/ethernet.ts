/**
 * Ethernet II frames (IEEE 802.3 with an EtherType, RFC 894 for IPv4):
 *
 *     0 destination MAC (6) | 6 source MAC (6) | 12 EtherType (2) | 14 payload
 *
 * The FCS is not part of a frame here (devices strip it and add it).
 */
import { be16, be48, setBe16, setBe48 } from './bytes';
import { Drop } from '../stats';

export const EthField = {
  Dst: 0,
  Src: 6,
  Type: 12,
  Payload: 14,
} as const;

export const ETH_HEADER = 14;
/** Shortest frame on the wire without FCS (64 - 4); shorter ones are padded by the sender (RFC 894). */
export const ETH_MIN_FRAME = 60;

export const EtherType = {
  Ipv4: 0x0800,
  Arp: 0x0806,
  Ipv6: 0x86dd,
} as const;

/** 0 when `len` bytes at `f` can be an Ethernet II frame, else the Drop reason. */
export function ethCheck(f: number, len: number): number {
  if (len < ETH_HEADER) return Drop.EthTooShort;
  return 0;
}

export function ethDst(f: number): number {
  return be48(f + EthField.Dst);
}

export function ethSrc(f: number): number {
  return be48(f + EthField.Src);
}

export function ethType(f: number): number {
  return be16(f + EthField.Type);
}

export function ethWrite(f: number, dst: number, src: number, type: number): void {
  setBe48(f + EthField.Dst, dst);
  setBe48(f + EthField.Src, src);
  setBe16(f + EthField.Type, type);
}
