/**
 * Segment arrival (RFC 9293 §3.10.7), one function per case of the RFC's
 * text: LISTEN (§3.10.7.2), SYN-SENT (§3.10.7.3) and the other states
 * (§3.10.7.4, its eight checks in order), with the RFC 5961 defences
 * (§3.2 RST, §4 SYN, §5 ACK), RFC 5681/6582 duplicate-ACK handling, RFC
 * 6298 RTT sampling, delayed ACKs, and out-of-order data kept in place.
 * Everything runs under the stack's lock, from poll.
 */
import { bswap16, memcpy } from '@unishyper/rt';
import { copyOnesSum16 } from '@unishyper/hal-aarch64';
import { NetError } from '../errors';
import { Drop } from '../stats';
import { TCP_MAX_WSCALE, TcpFlag, tcpFlags, tcpSeq } from '../wire/tcp';
import { TcpConnection } from './connection';
import { armRto, restartRto, retransmitFirst, sendAck, sendResetFor, sendSyn, tcpOutput } from './output';
import { Segment } from './segment';
import { seqAdd, seqDiff, seqGe, seqGt, seqInRange, seqLe, seqLt } from './seq';
import { TcpState, canReceiveData } from './state';
import type { TcpListener } from './listener';
import type { Tcp } from './tcp';

/** RFC 9293 §3.7.1 / RFC 1122 §4.2.2.6: without an MSS option the peer takes 536 (IPv4). */
const DEFAULT_MSS = 536;

/** Applies the peer's SYN options (MSS, RFC 7323 window scale) to `c`. */
function takeSynOptions(c: TcpConnection, seg: Segment, mtu: number): void {
  let mss = seg.opts.mss > 0 ? seg.opts.mss : DEFAULT_MSS;
  if (mss > mtu - 40) mss = mtu - 40;
  if (mss < 64) mss = 64; // a silly MSS would make segments mostly header; RFC 9293 §3.7.1 leaves the floor to us
  c.sndMss = mss;
  c.cc.setMss(mss);
  // RFC 7323 §2.2: scaling is in effect only when both SYNs carried the option.
  if (c.offerWs && seg.opts.wscale >= 0) {
    c.sndShift = seg.opts.wscale > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : seg.opts.wscale;
  } else {
    c.sndShift = 0;
    c.rcvShift = 0;
    c.offerWs = false;
  }
}

/**
 * RFC 6298 §5.7: after the SYN (or SYN,ACK) timed out, the RTO is 3 s when
 * data transmission begins (unless a later sample sets it).
 */
function handshakeTimedOut(c: TcpConnection): void {
  if (c.rto.samples === 0) c.rto.rtoMs = 3000;
}

/** RFC 9293 §3.10.7.2: a segment for a listener. */
export function listenInput(t: Tcp, l: TcpListener, seg: Segment): void {
  // first: an incoming RST is ignored
  if (seg.has(TcpFlag.Rst)) return;
  // second: any ACK is bad here: <SEQ=SEG.ACK><CTL=RST>
  if (seg.has(TcpFlag.Ack)) {
    t.stack.stats.drop(Drop.TcpBadSegment);
    sendResetFor(t, seg.src, seg.dst, seg.srcPort, seg.dstPort, seg.seq, seg.ack, seg.flags, seg.segLen());
    return;
  }
  // third: a SYN makes a connection in SYN-RECEIVED (if the backlog has room)
  if (!seg.has(TcpFlag.Syn)) return;
  if (l.pending >= l.backlog) {
    // No room: drop the SYN; the peer retries (as Linux does with a full queue).
    t.stack.stats.drop(Drop.TcpBacklogFull);
    return;
  }
  const c = t.newConnection(l.sendBuffer, l.receiveBuffer);
  if (c === null) {
    t.stack.stats.drop(Drop.TcpNoConnection);
    return;
  }
  c.localAddr = seg.dst;
  c.localPort = seg.dstPort;
  c.remoteAddr = seg.src;
  c.remotePort = seg.srcPort;
  c.nodelay = l.nodelay;
  c.offerWs = seg.opts.wscale >= 0; // RFC 7323 §2.2: only answer a window scale option with one
  takeSynOptions(c, seg, t.stack.mtu);
  c.irs = seg.seq;
  c.rcvNxt = seqAdd(seg.seq, 1);
  c.rcvAdv = c.rcvNxt;
  t.initSend(c);
  c.sndWnd = seg.wnd; // RFC 7323 §2.2: a SYN's window is not scaled
  c.maxSndWnd = c.sndWnd;
  c.sndWl1 = seg.seq;
  c.sndWl2 = 0;
  c.state = TcpState.SynReceived;
  c.listener = l;
  l.pending++;
  t.insert(c);
  t.stats.passiveOpens++;
  // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; data in the SYN is not kept (the peer resends it).
  sendSyn(t, c);
  c.sndNxt = seqAdd(c.iss, 1);
  c.sndMax = c.sndNxt;
  c.timing = true;
  c.rttSeq = c.sndNxt;
  c.rttStartMs = t.stack.nowMs;
  armRto(t, c);
}

/** RFC 9293 §3.10.7.3: a segment for a connection in SYN-SENT. */
export function synSentInput(t: Tcp, c: TcpConnection, seg: Segment): void {
  const ack = seg.has(TcpFlag.Ack);
  // first: the ACK must acknowledge our SYN (ISS < SEG.ACK =< SND.NXT), else <SEQ=SEG.ACK><CTL=RST>
  if (ack && (seqLe(seg.ack, c.iss) || seqGt(seg.ack, c.sndMax))) {
    t.stack.stats.drop(Drop.TcpBadSegment);
    sendResetFor(t, seg.src, seg.dst, seg.srcPort, seg.dstPort, seg.seq, seg.ack, seg.flags, seg.segLen());
    return;
  }
  // second: an acceptable RST refuses the connection; without an ACK it is dropped
  if (seg.has(TcpFlag.Rst)) {
    t.stats.resetsReceived++;
    if (ack) t.drop(c, NetError.ECONNREFUSED);
    return;
  }
  // fourth: SYN
  if (!seg.has(TcpFlag.Syn)) return;
  takeSynOptions(c, seg, t.stack.mtu);
  c.irs = seg.seq;
  c.rcvNxt = seqAdd(seg.seq, 1);
  c.rcvAdv = c.rcvNxt;
  if (ack) {
    c.sndUna = seg.ack;
    c.sndWnd = seg.wnd; // unscaled in a SYN (RFC 7323 §2.2)
    c.maxSndWnd = c.sndWnd;
    c.sndWl1 = seg.seq;
    c.sndWl2 = seg.ack;
    if (c.timing && c.retries === 0) c.rto.sample(t.stack.nowMs - c.rttStartMs);
    else handshakeTimedOut(c);
    c.timing = false;
    c.retries = 0;
    c.rtoAt = -1;
    c.state = TcpState.Established;
    t.established(c);
    // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; data in a SYN,ACK is not kept (the peer resends it)
    sendAck(t, c);
    return;
  }
  // Simultaneous open (§3.5, Figure 8): SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
  c.state = TcpState.SynReceived;
  c.sndWnd = seg.wnd;
  c.maxSndWnd = c.sndWnd;
  c.sndWl1 = seg.seq;
  c.timing = false;
  sendSyn(t, c);
  restartRto(t, c);
}

/** Window update (§3.10.7.4 fifth): from a newer segment, or the same one with a newer ACK. */
function updateSendWindow(c: TcpConnection, seq: number, ack: number, scaledWnd: number): void {
  if (seqLt(c.sndWl1, seq) || (c.sndWl1 === seq && seqLe(c.sndWl2, ack))) {
    c.sndWnd = scaledWnd;
    c.sndWl1 = seq;
    c.sndWl2 = ack;
    if (c.sndWnd > c.maxSndWnd) c.maxSndWnd = c.sndWnd;
    if (c.sndWnd > 0 && c.persistAt >= 0) {
      c.persistAt = -1;
      c.persistShift = 0;
    }
  }
}

/**
 * otherInput for a segment whose data placeData copied: ESTABLISHED, only
 * ACK (and PSH), in-order data inside the window, no out-of-order data. The
 * same steps, without those that cannot apply to it (acceptability and
 * trimming, RST, SYN, the closing states, FIN, duplicate ACKs: it carries
 * data).
 */
function placedInput(t: Tcp, c: TcpConnection, seg: Segment): void {
  c.lastRecvMs = t.stack.nowMs;
  c.keepProbesSent = 0;
  // fifth: ACK, as otherInput (RFC 5961 §5 for one out of range)
  if (seqGt(seg.ack, c.sndMax) || seqLt(seg.ack, seqAdd(c.sndUna, -(c.maxSndWnd > 0 ? c.maxSndWnd : 65535)))) {
    t.stack.stats.drop(Drop.TcpBadSegment);
    sendAck(t, c);
    return;
  }
  if (seqGt(seg.ack, c.sndUna)) newAck(t, c, seg.ack);
  updateSendWindow(c, seg.seq, seg.ack, seg.wnd << c.sndShift);
  // seventh: the text, already in place
  receiveData(t, c, seg.seq, seg.data, seg.dataLen, true);
  if (c.slot >= 0) tcpOutput(t, c);
}

/** RFC 9293 §3.10.7.4: a segment for a connection in any other state. */
export function otherInput(t: Tcp, c: TcpConnection, seg: Segment): void {
  if (seg.placed) {
    placedInput(t, c, seg);
    return;
  }
  const now = t.stack.nowMs;
  c.lastRecvMs = now;
  c.keepProbesSent = 0;
  // A retransmitted SYN while our SYN,ACK is unacknowledged: send it again (it was lost).
  if (c.state === TcpState.SynReceived && seg.has(TcpFlag.Syn) && !seg.has(TcpFlag.Ack) && seg.seq === c.irs) {
    sendSyn(t, c);
    return;
  }
  let syn = seg.has(TcpFlag.Syn);
  let fin = seg.has(TcpFlag.Fin);
  const segLen = seg.segLen();
  const wnd = c.rcv.free();
  const seq = seg.seq;
  // first: sequence number acceptability (the four cases of §3.10.7.4)
  let ok: boolean;
  if (segLen === 0) ok = wnd === 0 ? seq === c.rcvNxt : seqInRange(seq, c.rcvNxt, seqAdd(c.rcvNxt, wnd));
  else ok = wnd > 0 && (seqInRange(seq, c.rcvNxt, seqAdd(c.rcvNxt, wnd)) || seqInRange(seqAdd(seq, segLen - 1), c.rcvNxt, seqAdd(c.rcvNxt, wnd)));
  // "special allowance should be made to accept valid ACKs, URGs, and RSTs" with a zero window: the text is trimmed below
  if (!ok && wnd === 0 && seq === c.rcvNxt) ok = true;
  if (!ok) {
    t.stack.stats.drop(Drop.TcpOutOfWindow);
    if (!seg.has(TcpFlag.Rst)) {
      // TIME-WAIT: a retransmitted FIN is acknowledged and restarts the 2 MSL timer.
      if (c.state === TcpState.TimeWait && fin) t.restartTimeWait(c);
      sendAck(t, c); // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
    }
    return;
  }
  // Trim to the window: bytes before RCV.NXT (and an old SYN) at the front, bytes past the window (and the FIN) at the end.
  let dseq = syn ? seqAdd(seq, 1) : seq;
  let data = seg.data;
  let dataLen = seg.dataLen;
  if (seqLt(dseq, c.rcvNxt)) {
    let cut = seqDiff(c.rcvNxt, dseq);
    if (cut > dataLen) cut = dataLen;
    data += cut;
    dataLen -= cut;
    dseq = seqAdd(dseq, cut);
  }
  const right = seqAdd(c.rcvNxt, wnd);
  if (seqGt(seqAdd(dseq, dataLen), right)) {
    const keep = seqDiff(right, dseq);
    dataLen = keep < 0 ? 0 : keep;
    fin = false;
  }

  // second: RST (RFC 5961 §3.2: only an exact RCV.NXT resets; any other in-window RST gets a challenge ACK)
  if (seg.has(TcpFlag.Rst)) {
    t.stats.resetsReceived++;
    if (seq !== c.rcvNxt) {
      t.challengeAck(c);
      return;
    }
    const s = c.state;
    if (s === TcpState.SynReceived) t.drop(c, c.listener !== null ? 0 : NetError.ECONNREFUSED);
    else if (s === TcpState.Established || s === TcpState.FinWait1 || s === TcpState.FinWait2 || s === TcpState.CloseWait) t.drop(c, NetError.ECONNRESET);
    else t.drop(c, 0); // CLOSING, LAST-ACK, TIME-WAIT
    return;
  }
  // fourth: SYN in a synchronized state (RFC 5961 §4: challenge ACK, whatever its sequence number)
  if (syn) {
    if (c.state === TcpState.SynReceived && c.listener !== null) {
      t.drop(c, 0); // "return this connection to the LISTEN state"
      return;
    }
    t.challengeAck(c);
    return;
  }
  syn = false;
  // fifth: ACK
  if (!seg.has(TcpFlag.Ack)) {
    t.stack.stats.drop(Drop.TcpBadSegment);
    return;
  }
  if (c.state === TcpState.SynReceived) {
    if (seqLe(seg.ack, c.sndUna) || seqGt(seg.ack, c.sndMax)) {
      sendResetFor(t, seg.src, seg.dst, seg.srcPort, seg.dstPort, seg.seq, seg.ack, seg.flags, segLen);
      return;
    }
    if (c.retries > 0) handshakeTimedOut(c);
    c.retries = 0;
    c.state = TcpState.Established;
    c.sndWnd = seg.wnd << c.sndShift;
    c.maxSndWnd = c.sndWnd;
    c.sndWl1 = seq;
    c.sndWl2 = seg.ack;
    t.established(c);
  }
  // RFC 9293 §3.10.7.4 fifth, RFC 5961 §5: an ACK of what was never sent, or far behind, is answered and dropped.
  if (seqGt(seg.ack, c.sndMax) || seqLt(seg.ack, seqAdd(c.sndUna, -(c.maxSndWnd > 0 ? c.maxSndWnd : 65535)))) {
    t.stack.stats.drop(Drop.TcpBadSegment);
    sendAck(t, c);
    return;
  }
  const scaledWnd = seg.wnd << c.sndShift;
  if (seqGt(seg.ack, c.sndUna)) newAck(t, c, seg.ack);
  else if (seg.ack === c.sndUna && seg.dataLen === 0 && !seg.has(TcpFlag.Fin) && scaledWnd === c.sndWnd && seqGt(c.sndNxt, c.sndUna)) {
    // RFC 5681 §2 DUPLICATE ACKNOWLEDGMENT: same ACK, no data, no SYN/FIN, same window, data outstanding.
    dupAck(t, c, seg.ack);
  }
  updateSendWindow(c, seq, seg.ack, scaledWnd);
  const st = c.state;
  if (st === TcpState.FinWait1 && c.finAcked()) {
    c.state = TcpState.FinWait2;
    if (c.orphan) t.armFinal(c, t.opts.finWait2Ms);
  } else if (st === TcpState.Closing) {
    if (c.finAcked()) t.enterTimeWait(c);
    return;
  } else if (st === TcpState.LastAck) {
    if (c.finAcked()) t.drop(c, 0);
    return;
  } else if (st === TcpState.TimeWait) {
    if (fin) {
      t.restartTimeWait(c);
      sendAck(t, c);
    }
    return;
  }

  // sixth: URG is not supported (RFC 9293 §3.8.5 / RFC 6093: the data is delivered inline, the pointer ignored).
  // seventh: segment text
  if (dataLen > 0 && canReceiveData(c.state)) {
    if (c.readClosed) {
      // The user closed and will never read this: abort (RFC 9293 §3.10.4, RFC 2525 §2.17).
      t.abort(c, 0);
      return;
    }
    receiveData(t, c, dseq, data, dataLen, false);
  }
  // eighth: FIN, processed when everything before it has arrived
  if (fin && canReceiveData(c.state)) {
    const finPos = seqAdd(dseq, dataLen);
    if (finPos === c.rcvNxt) processFin(t, c);
    else if (seqGt(finPos, c.rcvNxt)) {
      c.finRcvSeq = finPos;
      c.ackNow = true;
    }
  }
  if (c.slot >= 0) tcpOutput(t, c);
}

/**
 * Header prediction for the bulk path: a segment that is only an ACK (PSH
 * allowed) with in-order data that fits the window, to an ESTABLISHED
 * connection with no out-of-order data, is what otherInput accepts whole
 * with no trimming. Its data is copied now, before its checksum is known,
 * exactly where receiveData would copy it (the reader's lent buffer first,
 * then the ring's free space), in the pass that sums it (copyOnesSum16).
 * Nothing is committed: if the checksum fails, or otherInput stops before
 * the text, the bytes lie in free space and are overwritten later. Returns
 * the data's one's complement sum, or -1 when the segment does not qualify
 * (the checksum then sums it in place and receiveData copies it).
 */
export function placeData(c: TcpConnection, p: number, hl: number, len: number): number {
  if ((tcpFlags(p) & ~TcpFlag.Psh & 0xff) !== TcpFlag.Ack) return -1;
  if (c.state !== TcpState.Established || c.readClosed || c.ooo.count > 0 || c.finRcvSeq >= 0) return -1;
  const n = len - hl;
  if (n > c.rcv.free() || tcpSeq(p) !== c.rcvNxt) return -1;
  const src = p + hl;
  let k = 0;
  let sum = 0;
  if (c.directBuf !== 0 && c.rcv.used === 0) {
    k = c.directCap - c.directLen;
    if (k > n) k = n;
    if (k > 0) sum = copyOnesSum16(c.directBuf + c.directLen, src, k);
  }
  if (n > k) {
    // receiveData moves the ring's head past the k bytes that went to the reader, then writes at the end: offset k now.
    const rest = c.rcv.writeAtSum(k, src + k, n - k);
    sum += (k & 1) !== 0 ? bswap16(rest) : rest;
  }
  return sum;
}

/** In-order or out-of-order text (§3.10.7.4 seventh) of `len` bytes at `dseq` (within the window); `placed`: placeData already copied it. */
function receiveData(t: Tcp, c: TcpConnection, dseq: number, data: number, dataLen: number, placed: boolean): void {
  let len = dataLen;
  if (dseq === c.rcvNxt) {
    let p = data;
    if (c.directBuf !== 0 && c.rcv.used === 0) {
      // A reader waits with its buffer: copy there directly (the ring's head moves on so out-of-order data stays in place).
      let k = c.directCap - c.directLen;
      if (k > len) k = len;
      if (k > 0) {
        if (!placed) memcpy(c.directBuf + c.directLen, p, k);
        c.directLen += k;
        c.rcv.advanceEmpty(k);
        c.rcvNxt = seqAdd(c.rcvNxt, k);
        p += k;
        len -= k;
      }
    }
    if (!placed) c.rcv.writeAt(0, p, len);
    c.rcv.commit(len);
    c.rcvNxt = seqAdd(c.rcvNxt, len);
    if (c.ooo.count > 0) {
      const n = c.ooo.advance(c.rcvNxt);
      const extra = seqDiff(n, c.rcvNxt);
      if (extra > 0) {
        c.rcv.commit(extra);
        c.rcvNxt = n;
        c.ackNow = true; // RFC 5681 §4.2: an ACK at once when a segment fills a gap
      }
    }
    c.unackedBytes += dataLen;
    // RFC 5681 §4.2, RFC 9293 §3.8.6.3: an ACK for at least every second full-sized segment, else within the delay.
    if (c.unackedBytes >= 2 * c.rcvMss) c.ackNow = true;
    else if (c.delackAt < 0) {
      c.delackAt = t.stack.nowMs + t.opts.delayedAckMs;
      t.noteDeadline(c.delackAt);
    }
    if (c.finRcvSeq >= 0 && c.finRcvSeq === c.rcvNxt) processFin(t, c);
    t.wake(c);
    return;
  }
  // Past a hole: keep it in place (RFC 9293 §3.10.7.4 seventh) and send a duplicate ACK at once (RFC 5681 §4.2).
  const off = seqDiff(dseq, c.rcvNxt);
  if (c.ooo.add(dseq, seqAdd(dseq, len))) {
    c.rcv.writeAt(off, data, len);
    t.stats.oooSegments++;
  } else t.stack.stats.drop(Drop.TcpOooFull);
  c.ackNow = true;
}

/** The peer's FIN (§3.10.7.4 eighth). */
function processFin(t: Tcp, c: TcpConnection): void {
  c.rcvNxt = seqAdd(c.rcvNxt, 1);
  c.finReceived = true;
  c.finRcvSeq = -1;
  c.ackNow = true;
  const s = c.state;
  if (s === TcpState.Established || s === TcpState.SynReceived) c.state = TcpState.CloseWait;
  else if (s === TcpState.FinWait1) {
    if (c.finAcked()) t.enterTimeWait(c);
    else c.state = TcpState.Closing; // simultaneous close (§3.6, Figure 13)
  } else if (s === TcpState.FinWait2) t.enterTimeWait(c);
  t.wake(c);
}

/** An ACK of new data (or of our SYN/FIN): RFC 9293 §3.10.7.4 fifth, RFC 6298 §5, RFC 5681/6582. */
function newAck(t: Tcp, c: TcpConnection, ack: number): void {
  const acked = seqDiff(ack, c.sndUna);
  let dataAcked = seqDiff(ack, c.sndBase);
  if (dataAcked > c.snd.used) dataAcked = c.snd.used; // the rest is our FIN
  if (dataAcked > 0) {
    c.snd.skip(dataAcked);
    c.snd.rewindIfEmpty();
    c.sndBase = seqAdd(c.sndBase, dataAcked);
  } else dataAcked = 0;
  c.sndUna = ack;
  if (seqLt(c.sndNxt, c.sndUna)) c.sndNxt = c.sndUna;
  // RFC 6298 §3 (Karn): the timed segment was sent once, its ACK is a sample.
  if (c.timing && seqGe(ack, c.rttSeq)) {
    c.rto.sample(t.stack.nowMs - c.rttStartMs);
    c.timing = false;
  }
  c.retries = 0;
  const cc = c.cc;
  if (cc.inRecovery) {
    if (seqGe(ack, cc.recover)) cc.exitRecovery(seqDiff(c.sndMax, c.sndUna));
    else {
      cc.onPartialAck(acked);
      retransmitFirst(t, c);
    }
  } else if (dataAcked > 0) cc.onAck(dataAcked);
  c.dupAcks = 0;
  // RFC 6298 §5.2: all acknowledged -> stop the timer; §5.3: else restart it.
  if (c.sndUna === c.sndMax) c.rtoAt = -1;
  else restartRto(t, c);
  t.wake(c);
}

/** A duplicate ACK (RFC 5681 §3.2, RFC 6582 §3.2). */
function dupAck(t: Tcp, c: TcpConnection, ack: number): void {
  c.dupAcks++;
  t.stats.dupAcks++;
  const cc = c.cc;
  if (!cc.inRecovery) {
    // step 2 (RFC 6582): only when the ACK covers more than "recover" (no second reduction for one loss episode)
    if (c.dupAcks === 3 && seqGt(ack, cc.recover)) {
      cc.enterRecovery(seqDiff(c.sndMax, c.sndUna), c.sndMax);
      t.stats.fastRetransmits++;
      retransmitFirst(t, c);
      restartRto(t, c);
    }
    return;
  }
  cc.onDupAckInRecovery(); // step 4: inflate; tcpOutput may send new data
}
