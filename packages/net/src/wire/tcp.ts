/**
 * TCP headers (RFC 9293 §3.1, "Header Format"):
 *
 *     0 source port | 2 destination port | 4 sequence number | 8 acknowledgment number
 *     12 data offset(4) reserved(4) | 13 flags (CWR ECE URG ACK PSH RST SYN FIN)
 *     14 window | 16 checksum | 18 urgent pointer | 20 options (data offset*4 - 20)
 *
 * `tcpCheck` validates a segment once (length, data offset, checksum over
 * the pseudo-header, option framing) and returns the exact drop reason, so
 * the accessors after it need no checks. `tcpParseOptions` fills a
 * `TcpOptionsSeen` (MSS, window scale, SACK-permitted, timestamps) without
 * allocating; `tcpWrite` writes a header with the options a SYN carries.
 */
import { load8, store8, u32 } from '@unishyper/rt';
import { csumAdd, csumAdd16, csumAdd32, csumFinish, csumVerify } from '../checksum';
import { be16, be32, setBe16, setBe32 } from './bytes';
import { Drop } from '../stats';

export const TcpField = {
  SrcPort: 0,
  DstPort: 2,
  Seq: 4,
  Ack: 8,
  DataOffset: 12,
  Flags: 13,
  Window: 14,
  Checksum: 16,
  Urgent: 18,
  Options: 20,
} as const;

export const TCP_HEADER = 20;
export const TCP_MAX_HEADER = 60;

/** Control bits (RFC 9293 §3.1; CWR/ECE from RFC 3168, ignored here). */
export const TcpFlag = {
  Fin: 0x01,
  Syn: 0x02,
  Rst: 0x04,
  Psh: 0x08,
  Ack: 0x10,
  Urg: 0x20,
  Ece: 0x40,
  Cwr: 0x80,
} as const;

/** Option kinds (RFC 9293 §3.2; RFC 7323 §2.2, §3.2; RFC 2018 §2). */
export const TcpOpt = {
  End: 0,
  Nop: 1,
  Mss: 2,
  WindowScale: 3,
  SackPermitted: 4,
  Sack: 5,
  Timestamps: 8,
} as const;

/** RFC 7323 §2.3: a shift above 14 is used as 14. */
export const TCP_MAX_WSCALE = 14;

/** What the options of one segment said (-1 / false: absent). */
export class TcpOptionsSeen {
  mss = -1;
  wscale = -1;
  sackPermitted = false;
  tsVal = -1;
  tsEcr = -1;

  clear(): void {
    this.mss = -1;
    this.wscale = -1;
    this.sackPermitted = false;
    this.tsVal = -1;
    this.tsEcr = -1;
  }
}

function pseudoSum(src: number, dst: number, tcpLen: number): number {
  // RFC 9293 §3.1 "Checksum": source, destination, zero, PTCL (6), TCP length.
  let s = csumAdd32(0, src);
  s = csumAdd32(s, dst);
  s = csumAdd16(s, 6);
  return csumAdd16(s, tcpLen);
}

/**
 * Checks the segment at `p` (`len` bytes: the IP payload) from `src` to
 * `dst`; 0 or the Drop reason. After it, `tcpHeaderLen(p)` <= len and the
 * options are well framed.
 */
export function tcpCheck(p: number, len: number, src: number, dst: number): number {
  return tcpCheckSummed(p, len, src, dst, -1);
}

/**
 * tcpCheck with the data's one's complement sum already taken (`dataSum`,
 * from copying it: tcp/input.ts placeData), so only the header is summed
 * here; -1: sum the data too.
 */
export function tcpCheckSummed(p: number, len: number, src: number, dst: number, dataSum: number): number {
  if (len < TCP_HEADER) return Drop.TcpTooShort;
  const hl = tcpHeaderLen(p);
  // RFC 9293 §3.1 "Data Offset": at least 5 words, and within the segment.
  if (hl < TCP_HEADER || hl > len) return Drop.TcpBadOffset;
  // RFC 9293 §3.10.7 / RFC 1122 §4.2.2.7: a segment with a bad checksum is discarded.
  const sum = dataSum < 0 ? csumAdd(pseudoSum(src, dst, len), p, len) : csumAdd(pseudoSum(src, dst, len), p, hl) + dataSum;
  if (!csumVerify(sum)) return Drop.TcpBadChecksum;
  if (hl > TCP_HEADER && !tcpOptionsWellFormed(p + TCP_HEADER, hl - TCP_HEADER)) return Drop.TcpBadOptions;
  // RFC 9293 §3.10.7.1: a segment from port 0 or to port 0 is never valid.
  if (tcpSrcPort(p) === 0 || tcpDstPort(p) === 0) return Drop.TcpBadPort;
  return 0;
}

/** RFC 9293 §3.2: kinds 0 and 1 are one octet, every other has a length octet >= 2 covering kind and length. */
export function tcpOptionsWellFormed(o: number, n: number): boolean {
  let i = 0;
  while (i < n) {
    const k = load8(o + i);
    if (k === TcpOpt.End) return true;
    if (k === TcpOpt.Nop) {
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

/**
 * Reads the options of a checked segment into `out`. Options with a wrong
 * length for their kind are ignored (RFC 9293 §3.2: "must be prepared to
 * handle an illegal option length"; RFC 1122 §4.2.2.5: unknown kinds ignored).
 */
export function tcpParseOptions(p: number, out: TcpOptionsSeen): void {
  out.clear();
  const o = p + TCP_HEADER;
  const n = tcpHeaderLen(p) - TCP_HEADER;
  let i = 0;
  while (i < n) {
    const k = load8(o + i);
    if (k === TcpOpt.End) return;
    if (k === TcpOpt.Nop) {
      i++;
      continue;
    }
    const l = load8(o + i + 1);
    if (k === TcpOpt.Mss && l === 4) out.mss = be16(o + i + 2);
    else if (k === TcpOpt.WindowScale && l === 3) {
      const s = load8(o + i + 2);
      out.wscale = s > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : s; // RFC 7323 §2.3
    } else if (k === TcpOpt.SackPermitted && l === 2) out.sackPermitted = true;
    else if (k === TcpOpt.Timestamps && l === 10) {
      out.tsVal = be32(o + i + 2);
      out.tsEcr = be32(o + i + 6);
    }
    i += l;
  }
}

export function tcpSrcPort(p: number): number {
  return be16(p + TcpField.SrcPort);
}
export function tcpDstPort(p: number): number {
  return be16(p + TcpField.DstPort);
}
export function tcpSeq(p: number): u32 {
  return be32(p + TcpField.Seq);
}
export function tcpAck(p: number): u32 {
  return be32(p + TcpField.Ack);
}
export function tcpHeaderLen(p: number): number {
  return (load8(p + TcpField.DataOffset) >>> 4) * 4;
}
export function tcpFlags(p: number): number {
  return load8(p + TcpField.Flags);
}
export function tcpWindow(p: number): number {
  return be16(p + TcpField.Window);
}

/** Bytes of options a SYN we send carries: MSS (4) + NOP + window scale (3) when `wscale` >= 0. */
export function tcpSynOptionsLen(wscale: number): number {
  return wscale >= 0 ? 8 : 4;
}

/**
 * Writes a header at `p` (the payload of `payloadLen` bytes is already at
 * p + header length) and fills the checksum. `mss` >= 0 adds an MSS option
 * and `wscale` >= 0 a window scale option (SYN segments only, RFC 9293
 * §3.7.1, RFC 7323 §2.2). Returns the header length.
 */
export function tcpWrite(
  p: number, srcPort: number, dstPort: number, seq: number, ack: number, flags: number, window: number,
  mss: number, wscale: number, payloadLen: number, src: number, dst: number,
): number {
  let hl = TCP_HEADER;
  if (mss >= 0) {
    store8(p + hl, TcpOpt.Mss);
    store8(p + hl + 1, 4);
    setBe16(p + hl + 2, mss);
    hl += 4;
    if (wscale >= 0) {
      store8(p + hl, TcpOpt.Nop);
      store8(p + hl + 1, TcpOpt.WindowScale);
      store8(p + hl + 2, 3);
      store8(p + hl + 3, wscale);
      hl += 4;
    }
  }
  setBe16(p + TcpField.SrcPort, srcPort);
  setBe16(p + TcpField.DstPort, dstPort);
  setBe32(p + TcpField.Seq, seq);
  setBe32(p + TcpField.Ack, ack);
  store8(p + TcpField.DataOffset, (hl >>> 2) << 4);
  store8(p + TcpField.Flags, flags);
  setBe16(p + TcpField.Window, window);
  setBe16(p + TcpField.Checksum, 0);
  setBe16(p + TcpField.Urgent, 0);
  const total = hl + payloadLen;
  setBe16(p + TcpField.Checksum, csumFinish(csumAdd(pseudoSum(src, dst, total), p, total)));
  return hl;
}
