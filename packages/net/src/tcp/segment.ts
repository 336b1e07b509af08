/**
 * A received segment in the form the state machine reads (RFC 9293 §3.10.7
 * names: SEG.SEQ, SEG.ACK, SEG.LEN, SEG.WND, ...), filled in place from a
 * checked header; one instance per Tcp, reused for every segment.
 */
import { u32 } from '@unishyper/rt';
import { TcpFlag, TcpOptionsSeen, tcpAck, tcpDstPort, tcpFlags, tcpHeaderLen, tcpParseOptions, tcpSeq, tcpSrcPort, tcpWindow } from '../wire/tcp';

export class Segment {
  src: u32 = u32(0);
  dst: u32 = u32(0);
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  /** The window field as sent (unscaled). */
  wnd = 0;
  /** Address and bytes of the data. */
  data = 0;
  dataLen = 0;
  /** The data was already copied where in-order data goes (input.ts placeData): receiveData only commits it. */
  placed = false;
  readonly opts: TcpOptionsSeen = new TcpOptionsSeen();

  /** Fills from the checked segment at `p` of `len` bytes. */
  parse(p: number, len: number, src: u32, dst: u32): void {
    this.src = src;
    this.dst = dst;
    this.srcPort = tcpSrcPort(p);
    this.dstPort = tcpDstPort(p);
    this.seq = tcpSeq(p);
    this.ack = tcpAck(p);
    this.flags = tcpFlags(p);
    this.wnd = tcpWindow(p);
    const hl = tcpHeaderLen(p);
    this.data = p + hl;
    this.dataLen = len - hl;
    this.placed = false;
    if (hl > 20) tcpParseOptions(p, this.opts);
    else this.opts.clear();
  }

  has(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  /** SEG.LEN: data bytes plus one for SYN and one for FIN (§3.4). */
  segLen(): number {
    return this.dataLen + ((this.flags & TcpFlag.Syn) !== 0 ? 1 : 0) + ((this.flags & TcpFlag.Fin) !== 0 ? 1 : 0);
  }
}
