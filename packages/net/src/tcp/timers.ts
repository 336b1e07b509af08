/**
 * A connection's timers (RFC 9293 §3.8, §3.10.8), run by Tcp.tick when
 * their deadline has passed:
 *
 * - retransmission (RFC 6298 §5.4-5.6): retransmit from SND.UNA (SND.NXT
 *   goes back, go-back-N), back the RTO off, collapse cwnd (RFC 5681 §3.1
 *   eq. 4); after `synRetries` / `dataRetries` consecutive expiries the
 *   connection is aborted with ETIMEDOUT, or the ICMP soft error seen
 *   (RFC 1122 §4.2.3.5 R2, §4.2.3.9), or EHOSTUNREACH when ARP never
 *   resolved the next hop.
 * - persist (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17): a one-byte probe past
 *   a zero window, backing off, never giving up while the peer answers; with
 *   a small non-zero window it is the sender SWS override timeout (§3.8.6.2.1).
 * - delayed ACK (RFC 9293 §3.8.6.3).
 * - keepalive (RFC 1122 §4.2.3.6): after idle time a probe
 *   <SEQ=SND.NXT-1><ACK=RCV.NXT> that the peer must answer; `keepCount`
 *   unanswered probes abort with ETIMEDOUT.
 * - final: the end of TIME-WAIT (2*MSL, §3.6.1) or of an orphaned FIN-WAIT-2.
 */
import { NetError } from '../errors';
import { TcpFlag } from '../wire/tcp';
import { TcpConnection } from './connection';
import { persistInterval, sendAck, sendSegment, sendSyn, tcpOutput } from './output';
import { seqAdd, seqDiff, seqGt } from './seq';
import { TcpState } from './state';
import type { Tcp } from './tcp';

/** Runs the expired timers of `c` at `now`. The connection may be gone afterwards (check `c.slot`). */
export function connectionTimers(t: Tcp, c: TcpConnection, now: number): void {
  if (c.finalAt >= 0 && now >= c.finalAt) {
    c.finalAt = -1;
    t.drop(c, 0); // TIME-WAIT over (or FIN-WAIT-2 orphan timeout): the TCB is deleted
    return;
  }
  if (c.rtoAt >= 0 && now >= c.rtoAt) {
    c.rtoAt = -1;
    if (!retransmitTimeout(t, c, now)) return; // aborted: the TCB is gone
  }
  if (c.persistAt >= 0 && now >= c.persistAt) {
    c.persistAt = -1;
    persistProbe(t, c, now);
  }
  if (c.delackAt >= 0 && now >= c.delackAt) {
    c.delackAt = -1;
    sendAck(t, c);
  }
  if (c.keepAt >= 0 && now >= c.keepAt) {
    c.keepAt = -1;
    keepaliveTimer(t, c, now);
  }
}

/** False when the connection was aborted (and may be freed). */
function retransmitTimeout(t: Tcp, c: TcpConnection, now: number): boolean {
  c.retries++;
  t.stats.timeouts++;
  const handshake = c.state === TcpState.SynSent || c.state === TcpState.SynReceived;
  const limit = handshake ? t.opts.synRetries : t.opts.dataRetries;
  if (c.retries > limit) {
    let err: number = NetError.ETIMEDOUT;
    if (c.softError !== 0) err = c.softError;
    else if (c.state === TcpState.SynSent && !t.nextHopResolved(c)) err = NetError.EHOSTUNREACH;
    t.abort(c, err);
    return false;
  }
  // RFC 6298 §5.5 back off; §5.6 restart the timer; Karn: what is in flight now is not timed.
  c.rto.backoff();
  c.timing = false;
  c.dupAcks = 0;
  if (handshake) {
    sendSyn(t, c);
    t.stats.retransmits++;
  } else {
    // RFC 5681 §3.1 eq. 4 (only once per loss episode: not for a retransmission that timed out again)
    if (c.retries === 1 || c.cc.inRecovery) c.cc.onTimeout(seqDiff(c.sndMax, c.sndUna));
    else c.cc.cwnd = c.cc.smss;
    c.cc.recover = c.sndMax; // RFC 6582 §3.2 step 4 after a timeout
    c.sndNxt = c.sndUna;
    tcpOutput(t, c);
  }
  c.rtoAt = now + c.rto.rtoMs;
  t.noteDeadline(c.rtoAt);
  return true;
}

function persistProbe(t: Tcp, c: TcpConnection, now: number): void {
  const unsent = c.unsent();
  if (unsent === 0 || c.flight() > 0) {
    c.persistShift = 0;
    return;
  }
  if (c.sndWnd > 0) {
    // A window too small for Nagle / sender SWS avoidance to use, nothing in flight: the override
    // timeout of RFC 9293 §3.8.6.2.1 sends what the window takes.
    let len = unsent < c.sndWnd ? unsent : c.sndWnd;
    if (len > c.sndMss) len = c.sndMss;
    const seq = c.sndNxt;
    sendSegment(t, c, seq, TcpFlag.Ack | TcpFlag.Psh, seqDiff(seq, c.sndBase), len);
    c.sndNxt = seqAdd(seq, len);
    if (seqGt(c.sndNxt, c.sndMax)) c.sndMax = c.sndNxt;
    c.persistShift = 0;
    c.rtoAt = now + c.rto.rtoMs;
    t.noteDeadline(c.rtoAt);
    return;
  }
  // One byte past the window at SND.NXT; SND.NXT stays (the byte is not in flight), SND.MAX covers it so its ACK is valid.
  const off = seqDiff(c.sndNxt, c.sndBase);
  sendSegment(t, c, c.sndNxt, TcpFlag.Ack, off, 1);
  const end = seqAdd(c.sndNxt, 1);
  if (seqGt(end, c.sndMax)) c.sndMax = end;
  t.stats.persistProbes++;
  c.persistShift++;
  c.persistAt = now + persistInterval(t, c);
  t.noteDeadline(c.persistAt);
}

function keepaliveTimer(t: Tcp, c: TcpConnection, now: number): void {
  if (!c.keepalive || (c.state !== TcpState.Established && c.state !== TcpState.CloseWait)) return;
  const idle = now - c.lastRecvMs;
  if (c.keepProbesSent === 0 && idle < c.keepIdleMs) {
    c.keepAt = c.lastRecvMs + c.keepIdleMs;
    t.noteDeadline(c.keepAt);
    return;
  }
  if (c.keepProbesSent >= c.keepCount) {
    t.abort(c, NetError.ETIMEDOUT);
    return;
  }
  // <SEQ=SND.NXT-1><ACK=RCV.NXT>: outside the window, so the peer must answer with an ACK.
  sendSegment(t, c, seqAdd(c.sndNxt, -1), TcpFlag.Ack, 0, 0);
  c.keepProbesSent++;
  t.stats.keepaliveProbes++;
  c.keepAt = now + c.keepIntervalMs;
  t.noteDeadline(c.keepAt);
}
