/**
 * DHCP messages (RFC 2131 §2, Figure 1; options RFC 2132):
 *
 *     0 op | 1 htype | 2 hlen | 3 hops | 4 xid | 8 secs | 10 flags
 *     12 ciaddr | 16 yiaddr | 20 siaddr | 24 giaddr | 28 chaddr (16)
 *     44 sname (64) | 108 file (128) | 236 magic cookie 99.130.83.99 | 240 options
 */
import { load8, memset, store8, u32 } from '@unishyper/rt';
import { be32, setBe16, setBe32, setBe48 } from './bytes';

export const DhcpField = {
  Op: 0, HType: 1, HLen: 2, Hops: 3, Xid: 4, Secs: 8, Flags: 10,
  Ciaddr: 12, Yiaddr: 16, Siaddr: 20, Giaddr: 24, Chaddr: 28, Cookie: 236, Options: 240,
} as const;

export const DHCP_MIN_LEN = 240;
export const DHCP_COOKIE = 0x63825363;
export const DhcpMsg = { Discover: 1, Offer: 2, Request: 3, Decline: 4, Ack: 5, Nak: 6, Release: 7 } as const;
/** RFC 2132 option codes. */
export const DhcpOpt = {
  Pad: 0, SubnetMask: 1, Router: 3, Dns: 6, RequestedIp: 50, LeaseTime: 51, MessageType: 53, ServerId: 54,
  ParamList: 55, RenewalTime: 58, End: 255,
} as const;

/** Writes the fixed part of a client message (op 1 BOOTREQUEST, Ethernet, broadcast flag, RFC 2131 §4.1). */
export function dhcpWriteHeader(p: number, xid: number, ciaddr: number, mac: number): void {
  memset(p, 0, DHCP_MIN_LEN);
  store8(p + DhcpField.Op, 1);
  store8(p + DhcpField.HType, 1);
  store8(p + DhcpField.HLen, 6);
  setBe32(p + DhcpField.Xid, xid);
  setBe16(p + DhcpField.Flags, ciaddr === 0 ? 0x8000 : 0);
  setBe32(p + DhcpField.Ciaddr, ciaddr);
  setBe48(p + DhcpField.Chaddr, mac);
  setBe32(p + DhcpField.Cookie, DHCP_COOKIE);
}

/**
 * Finds option `code` in the `len`-byte message at `p` and returns the
 * offset of its value (its length is at offset - 1), or -1. Parsing is
 * bounded by `len`: a truncated option ends the search.
 */
export function dhcpFindOption(p: number, len: number, code: number): number {
  let i = DhcpField.Options;
  while (i < len) {
    const c = load8(p + i);
    if (c === DhcpOpt.End) return -1;
    if (c === DhcpOpt.Pad) {
      i++;
      continue;
    }
    if (i + 1 >= len) return -1;
    const l = load8(p + i + 1);
    if (i + 2 + l > len) return -1;
    if (c === code) return i + 2;
    i += 2 + l;
  }
  return -1;
}

/** The 4-byte value of option `code` (an address or a time), or `def` when absent or shorter. */
export function dhcpOption32(p: number, len: number, code: number, def: number): number {
  const o = dhcpFindOption(p, len, code);
  if (o < 0 || load8(p + o - 1) < 4) return def;
  return be32(p + o);
}

export function dhcpMessageType(p: number, len: number): number {
  const o = dhcpFindOption(p, len, DhcpOpt.MessageType);
  if (o < 0 || load8(p + o - 1) < 1) return -1;
  return load8(p + o);
}

export function dhcpXid(p: number): u32 {
  return be32(p + DhcpField.Xid);
}
export function dhcpYiaddr(p: number): u32 {
  return be32(p + DhcpField.Yiaddr);
}
