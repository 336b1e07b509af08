/**
 * What a connection sends (RFC 9293 §3.8.6 "managing the window", §3.7.4
 * Nagle, RFC 5681 congestion window, RFC 6298 §5 timer rules). Every
 * segment is built in one packet buffer from the pool: the payload copied
 * once from the send ring, the header written in front, then IPv4 output.
 * Retransmissions copy from the same ring again; nothing else is kept.
 */
import { NetError } from '../errors';
import { IpProtocol } from '../wire/ipv4';
import { TCP_HEADER, TcpFlag, tcpSynOptionsLen, tcpWrite } from '../wire/tcp';
import { Drop } from '../stats';
import { TcpConnection } from './connection';
import { seqAdd, seqDiff, seqGt, seqLt } from './seq';
import { TcpState } from './state';
import type { Tcp } from './tcp';

/** The window field for a segment we send now (§3.8.6.2.2 receiver SWS avoidance; RFC 7323 §2.2 scaling). */
function windowField(c: TcpConnection, syn: boolean): number {
  const free = c.rcv.free();
  let cur = seqDiff(c.rcvAdv, c.rcvNxt);
  if (cur < 0) cur = 0;
  if (cur > free) cur = free;
  // Move the right edge only by at least min(buffer/2, MSS) (RFC 9293 §3.8.6.2.2), never left.
  const half = c.rcv.size >>> 1;
  const step = half < c.rcvMss ? half : c.rcvMss;
  let wnd = free - cur >= step ? free : cur;
  if (syn) return wnd > 65535 ? 65535 : wnd; // RFC 7323 §2.2: the window in a SYN is never scaled
  let field = wnd >>> c.rcvShift;
  if (field > 65535) field = 65535;
  wnd = field << c.rcvShift;
  const edge = seqAdd(c.rcvNxt, wnd);
  if (seqGt(edge, c.rcvAdv)) c.rcvAdv = edge;
  return field;
}

/**
 * Sends one segment: `len` bytes of the send ring from offset `off`, with
 * `flags`, at sequence number `seq`. 0 or a negative NetError.
 */
export function sendSegment(t: Tcp, c: TcpConnection, seq: number, flags: number, off: number, len: number): number {
  const stack = t.stack;
  const b = stack.pool.alloc();
  if (b === null) {
    stack.stats.drop(Drop.NoBuffer);
    return -NetError.ENOBUFS;
  }
  if (flags === TcpFlag.Ack && len === 0 && c.ackFrame.ready(stack, c.localAddr, c.localPort, c.remoteAddr, c.remotePort)) {
    // A pure ACK: the connection's prebuilt frame (ack-frame.ts), the same bytes the general way writes.
    c.ackFrame.write(b, stack.nextIdent(), seq, c.rcvNxt, windowField(c, false));
    ackSent(c, stack.nowMs);
    t.stats.segsOut++;
    return stack.sendBuiltFrame(b);
  }
  const syn = (flags & TcpFlag.Syn) !== 0;
  const ws = syn && c.offerWs ? c.rcvShift : -1;
  const hl = TCP_HEADER + (syn ? tcpSynOptionsLen(ws) : 0);
  if (len > 0) c.snd.peek(b.data() + hl, off, len);
  const ack = (flags & TcpFlag.Ack) !== 0;
  const wnd = windowField(c, syn);
  tcpWrite(b.data(), c.localPort, c.remotePort, seq, ack ? c.rcvNxt : 0, flags, wnd, syn ? c.rcvMss : -1, ws, len, c.localAddr, c.remoteAddr);
  b.len = hl + len;
  if (ack) ackSent(c, stack.nowMs);
  else c.lastSendMs = stack.nowMs;
  t.stats.segsOut++;
  return stack.outputIpv4(b, IpProtocol.Tcp, c.localAddr, c.remoteAddr, stack.defaultTtl);
}

/** Any segment with an ACK acknowledges everything received (RFC 9293 §3.8.6.3): no ACK is owed after it. */
function ackSent(c: TcpConnection, now: number): void {
  c.delackAt = -1;
  c.unackedBytes = 0;
  c.ackNow = false;
  c.lastSendMs = now;
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. */
export function sendAck(t: Tcp, c: TcpConnection): void {
  sendSegment(t, c, c.sndNxt, TcpFlag.Ack, 0, 0);
}

/** Our SYN (active open) or SYN,ACK (passive open / simultaneous open) at ISS. */
export function sendSyn(t: Tcp, c: TcpConnection): number {
  const flags = c.state === TcpState.SynSent ? TcpFlag.Syn : TcpFlag.Syn | TcpFlag.Ack;
  return sendSegment(t, c, c.iss, flags, 0, 0);
}

/** Arms the retransmission timer if it is not running (RFC 6298 §5.1). */
export function armRto(t: Tcp, c: TcpConnection): void {
  if (c.rtoAt < 0) {
    c.rtoAt = t.stack.nowMs + c.rto.rtoMs;
    t.noteDeadline(c.rtoAt);
  }
}

/** Restarts the retransmission timer (RFC 6298 §5.3). */
export function restartRto(t: Tcp, c: TcpConnection): void {
  c.rtoAt = t.stack.nowMs + c.rto.rtoMs;
  t.noteDeadline(c.rtoAt);
}

/**
 * Retransmits the first unacknowledged segment (fast retransmit, RFC 5681
 * §3.2 step 3; a NewReno partial ACK, RFC 6582 §3.2 step 5): up to one MSS
 * from SND.UNA, with the FIN if it follows. Not timed (Karn).
 */
export function retransmitFirst(t: Tcp, c: TcpConnection): void {
  const off = seqDiff(c.sndUna, c.sndBase);
  if (off < 0) return; // the SYN is what is outstanding: the timer resends it
  let len = c.snd.used - off;
  if (len > c.sndMss) len = c.sndMss;
  if (len < 0) len = 0;
  let flags = TcpFlag.Ack;
  if (c.finQueued && seqAdd(c.sndUna, len) === c.finSeq && c.finSent()) flags |= TcpFlag.Fin;
  if (len === 0 && (flags & TcpFlag.Fin) === 0) return;
  t.stats.retransmits++;
  if (c.timing && seqLt(c.sndUna, c.rttSeq)) c.timing = false; // Karn: this sample would be ambiguous
  sendSegment(t, c, c.sndUna, flags, off, len);
}

/**
 * Sends what the windows allow (RFC 9293 §3.8.6, RFC 5681): new data in
 * segments of at most SND.MSS, within min(SND.WND, cwnd) of SND.UNA; a
 * short segment only when it is the last of the buffer and nothing is in
 * flight or nodelay is set (Nagle, RFC 9293 §3.7.4, RFC 1122 §4.2.3.4),
 * or when it is at least half the largest window the peer offered
 * (sender SWS avoidance, §3.8.6.2.1); the FIN after the last byte; then
 * the persist timer when a zero window holds data back (§3.8.6.1); then
 * a pending ACK if no segment carried it.
 */
export function tcpOutput(t: Tcp, c: TcpConnection): void {
  // Nothing to send (a receiving connection): nothing below would act but the pending ACK.
  if (c.snd.used === 0 && !c.finQueued) {
    if (c.ackNow) sendAck(t, c);
    return;
  }
  const s = c.state;
  const sending = s === TcpState.Established || s === TcpState.CloseWait || s === TcpState.FinWait1 || s === TcpState.Closing || s === TcpState.LastAck;
  if (sending) {
    for (;;) {
      const unsent = c.unsent();
      const flight = c.flight();
      const wnd = c.sndWnd < c.cc.cwnd ? c.sndWnd : c.cc.cwnd;
      const usable = wnd - flight;
      if (unsent > 0) {
        let len = unsent < c.sndMss ? unsent : c.sndMss;
        if (len > usable) len = usable;
        if (len <= 0) break;
        const last = len === unsent;
        if (len < c.sndMss && !(last && (c.nodelay || flight === 0)) && 2 * len < c.maxSndWnd) break;
        const seq = c.sndNxt;
        const fin = last && c.finQueued && seqAdd(seq, len) === c.finSeq;
        const flags = TcpFlag.Ack | (last ? TcpFlag.Psh : 0) | (fin ? TcpFlag.Fin : 0);
        if (seqLt(seq, c.sndMax)) t.stats.retransmits++;
        else if (!c.timing) {
          // RFC 6298 §3 / Karn: time one new segment per round trip.
          c.timing = true;
          c.rttSeq = seqAdd(seq, len);
          c.rttStartMs = t.stack.nowMs;
        }
        if (flight === 0 && t.stack.nowMs - c.lastSendMs > c.rto.rtoMs && c.sndMax === c.sndUna) c.cc.onIdleRestart(); // RFC 5681 §4.1
        sendSegment(t, c, seq, flags, seqDiff(seq, c.sndBase), len);
        c.sndNxt = seqAdd(seq, len + (fin ? 1 : 0));
        if (seqGt(c.sndNxt, c.sndMax)) c.sndMax = c.sndNxt;
        armRto(t, c);
        continue;
      }
      if (c.finQueued && !c.finSent()) {
        // RFC 9293 §3.10.4 CLOSE: the FIN goes after all the data (it takes no window room here).
        if (seqLt(c.sndNxt, c.sndMax)) t.stats.retransmits++;
        sendSegment(t, c, c.sndNxt, TcpFlag.Ack | TcpFlag.Fin, 0, 0);
        c.sndNxt = seqAdd(c.sndNxt, 1);
        if (seqGt(c.sndNxt, c.sndMax)) c.sndMax = c.sndNxt;
        armRto(t, c);
      }
      break;
    }
    // Data waiting, nothing in flight: the window is zero (RFC 9293 §3.8.6.1: probe it) or too small
    // to use (§3.8.6.2.1: send anyway after the override timeout) — both run on the persist timer.
    if (c.unsent() > 0 && c.flight() === 0 && c.persistAt < 0 && c.rtoAt < 0) {
      c.persistAt = t.stack.nowMs + persistInterval(t, c);
      t.noteDeadline(c.persistAt);
    }
  }
  if (c.ackNow) sendAck(t, c);
}

/** The persist interval: RTO doubled per unanswered probe, within [persistMinMs, persistMaxMs] (RFC 1122 §4.2.2.17). */
export function persistInterval(t: Tcp, c: TcpConnection): number {
  let v = c.rto.rtoMs;
  for (let i = 0; i < c.persistShift && v < t.opts.persistMaxMs; i++) v *= 2;
  if (v < t.opts.persistMinMs) v = t.opts.persistMinMs;
  if (v > t.opts.persistMaxMs) v = t.opts.persistMaxMs;
  return v;
}

/**
 * A reset for a segment that has no connection (RFC 9293 §3.10.7.1):
 * if it carried an ACK, <SEQ=SEG.ACK><CTL=RST>; else
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. Never in answer to a RST.
 */
export function sendResetFor(t: Tcp, src: number, dst: number, srcPort: number, dstPort: number, seq: number, ack: number, flags: number, segLen: number): void {
  if ((flags & TcpFlag.Rst) !== 0) return;
  const stack = t.stack;
  const b = stack.pool.alloc();
  if (b === null) {
    stack.stats.drop(Drop.NoBuffer);
    return;
  }
  let s = 0;
  let a = 0;
  let f = TcpFlag.Rst;
  if ((flags & TcpFlag.Ack) !== 0) s = ack;
  else {
    a = seqAdd(seq, segLen);
    f |= TcpFlag.Ack;
  }
  // the segment came from src:srcPort to dst:dstPort; the reset goes back
  tcpWrite(b.data(), dstPort, srcPort, s, a, f, 0, -1, -1, 0, dst, src);
  b.len = TCP_HEADER;
  t.stats.resetsSent++;
  t.stats.segsOut++;
  stack.outputIpv4(b, IpProtocol.Tcp, dst, src, stack.defaultTtl);
}

/** <SEQ=SND.NXT><CTL=RST> from a connection being aborted (RFC 9293 §3.10.5 ABORT). */
export function sendReset(t: Tcp, c: TcpConnection): void {
  const stack = t.stack;
  const b = stack.pool.alloc();
  if (b === null) {
    stack.stats.drop(Drop.NoBuffer);
    return;
  }
  tcpWrite(b.data(), c.localPort, c.remotePort, c.sndNxt, c.rcvNxt, TcpFlag.Rst | TcpFlag.Ack, 0, -1, -1, 0, c.localAddr, c.remoteAddr);
  b.len = TCP_HEADER;
  t.stats.resetsSent++;
  t.stats.aborts++;
  t.stats.segsOut++;
  stack.outputIpv4(b, IpProtocol.Tcp, c.localAddr, c.remoteAddr, stack.defaultTtl);
}
