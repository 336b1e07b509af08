/**
 * UDP headers (RFC 768):
 *
 *     0 source port | 2 destination port | 4 length (header + data) | 6 checksum
 *
 * The checksum covers a pseudo-header (source, destination, zero, protocol
 * 17, UDP length), the header and the data; a computed 0 is sent as 0xffff
 * and a received 0 means "no checksum" (RFC 768 "Fields").
 */
import { csumAdd, csumAdd16, csumAdd32, csumFinish, csumVerify } from '../checksum';
import { be16, setBe16 } from './bytes';
import { Drop } from '../stats';

export const UdpField = {
  SrcPort: 0,
  DstPort: 2,
  Length: 4,
  Checksum: 6,
  Payload: 8,
} as const;

export const UDP_HEADER = 8;

function pseudoSum(src: number, dst: number, udpLen: number): number {
  let s = csumAdd32(0, src);
  s = csumAdd32(s, dst);
  s = csumAdd16(s, 17);
  return csumAdd16(s, udpLen);
}

/**
 * Checks the datagram at `p` (`len` bytes of IP payload) sent from `src` to
 * `dst`; 0 or the Drop reason. After it, `udpLength` is <= len
 * (RFC 768: bytes after the UDP length are not part of the datagram).
 */
export function udpCheck(p: number, len: number, src: number, dst: number): number {
  if (len < UDP_HEADER) return Drop.UdpTooShort;
  const ulen = be16(p + UdpField.Length);
  if (ulen < UDP_HEADER || ulen > len) return Drop.UdpBadLength;
  const c = be16(p + UdpField.Checksum);
  // RFC 768: "An all zero transmitted checksum value means that the transmitter generated no checksum"
  if (c !== 0 && !csumVerify(csumAdd(pseudoSum(src, dst, ulen), p, ulen))) return Drop.UdpBadChecksum;
  return 0;
}

export function udpSrcPort(p: number): number {
  return be16(p + UdpField.SrcPort);
}
export function udpDstPort(p: number): number {
  return be16(p + UdpField.DstPort);
}
export function udpLength(p: number): number {
  return be16(p + UdpField.Length);
}

/** Writes the header in front of `payloadLen` bytes already at p + 8 and fills the checksum. */
export function udpWrite(p: number, srcPort: number, dstPort: number, payloadLen: number, src: number, dst: number): void {
  const ulen = UDP_HEADER + payloadLen;
  setBe16(p + UdpField.SrcPort, srcPort);
  setBe16(p + UdpField.DstPort, dstPort);
  setBe16(p + UdpField.Length, ulen);
  setBe16(p + UdpField.Checksum, 0);
  let c: number = csumFinish(csumAdd(pseudoSum(src, dst, ulen), p, ulen));
  if (c === 0) c = 0xffff; // RFC 768: a computed zero is transmitted as all ones
  setBe16(p + UdpField.Checksum, c);
}
