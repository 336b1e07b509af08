/**
 * The transmission control block (RFC 9293 §3.3.1): everything one
 * connection remembers — its identity, state, the send and receive
 * sequence variables, its buffers, timers, RTT estimator and congestion
 * state. The protocol runs on it in input.ts (segment arrival), output.ts
 * (what to send) and timers.ts (timeouts); the user reaches it through a
 * TcpStream handle. Always under the stack's lock.
 *
 *   Send sequence space (§3.3.1, Figure 3):
 *       SND.UNA           SND.NXT            SND.UNA + SND.WND
 *     ---|---- in flight ---|---- may send ----|---- not yet ----
 *   `sndBase` is the sequence number of the send ring's first byte (= SND.UNA
 *   once the SYN is acknowledged); `sndMax` the highest sequence number sent
 *   (SND.NXT goes back to SND.UNA on a timeout; ACKs up to sndMax are valid).
 *
 *   Receive sequence space (Figure 4): RCV.NXT, RCV.WND = the ring's free
 *   bytes; `rcvAdv` the right edge last advertised (never moved left,
 *   RFC 9293 §3.8.6.2.2 / RFC 7323 §2.4).
 *
 * Lifetime: made (with its buffers) on connect or on a SYN to a listener,
 * kept in the Tcp table while the protocol needs it (TIME-WAIT included),
 * destroyed once it is out of the table and no handle refers to it.
 */
import { release, u32 } from '@unishyper/rt';
import { AckFrame } from './ack-frame';
import { NewReno } from './congestion';
import { OutOfOrder } from './ooo';
import { ByteRing } from './ring';
import { RtoEstimator } from './rto';
import { TcpState } from './state';
import type { TcpListener } from './listener';
import type { TcpStream } from './stream';
import type { TcpOptions } from './options';

export class TcpConnection {
  state: number = TcpState.Closed;
  // identity (IPv4)
  localAddr: u32 = u32(0);
  localPort = 0;
  remoteAddr: u32 = u32(0);
  remotePort = 0;

  // send sequence variables (RFC 9293 §3.3.1)
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  sndMax = 0;
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  sndBase = 0;
  /** Largest window the peer ever offered (sender SWS avoidance, §3.8.6.2.1). */
  maxSndWnd = 0;
  /** Effective send MSS (§3.7.1: the peer's MSS option, 536 without one, at most our MTU - 40). */
  sndMss = 536;
  /** Window shifts (RFC 7323 §2): the peer's (applied to windows it sends) and ours; 0 when not both offered. */
  sndShift = 0;
  rcvShift = 0;
  /** We put a window scale option in our SYN (active open), or the peer did in its SYN (passive). */
  offerWs = true;
  /** shutdown(write) was called: a FIN follows the data, at `finSeq`. */
  finQueued = false;
  finSeq = 0;

  // receive sequence variables
  irs = 0;
  rcvNxt = 0;
  rcvAdv = 0;
  /** The MSS we announce: MTU - 40. */
  rcvMss = 1460;
  /** The peer's FIN: -1 until seen; its sequence number when it came ahead of missing data. */
  finRcvSeq = -1;
  finReceived = false;

  /** Its pure ACK, built once (ack-frame.ts). */
  readonly ackFrame: AckFrame;
  readonly snd: ByteRing;
  readonly rcv: ByteRing;
  readonly ooo: OutOfOrder;
  readonly rto: RtoEstimator;
  readonly cc: NewReno;

  // timers: absolute deadlines in ms, -1 when not running
  rtoAt = -1;
  persistAt = -1;
  delackAt = -1;
  keepAt = -1;
  /** TIME-WAIT's 2*MSL, or an orphaned FIN-WAIT-2's timeout. */
  finalAt = -1;
  /** Consecutive timeouts without progress (RFC 1122 §4.2.3.5). */
  retries = 0;
  persistShift = 0;
  keepProbesSent = 0;
  lastRecvMs = 0;
  lastSendMs = 0;

  // RTT measurement (one segment timed at a time; Karn's rule: never a retransmitted one)
  timing = false;
  rttSeq = 0;
  rttStartMs = 0;

  dupAcks = 0;
  /** Bytes received in order since we last sent an ACK (delayed ACK, RFC 5681 §4.2). */
  unackedBytes = 0;
  /** An ACK must go out now (out-of-order data, a FIN, a window update). */
  ackNow = false;

  // per-socket options
  nodelay = false;
  keepalive = false;
  keepIdleMs: number;
  keepIntervalMs: number;
  keepCount: number;

  /**
   * A reader blocked on an empty receive buffer lends its own buffer: in-order
   * data is copied there straight from the packet (the one copy on the
   * receive path), `directLen` bytes so far, up to `directCap` (0: none).
   */
  directBuf = 0;
  directCap = 0;
  directLen = 0;

  /** The error that ended the connection (a positive NetError), 0 while none. */
  error = 0;
  /** The last ICMP soft error (RFC 1122 §4.2.3.9), reported if the connection times out. */
  softError = 0;
  /** Set when the user closed: no handle refers to the TCB any more. */
  orphan = false;
  /** The user closed with data unread, or after close data arrived: answer with RST (RFC 9293 §3.10.4, RFC 2525 §2.17). */
  readClosed = false;

  /** The handle the user holds (null before accept and after close). */
  handle: TcpStream | null = null;
  /** The listener this connection came from until accept (counted in its backlog). */
  listener: TcpListener | null = null;
  acceptNext: TcpConnection | null = null;
  /** Hash chain and table slot (-1: not in the table). */
  hashNext: TcpConnection | null = null;
  slot = -1;

  constructor(opts: TcpOptions, sendBytes: number, recvBytes: number) {
    this.ackFrame = new AckFrame();
    this.snd = new ByteRing(sendBytes);
    this.rcv = new ByteRing(recvBytes);
    this.ooo = new OutOfOrder(opts.oooRanges);
    this.rto = new RtoEstimator(opts.initialRtoMs, opts.minRtoMs, opts.maxRtoMs);
    this.cc = new NewReno(536);
    this.keepIdleMs = opts.keepIdleMs;
    this.keepIntervalMs = opts.keepIntervalMs;
    this.keepCount = opts.keepCount;
    // RFC 7323 §2.3: the smallest shift that lets the window cover the receive buffer.
    let s = 0;
    while (s < 14 && recvBytes > (65535 << s)) s++;
    this.rcvShift = s;
  }

  /** Unacknowledged bytes and control flags in flight (SND.NXT - SND.UNA). */
  flight(): number {
    return (this.sndNxt - this.sndUna) | 0;
  }

  /** Send-buffer bytes not yet sent. */
  unsent(): number {
    const off = (this.sndNxt - this.sndBase) | 0;
    const u = this.snd.used - (off < 0 ? 0 : off);
    return u < 0 ? 0 : u;
  }

  /** Our FIN has been sent (SND.NXT is past it). */
  finSent(): boolean {
    return this.finQueued && ((this.sndNxt - this.finSeq) | 0) > 0;
  }

  /** Our FIN has been acknowledged. */
  finAcked(): boolean {
    return this.finQueued && ((this.sndUna - this.finSeq) | 0) > 0;
  }

  /** The earliest running timer (-1: none). */
  nextDeadline(): number {
    let t = this.rtoAt;
    if (this.persistAt >= 0 && (t < 0 || this.persistAt < t)) t = this.persistAt;
    if (this.delackAt >= 0 && (t < 0 || this.delackAt < t)) t = this.delackAt;
    if (this.keepAt >= 0 && (t < 0 || this.keepAt < t)) t = this.keepAt;
    if (this.finalAt >= 0 && (t < 0 || this.finalAt < t)) t = this.finalAt;
    return t;
  }

  stopTimers(): void {
    this.rtoAt = -1;
    this.persistAt = -1;
    this.delackAt = -1;
    this.keepAt = -1;
    this.finalAt = -1;
  }

  /** Frees the buffers and helpers (the object itself is released by the caller). */
  dispose(): void {
    this.ackFrame.dispose();
    release(this.ackFrame);
    this.snd.dispose();
    this.rcv.dispose();
    this.ooo.dispose();
    release(this.snd);
    release(this.rcv);
    release(this.ooo);
    release(this.rto);
    release(this.cc);
  }
}
