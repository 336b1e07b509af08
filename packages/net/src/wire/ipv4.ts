/**
 * IPv4 headers (RFC 791 §3.1, "Internet Header Format"):
 *
 *     0 version(4) IHL(4) | 1 type of service | 2 total length
 *     4 identification    | 6 flags(3) fragment offset(13)
 *     8 TTL | 9 protocol  | 10 header checksum
 *     12 source address   | 16 destination address | 20 options (IHL*4 - 20)
 */
import { load8, store8, u32 } from '@unishyper/rt';
import { csumAdd, csumFinish, csumVerify } from '../checksum';
import { be16, be32, setBe16, setBe32 } from './bytes';
import { Drop } from '../stats';

export const Ipv4Field = {
  VerIhl: 0,
  Tos: 1,
  TotalLen: 2,
  Ident: 4,
  FlagsFrag: 6,
  Ttl: 8,
  Protocol: 9,
  Checksum: 10,
  Src: 12,
  Dst: 16,
  Options: 20,
} as const;

export const IPV4_MIN_HEADER = 20;
export const IPV4_MAX_HEADER = 60;
export const IpProtocol = { Icmp: 1, Tcp: 6, Udp: 17 } as const;
/** Flags in the FlagsFrag word (RFC 791 §3.1 "Flags"). */
export const IPV4_DF = 0x4000;
export const IPV4_MF = 0x2000;
export const IPV4_OFFSET_MASK = 0x1fff;
export const IPV4_BROADCAST = 0xffffffff;

/**
 * Checks the header of the datagram at `p`, of which `len` bytes are in the
 * buffer; 0 or the Drop reason. After it, `ipv4HeaderLen` and
 * `ipv4TotalLen` are trustworthy (total length <= len: Ethernet padding
 * beyond it is ignored, RFC 894).
 */
export function ipv4Check(p: number, len: number): number {
  if (len < IPV4_MIN_HEADER) return Drop.IpTooShort;
  const vi = load8(p);
  if (vi >>> 4 !== 4) return Drop.IpBadVersion; // RFC 791 §3.1 Version
  const hl = (vi & 15) * 4;
  if (hl < IPV4_MIN_HEADER || hl > len) return Drop.IpBadIhl; // IHL: minimum value 5
  const total = be16(p + Ipv4Field.TotalLen);
  if (total < hl || total > len) return Drop.IpBadTotalLength; // RFC 1122 §3.2.1.8 silently discard
  if (!csumVerify(csumAdd(0, p, hl))) return Drop.IpBadChecksum; // RFC 1122 §3.2.1.2 MUST verify
  if (hl > IPV4_MIN_HEADER && !ipv4OptionsWellFormed(p + IPV4_MIN_HEADER, hl - IPV4_MIN_HEADER)) return Drop.IpBadOptions;
  return 0;
}

/**
 * Options are skipped, not interpreted (RFC 1122 §3.2.1.8: options a host
 * does not implement are ignored), but their framing must hold (RFC 791
 * §3.1 "Options": End of Option List 0, No Operation 1, else type, length
 * >= 2 covering type and length octets).
 */
export function ipv4OptionsWellFormed(o: number, n: number): boolean {
  let i = 0;
  while (i < n) {
    const t = load8(o + i);
    if (t === 0) return true;
    if (t === 1) {
      i++;
      continue;
    }
    if (i + 1 >= n) return false;
    const l = load8(o + i + 1);
    if (l < 2 || i + l > n) return false;
    i += l;
  }
  return true;
}

export function ipv4HeaderLen(p: number): number {
  return (load8(p) & 15) * 4;
}
export function ipv4TotalLen(p: number): number {
  return be16(p + Ipv4Field.TotalLen);
}
export function ipv4Ident(p: number): number {
  return be16(p + Ipv4Field.Ident);
}
export function ipv4FlagsFrag(p: number): number {
  return be16(p + Ipv4Field.FlagsFrag);
}
/** Fragment offset in bytes (the field counts 8-octet units). */
export function ipv4FragOffset(p: number): number {
  return (be16(p + Ipv4Field.FlagsFrag) & IPV4_OFFSET_MASK) * 8;
}
export function ipv4MoreFragments(p: number): boolean {
  return (be16(p + Ipv4Field.FlagsFrag) & IPV4_MF) !== 0;
}
export function ipv4Ttl(p: number): number {
  return load8(p + Ipv4Field.Ttl);
}
export function ipv4Protocol(p: number): number {
  return load8(p + Ipv4Field.Protocol);
}
export function ipv4Src(p: number): u32 {
  return be32(p + Ipv4Field.Src);
}
export function ipv4Dst(p: number): u32 {
  return be32(p + Ipv4Field.Dst);
}
export function ipv4SetTotalLen(p: number, v: number): void {
  setBe16(p + Ipv4Field.TotalLen, v);
}
export function ipv4SetFlagsFrag(p: number, v: number): void {
  setBe16(p + Ipv4Field.FlagsFrag, v);
}

/** Recomputes the header checksum (RFC 791 §3.1 "Header Checksum"). */
export function ipv4FillChecksum(p: number): void {
  setBe16(p + Ipv4Field.Checksum, 0);
  setBe16(p + Ipv4Field.Checksum, csumFinish(csumAdd(0, p, ipv4HeaderLen(p))));
}

/** Writes a 20-byte header without options, checksum included. */
export function ipv4Write(p: number, totalLen: number, ident: number, flagsFrag: number, ttl: number, protocol: number, src: number, dst: number): void {
  store8(p + Ipv4Field.VerIhl, 0x45);
  store8(p + Ipv4Field.Tos, 0);
  setBe16(p + Ipv4Field.TotalLen, totalLen);
  setBe16(p + Ipv4Field.Ident, ident);
  setBe16(p + Ipv4Field.FlagsFrag, flagsFrag);
  store8(p + Ipv4Field.Ttl, ttl);
  store8(p + Ipv4Field.Protocol, protocol);
  setBe32(p + Ipv4Field.Src, src);
  setBe32(p + Ipv4Field.Dst, dst);
  ipv4FillChecksum(p);
}

/** RFC 1122 §3.2.1.3: class D (multicast, 224/4) and class E (240/4, incl. limited broadcast) addresses. */
export function ipv4IsMulticastOrReserved(a: number): boolean {
  return (a >>> 28) >= 14;
}
