/**
 * TCP (RFC 9293) for one NetStack: the connection table and demultiplexing,
 * listeners, port allocation, the socket calls (blocking or not), and the
 * timer hook. The protocol itself is in input.ts (segment arrival),
 * output.ts (what to send) and timers.ts; the TCB in connection.ts.
 *
 * Made once per stack: `new Tcp(stack, new TcpOptions())` registers itself
 * as the stack's protocol-6 handler and as a timer hook. The connection
 * table (maxConnections) and its hash are made here; a connection's
 * buffers when it is made (connect, or a SYN to a listener within its
 * backlog) and freed when it ends — nothing is allocated per segment.
 *
 * Threading: everything runs under the stack's lock — segment arrival and
 * timers from poll (the network thread), socket calls from any thread on
 * any core. A call that must wait sleeps on its socket's wait queue,
 * releasing the lock in the same step (udp-socket.ts does the same).
 *
 * Demultiplexing (RFC 9293 §3.10.7): a segment goes to the connection with
 * its exact (local port, remote address, remote port), else to the
 * listener on its port, else it is answered with a RST (§3.10.7.1).
 */
import { FixedArray, mulu32, release, u32 } from '@unishyper/rt';
import { IpAddress } from '../addr';
import { NetError } from '../errors';
import { IpProtocolHandler, NetStack, StackTimer, icmpErrno } from '../stack';
import { Drop } from '../stats';
import { Endpoint, waitLeftNs } from '../udp-socket';
import { IcmpType, UnreachCode } from '../wire/icmp';
import { ipv4Dst, ipv4HeaderLen, ipv4Src } from '../wire/ipv4';
import { TCP_HEADER, tcpCheckSummed, tcpDstPort, TcpFlag, tcpHeaderLen, tcpSrcPort } from '../wire/tcp';
import { be16, be32 } from '../wire/bytes';
import { nowNs } from '@unishyper/hal-aarch64';
import { TcpConnection } from './connection';
import { listenInput, otherInput, placeData, synSentInput } from './input';
import { initialSequence } from './isn';
import { TcpListener } from './listener';
import { TcpOptions } from './options';
import { sendAck, sendReset, sendResetFor, sendSyn, tcpOutput, armRto } from './output';
import { Segment } from './segment';
import { SocketProto, SocketRow } from '../socket-row';
import { seqAdd, seqDiff, seqGe, seqLe } from './seq';
import { TcpState, canSendData, isSynchronized } from './state';
import { TcpStream } from './stream';
import { connectionTimers } from './timers';

/** Counters (segments, retransmissions, resets, ...), for tests and monitoring. */
export class TcpStats {
  segsIn = 0;
  segsOut = 0;
  retransmits = 0;
  fastRetransmits = 0;
  timeouts = 0;
  dupAcks = 0;
  /** Every RST sent: aborts, and answers to segments no connection can take (RFC 9293 §3.10.7.1). */
  resetsSent = 0;
  /** Connections this side ended with a RST (ABORT, or closed with data unread): a peer saw ECONNRESET. */
  aborts = 0;
  resetsReceived = 0;
  challengeAcks = 0;
  oooSegments = 0;
  persistProbes = 0;
  keepaliveProbes = 0;
  activeOpens = 0;
  passiveOpens = 0;
  /** Connections made and destroyed (the difference is alive). */
  made = 0;
  destroyed = 0;
}

export class Tcp implements IpProtocolHandler, StackTimer {
  readonly stack: NetStack;
  readonly opts: TcpOptions;
  readonly stats: TcpStats = new TcpStats();
  private readonly table: FixedArray<TcpConnection | null>;
  private readonly buckets: FixedArray<TcpConnection | null>;
  private readonly hashBits: number;
  private readonly listeners: FixedArray<TcpListener | null>;
  private readonly seg: Segment = new Segment();
  /** Connections in the table. */
  count = 0;
  private freeHint = 0;
  private deadline = -1;
  private nextEphemeral: number;
  /** The connection lookup found last (null: none, or it left the table). */
  private lastFound: TcpConnection | null = null;
  private challengeWindowStart = 0;
  private challengeSent = 0;

  constructor(stack: NetStack, opts: TcpOptions) {
    this.stack = stack;
    this.opts = opts;
    this.table = new FixedArray<TcpConnection | null>(opts.maxConnections, null);
    let bits = 4;
    while (1 << bits < 2 * opts.maxConnections && bits < 16) bits++;
    this.hashBits = bits;
    this.buckets = new FixedArray<TcpConnection | null>(1 << bits, null);
    this.listeners = new FixedArray<TcpListener | null>(opts.maxListeners, null);
    this.nextEphemeral = opts.ephemeralLow;
    stack.lock.lock();
    stack.setTcpHandler(this);
    stack.addTimerHook(this);
    stack.lock.unlock();
  }

  // ------------------------------------------------------------ the table

  private bucketOf(lport: number, raddr: number, rport: number): number {
    const h = mulu32(u32(raddr ^ ((rport << 16) | lport)), 0x9e3779b1);
    return h >>> (32 - this.hashBits);
  }

  /** The connection for a segment to `lport` from `raddr:rport` (one local address per stack). */
  lookup(lport: number, raddr: number, rport: number): TcpConnection | null {
    // A burst is one connection's segments: the last one found first (forgotten when it leaves the table).
    const last = this.lastFound;
    if (last !== null && last.localPort === lport && last.remotePort === rport && last.remoteAddr === raddr) return last;
    let c = this.buckets.get(this.bucketOf(lport, raddr, rport));
    while (c !== null) {
      if (c.localPort === lport && c.remotePort === rport && c.remoteAddr === raddr) {
        this.lastFound = c;
        return c;
      }
      c = c.hashNext;
    }
    return null;
  }

  /** A new connection with its buffers, or null when the table is full. */
  newConnection(sendBytes: number, recvBytes: number): TcpConnection | null {
    if (this.count >= this.opts.maxConnections) return null;
    this.stats.made++;
    return new TcpConnection(this.opts, sendBytes, recvBytes);
  }

  insert(c: TcpConnection): void {
    let i = this.freeHint;
    for (let k = 0; k < this.table.length; k++) {
      if (this.table.get(i) === null) break;
      i = i + 1 === this.table.length ? 0 : i + 1;
    }
    this.table.set(i, c);
    c.slot = i;
    this.freeHint = i + 1 === this.table.length ? 0 : i + 1;
    this.count++;
    const b = this.bucketOf(c.localPort, c.remoteAddr, c.remotePort);
    c.hashNext = this.buckets.get(b);
    this.buckets.set(b, c);
    this.lastFound = null;
  }

  private remove(c: TcpConnection): void {
    if (c.slot < 0) return;
    if (this.lastFound === c) this.lastFound = null;
    this.table.set(c.slot, null);
    this.freeHint = c.slot;
    c.slot = -1;
    this.count--;
    const b = this.bucketOf(c.localPort, c.remoteAddr, c.remotePort);
    let p = this.buckets.get(b);
    if (p === c) this.buckets.set(b, c.hashNext);
    else {
      while (p !== null && p.hashNext !== c) p = p.hashNext;
      if (p !== null) p.hashNext = c.hashNext;
    }
    c.hashNext = null;
  }

  private destroy(c: TcpConnection): void {
    this.stats.destroyed++;
    c.dispose();
    release(c);
  }

  /** Sequence numbers and timers of a new connection (RFC 9293 §3.4.1). */
  initSend(c: TcpConnection): void {
    const now = this.stack.nowMs;
    c.iss = initialSequence(this.opts.isnSecret, now, c.localAddr, c.localPort, c.remoteAddr, c.remotePort);
    c.sndUna = c.iss;
    c.sndNxt = c.iss;
    c.sndMax = c.iss;
    c.sndBase = seqAdd(c.iss, 1);
    c.cc.recover = c.iss; // RFC 6582 §3.2 step 1
    c.rcvMss = this.stack.mtu - 40; // RFC 9293 §3.7.1: MTU minus fixed IP and TCP headers
    c.lastRecvMs = now;
    c.lastSendMs = now;
  }

  // ------------------------------------------------------ state changes

  /** Lowers the time the timers must next run. */
  noteDeadline(t: number): void {
    if (this.deadline < 0 || t < this.deadline) this.deadline = t;
    this.stack.wantTimerLocked(t);
  }

  /** The handshake completed: to the listener's accept queue, or wake the connecting thread. */
  established(c: TcpConnection): void {
    const l = c.listener;
    if (l !== null) {
      c.acceptNext = null;
      const tail = l.queueTail;
      if (tail === null) l.queueHead = c;
      else tail.acceptNext = c;
      l.queueTail = c;
      l.queued++;
      l.wq.wakeAll();
    }
    c.lastRecvMs = this.stack.nowMs;
    if (c.keepalive) this.armKeepalive(c);
    this.wake(c);
  }

  /**
   * Wakes the threads blocked on c's handle: once per burst, not per
   * segment — nobody blocked, or all woken and not yet back (wakePending),
   * leaves nothing to do and the scheduler's lock untouched.
   */
  wake(c: TcpConnection): void {
    const h = c.handle;
    if (h !== null && h.sleepers > 0 && !h.wakePending) {
      h.wakePending = true;
      h.wq.wakeAll();
    }
  }

  /**
   * The connection ends (RST, timeout, TIME-WAIT over, LAST-ACK acked):
   * CLOSED, out of the table; destroyed unless a handle or an accept queue
   * still refers to it. `err` (positive NetError) is what the user sees.
   */
  drop(c: TcpConnection, err: number): void {
    if (err > 0 && c.error === 0) c.error = err;
    c.state = TcpState.Closed;
    c.stopTimers();
    this.remove(c);
    const l = c.listener;
    if (l !== null && !this.inQueue(l, c)) {
      // embryonic: the listener forgets it (RFC 9293 §3.10.7.4: "return to LISTEN")
      l.pending--;
      c.listener = null;
    }
    if (c.handle === null && c.listener === null) {
      this.destroy(c);
      return;
    }
    this.wake(c);
  }

  /** RFC 9293 §3.10.5 ABORT: a RST in synchronized states and SYN-RECEIVED, then gone. */
  abort(c: TcpConnection, err: number): void {
    if (c.state !== TcpState.SynSent && c.state !== TcpState.Closed && c.state !== TcpState.TimeWait) sendReset(this, c);
    this.drop(c, err);
  }

  private inQueue(l: TcpListener, c: TcpConnection): boolean {
    let q = l.queueHead;
    while (q !== null) {
      if (q === c) return true;
      q = q.acceptNext;
    }
    return false;
  }

  /** TIME-WAIT for 2*MSL (RFC 9293 §3.6.1, §3.10.7.4). */
  enterTimeWait(c: TcpConnection): void {
    c.state = TcpState.TimeWait;
    c.rtoAt = -1;
    c.persistAt = -1;
    c.keepAt = -1;
    this.restartTimeWait(c);
  }

  restartTimeWait(c: TcpConnection): void {
    this.armFinal(c, 2 * this.opts.mslMs);
  }

  armFinal(c: TcpConnection, ms: number): void {
    c.finalAt = this.stack.nowMs + ms;
    this.noteDeadline(c.finalAt);
  }

  private armKeepalive(c: TcpConnection): void {
    c.keepAt = c.lastRecvMs + c.keepIdleMs;
    this.noteDeadline(c.keepAt);
  }

  /** RFC 5961 §3.2, §4: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, at most challengeAcksPerSecond (§7). */
  challengeAck(c: TcpConnection): void {
    const now = this.stack.nowMs;
    if (now - this.challengeWindowStart >= 1000) {
      this.challengeWindowStart = now;
      this.challengeSent = 0;
    }
    if (this.challengeSent >= this.opts.challengeAcksPerSecond) return;
    this.challengeSent++;
    this.stats.challengeAcks++;
    sendAck(this, c);
  }

  /** Whether ARP knows the next hop of `c` (else a connect that timed out reports EHOSTUNREACH). */
  nextHopResolved(c: TcpConnection): boolean {
    const now = this.stack.nowMs;
    if (this.stack.arp.lookup(c.remoteAddr, now) >= 0) return true;
    return this.stack.gateway !== 0 && this.stack.arp.lookup(this.stack.gateway, now) >= 0;
  }

  // ------------------------------------------------- IpProtocolHandler

  ipInput(stack: NetStack, ip: number, p: number, len: number): void {
    const src = ipv4Src(ip);
    const dst = ipv4Dst(ip);
    // The connection first (a read-only lookup), so that in-order data can be copied to
    // its reader in the pass that checksums it; nothing is committed before the check.
    let c: TcpConnection | null = null;
    let dataSum = -1;
    if (len >= TCP_HEADER) {
      c = this.lookup(tcpDstPort(p), src, tcpSrcPort(p));
      const hl = tcpHeaderLen(p);
      if (c !== null && hl >= TCP_HEADER && hl < len) dataSum = placeData(c, p, hl, len);
    }
    const r = tcpCheckSummed(p, len, src, dst, dataSum);
    if (r !== 0) {
      stack.stats.drop(r);
      return;
    }
    this.stats.segsIn++;
    const seg = this.seg;
    seg.parse(p, len, src, dst);
    seg.placed = dataSum >= 0;
    if (c !== null) {
      if (c.state === TcpState.SynSent) synSentInput(this, c, seg);
      else otherInput(this, c, seg);
      return;
    }
    const l = this.findListener(dst, seg.dstPort);
    if (l !== null && l.listening) {
      listenInput(this, l, seg);
      return;
    }
    // RFC 9293 §3.10.7.1: no connection: RST (unless it is one).
    stack.stats.drop(Drop.TcpNoSocket);
    sendResetFor(this, src, dst, seg.srcPort, seg.dstPort, seg.seq, seg.ack, seg.flags, seg.segLen());
  }

  /**
   * RFC 1122 §4.2.3.9 / RFC 5927 §4.1: an ICMP error quoting a segment we
   * sent (its sequence number within SND.UNA..SND.MAX). Port and protocol
   * unreachable while connecting refuse the connection (hard errors);
   * everything else is a soft error, reported if the connection times out.
   */
  icmpError(stack: NetStack, type: number, code: number, reporter: u32, quoted: number, quotedLen: number): void {
    const hl = ipv4HeaderLen(quoted);
    if (quotedLen < hl + 8) return;
    const t = quoted + hl;
    const c = this.lookup(be16(t), ipv4Dst(quoted), be16(t + 2));
    if (c === null || ipv4Src(quoted) !== c.localAddr || reporter === 0) return;
    const seq = be32(t + 4);
    if (!(seqGe(seq, c.sndUna) && seqLe(seq, c.sndMax))) return;
    const hard = type === IcmpType.DestUnreachable && (code === UnreachCode.Port || code === UnreachCode.Protocol);
    if (hard && c.state === TcpState.SynSent) {
      this.drop(c, NetError.ECONNREFUSED);
      return;
    }
    c.softError = icmpErrno(type, code);
  }

  // ------------------------------------------------------------ timers

  tick(stack: NetStack, now: number): number {
    if (this.deadline < 0 || now < this.deadline) return this.deadline;
    let next = -1;
    for (let i = 0; i < this.table.length; i++) {
      const c = this.table.get(i);
      if (c === null) continue;
      const d = c.nextDeadline();
      if (d >= 0 && now >= d) {
        connectionTimers(this, c, now);
        if (this.table.get(i) !== c) continue; // gone
      }
      const e = c.nextDeadline();
      if (e >= 0 && (next < 0 || e < next)) next = e;
    }
    this.deadline = next;
    return next;
  }

  // ------------------------------------------------------------- ports

  private findListener(addr: number, port: number): TcpListener | null {
    let any: TcpListener | null = null;
    for (let i = 0; i < this.listeners.length; i++) {
      const l = this.listeners.get(i);
      if (l === null || l.localPort !== port) continue;
      if (l.localAddr === 0) any = l;
      else if (l.localAddr === addr) return l;
    }
    return any;
  }

  private portUsedByConnection(port: number): boolean {
    for (let i = 0; i < this.table.length; i++) {
      const c = this.table.get(i);
      if (c !== null && c.localPort === port) return true;
    }
    return false;
  }

  private portUsedByListener(port: number): boolean {
    for (let i = 0; i < this.listeners.length; i++) {
      const l = this.listeners.get(i);
      if (l !== null && l.localPort === port) return true;
    }
    return false;
  }

  /** An ephemeral port no listener has and that makes a new (port, raddr, rport) (RFC 6056 §3.3.1 style, sequential), or -1. */
  private ephemeralPort(raddr: number, rport: number): number {
    const n = this.opts.ephemeralHigh - this.opts.ephemeralLow + 1;
    for (let k = 0; k < n; k++) {
      const p = this.nextEphemeral;
      this.nextEphemeral = p >= this.opts.ephemeralHigh ? this.opts.ephemeralLow : p + 1;
      if (this.portUsedByListener(p)) continue;
      if (raddr === 0 ? this.portUsedByConnection(p) : this.lookup(p, raddr, rport) !== null) continue;
      return p;
    }
    return -1;
  }

  // ----------------------------------------------------------- sockets

  /** A new listener (bind and listen next). */
  listener(): TcpListener {
    return new TcpListener(this, this.opts.sendBuffer, this.opts.receiveBuffer);
  }

  /** A new, unconnected stream (connect next). */
  stream(): TcpStream {
    return new TcpStream(this);
  }

  listenerBind(l: TcpListener, addr: IpAddress, port: number): number {
    if (port < 0 || port > 0xffff || (!addr.isUnspecified() && !addr.isV4())) return -NetError.EINVAL;
    const stack = this.stack;
    stack.lock.lock();
    let r = 0;
    if (l.closed) r = -NetError.EBADF;
    else if (l.slot >= 0) r = -NetError.EINVAL;
    else if (!addr.isUnspecified() && addr.v4() !== stack.addr) r = -NetError.EADDRNOTAVAIL;
    else {
      let p = port;
      if (p === 0) p = this.ephemeralPort(0, 0);
      if (p < 0) r = -NetError.EADDRINUSE;
      // One listener per port; a port connections use only with reuseAddr (BSD/Linux SO_REUSEADDR).
      else if (this.portUsedByListener(p) || (!l.reuseAddr && this.portUsedByConnection(p))) r = -NetError.EADDRINUSE;
      else {
        r = -NetError.ENOBUFS;
        for (let i = 0; i < this.listeners.length; i++) {
          if (this.listeners.get(i) === null) {
            this.listeners.set(i, l);
            l.slot = i;
            l.localPort = p;
            l.localAddr = addr.isUnspecified() ? u32(0) : addr.v4();
            r = p;
            break;
          }
        }
      }
    }
    stack.lock.unlock();
    return r;
  }

  listenerListen(l: TcpListener, backlog: number): number {
    this.stack.lock.lock();
    let r = 0;
    if (l.closed) r = -NetError.EBADF;
    else if (l.slot < 0 || backlog < 1) r = -NetError.EINVAL;
    else {
      l.backlog = backlog > this.opts.maxConnections ? this.opts.maxConnections : backlog;
      l.listening = true;
    }
    this.stack.lock.unlock();
    return r;
  }

  listenerAccept(l: TcpListener): TcpStream | null {
    const stack = this.stack;
    stack.lock.lock();
    const start = l.timeoutMs > 0 ? nowNs() : 0;
    for (;;) {
      if (l.closed) {
        if (!l.freed && l.wq.length() === 0) this.freeListenerLocked(l);
        return this.acceptFail(l, -NetError.EBADF);
      }
      const c = l.queueHead;
      if (c !== null) {
        l.queueHead = c.acceptNext;
        if (l.queueHead === null) l.queueTail = null;
        c.acceptNext = null;
        l.queued--;
        l.pending--;
        c.listener = null;
        const s = new TcpStream(this);
        s.conn = c;
        s.nodelay = c.nodelay;
        c.handle = s;
        l.lastError = 0;
        stack.lock.unlock();
        return s;
      }
      if (!l.listening) return this.acceptFail(l, -NetError.EINVAL);
      if (l.timeoutMs === 0) return this.acceptFail(l, -NetError.EAGAIN);
      const left = waitLeftNs(l.timeoutMs, start);
      if (left === 0) return this.acceptFail(l, -NetError.ETIMEDOUT);
      this.stack.sleepOn(l.wq, left);
    }
  }

  private acceptFail(l: TcpListener, e: number): TcpStream | null {
    l.lastError = e;
    this.stack.lock.unlock();
    return null;
  }

  /**
   * The stack's sleepOn on a stream's queue, counted in `sleepers` while the stack's
   * lock is still held, so wake() (under the same lock) can skip the
   * scheduler lock when nobody sleeps and still never miss one going to sleep.
   */
  private sleepStreamLocked(s: TcpStream, leftNs: number): void {
    s.sleepers++;
    s.wakePending = false; // a new sleeper must be woken by the next event even if others were woken before
    this.stack.sleepOn(s.wq, leftNs);
    s.sleepers--;
  }

  listenerClose(l: TcpListener): void {
    this.stack.lock.lock();
    if (!l.closed) {
      l.closed = true;
      l.listening = false;
      if (l.slot >= 0) this.listeners.set(l.slot, null);
      l.slot = -1;
      // Not accepted yet: reset them (RFC 9293 §3.10.5 ABORT).
      let q = l.queueHead;
      l.queueHead = null;
      l.queueTail = null;
      while (q !== null) {
        const n = q.acceptNext;
        q.acceptNext = null;
        q.listener = null;
        if (q.slot >= 0) this.abort(q, 0);
        else this.destroy(q);
        q = n;
      }
      for (let i = 0; i < this.table.length; i++) {
        const c = this.table.get(i);
        if (c !== null && c.listener === l) {
          c.listener = null;
          this.abort(c, 0);
        }
      }
      l.pending = 0;
      l.queued = 0;
      l.wq.wakeAll();
      if (l.wq.length() === 0 && !l.freed) this.freeListenerLocked(l);
    }
    this.stack.lock.unlock();
  }

  private freeListenerLocked(l: TcpListener): void {
    l.freed = true;
    release(l.wq);
  }

  streamBind(s: TcpStream, addr: IpAddress, port: number): number {
    if (port < 0 || port > 0xffff || (!addr.isUnspecified() && !addr.isV4())) return -NetError.EINVAL;
    this.stack.lock.lock();
    let r = port;
    if (s.closed) r = -NetError.EBADF;
    else if (s.conn !== null || s.bindPort !== 0) r = -NetError.EINVAL;
    else if (!addr.isUnspecified() && addr.v4() !== this.stack.addr) r = -NetError.EADDRNOTAVAIL;
    else if (port !== 0 && this.portUsedByListener(port)) r = -NetError.EADDRINUSE;
    else if (port !== 0) s.bindPort = port;
    this.stack.lock.unlock();
    return r;
  }

  streamConnect(s: TcpStream, to: Endpoint, timeoutMs: number): number {
    if (!to.addr.isV4() || to.port <= 0 || to.port > 0xffff) return -NetError.EINVAL;
    const stack = this.stack;
    stack.lock.lock();
    const now = stack.clockLocked();
    let r = 0;
    if (s.closed) r = -NetError.EBADF;
    else if (s.conn !== null) r = s.conn.state === TcpState.SynSent ? -NetError.EINPROGRESS : -NetError.EISCONN;
    else if (stack.addr === 0) r = -NetError.ENETUNREACH;
    if (r !== 0) {
      stack.lock.unlock();
      return r;
    }
    const raddr = to.addr.v4();
    let port = s.bindPort;
    if (port === 0) port = this.ephemeralPort(raddr, to.port);
    if (port < 0 || this.lookup(port, raddr, to.port) !== null) {
      stack.lock.unlock();
      return -NetError.EADDRINUSE;
    }
    const c = this.newConnection(this.opts.sendBuffer, this.opts.receiveBuffer);
    if (c === null) {
      stack.stats.drop(Drop.TcpNoConnection);
      stack.lock.unlock();
      return -NetError.ENOBUFS;
    }
    c.localAddr = stack.addr;
    c.localPort = port;
    c.remoteAddr = raddr;
    c.remotePort = to.port;
    c.nodelay = s.nodelay;
    c.offerWs = true;
    this.initSend(c);
    c.state = TcpState.SynSent;
    c.handle = s;
    s.conn = c;
    this.insert(c);
    this.stats.activeOpens++;
    // <SEQ=ISS><CTL=SYN> (RFC 9293 §3.10.1), timed for the first RTT sample.
    const sr = sendSyn(this, c);
    if (sr < 0 && sr !== -NetError.ENOBUFS) {
      s.conn = null;
      c.handle = null;
      this.drop(c, 0);
      stack.lock.unlock();
      return sr;
    }
    c.sndNxt = seqAdd(c.iss, 1);
    c.sndMax = c.sndNxt;
    c.timing = true;
    c.rttSeq = c.sndNxt;
    c.rttStartMs = now;
    armRto(this, c);
    return this.finishConnectLocked(s, timeoutMs);
  }

  streamFinishConnect(s: TcpStream, timeoutMs: number): number {
    this.stack.lock.lock();
    return this.finishConnectLocked(s, timeoutMs);
  }

  /** Waits for the handshake of `s` (lock held; released on return). */
  private finishConnectLocked(s: TcpStream, timeoutMs: number): number {
    const stack = this.stack;
    const start = timeoutMs > 0 ? nowNs() : 0;
    for (;;) {
      const c = s.conn;
      let r = 1;
      if (s.closed) r = -NetError.EBADF;
      else if (c === null) r = -NetError.ENOTCONN;
      else if (isSynchronized(c.state)) r = 0;
      else if (c.state === TcpState.Closed) r = c.error !== 0 ? -c.error : -NetError.ECONNREFUSED;
      else if (timeoutMs === 0) r = -NetError.EINPROGRESS;
      else {
        const left = waitLeftNs(timeoutMs, start);
        if (left === 0) {
          this.abort(c, NetError.ETIMEDOUT);
          r = -NetError.ETIMEDOUT;
        } else this.sleepStreamLocked(s, left);
      }
      if (r <= 0) {
        this.afterWaitLocked(s);
        stack.lock.unlock();
        return r;
      }
    }
  }

  /** A thread leaving a wait on a closed handle frees its queue if it was the last (as udpRecvFrom). */
  private afterWaitLocked(s: TcpStream): void {
    if (s.closed && !s.freed && s.wq.length() === 0) {
      s.freed = true;
      release(s.wq);
    }
  }

  streamRead(s: TcpStream, buf: number, cap: number): number {
    if (cap < 0) return -NetError.EINVAL;
    const stack = this.stack;
    stack.lock.lock();
    stack.clockLocked();
    const start = s.readTimeoutMs > 0 ? nowNs() : 0;
    let r = 0;
    for (;;) {
      const c = s.conn;
      if (s.closed) r = -NetError.EBADF;
      else if (c === null) r = -NetError.ENOTCONN;
      else if (c.rcv.used > 0) {
        r = c.rcv.read(buf, cap);
        this.windowUpdate(c);
      } else if (c.finReceived || cap === 0) r = 0;
      else if (c.error !== 0) r = -c.error;
      else if (c.state === TcpState.Closed) r = -NetError.ENOTCONN;
      else if (s.readTimeoutMs === 0) r = -NetError.EAGAIN;
      else {
        const left = waitLeftNs(s.readTimeoutMs, start);
        if (left === 0) r = -NetError.ETIMEDOUT;
        else {
          // Lend the buffer: in-order data arriving meanwhile is copied straight into it (one copy).
          const direct = c.directBuf === 0 && cap > 0;
          if (direct) {
            c.directBuf = buf;
            c.directCap = cap;
            c.directLen = 0;
          }
          this.sleepStreamLocked(s, left);
          if (!direct || s.conn !== c) continue; // closed meanwhile: close took the buffer back
          const got = c.directLen;
          c.directBuf = 0;
          c.directCap = 0;
          c.directLen = 0;
          if (got === 0) continue;
          r = got;
        }
      }
      this.afterWaitLocked(s);
      stack.lock.unlock();
      return r;
    }
  }

  /**
   * After the reader made room: a window update when the right edge can
   * move by at least min(buffer/2, MSS) (RFC 9293 §3.8.6.2.2), which is
   * also what ends a zero window at the sender.
   */
  private windowUpdate(c: TcpConnection): void {
    if (c.slot < 0 || !isSynchronized(c.state) || c.finReceived) return;
    const cur = seqDiff(c.rcvAdv, c.rcvNxt);
    const half = c.rcv.size >>> 1;
    const step = half < c.rcvMss ? half : c.rcvMss;
    if (c.rcv.free() - (cur < 0 ? 0 : cur) >= step) sendAck(this, c);
  }

  streamWrite(s: TcpStream, buf: number, len: number): number {
    if (len < 0) return -NetError.EINVAL;
    const stack = this.stack;
    stack.lock.lock();
    stack.clockLocked();
    const start = s.writeTimeoutMs > 0 ? nowNs() : 0;
    let done = 0;
    let r = 0;
    for (;;) {
      const c = s.conn;
      if (s.closed) r = -NetError.EBADF;
      else if (c === null) r = -NetError.ENOTCONN;
      else if (c.error !== 0) r = -c.error;
      else if (c.state === TcpState.SynSent || c.state === TcpState.SynReceived) r = 1; // wait for the handshake
      else if (c.finQueued || !canSendData(c.state)) r = -NetError.EPIPE;
      else {
        const n = c.snd.write(buf + done, len - done);
        done += n;
        if (n > 0) tcpOutput(this, c);
        r = done === len ? 0 : 1;
      }
      if (r === 1) {
        // room or the handshake is needed: wait, unless the time is up
        let left = 0;
        if (s.writeTimeoutMs === 0) r = -NetError.EAGAIN;
        else {
          left = waitLeftNs(s.writeTimeoutMs, start);
          if (left === 0) r = -NetError.ETIMEDOUT;
        }
        if (r === 1) {
          this.sleepStreamLocked(s, left);
          continue;
        }
      }
      this.afterWaitLocked(s);
      stack.lock.unlock();
      if (done > 0) return done;
      return r;
    }
  }

  streamShutdown(s: TcpStream): number {
    this.stack.lock.lock();
    this.stack.clockLocked();
    const c = s.conn;
    let r = 0;
    if (s.closed) r = -NetError.EBADF;
    else if (c === null || !isSynchronized(c.state) || c.state === TcpState.Closed) r = -NetError.ENOTCONN;
    else this.shutdownLocked(c);
    this.stack.lock.unlock();
    return r;
  }

  /** Queues our FIN after the data (RFC 9293 §3.10.4 CLOSE): ESTABLISHED -> FIN-WAIT-1, CLOSE-WAIT -> LAST-ACK. */
  private shutdownLocked(c: TcpConnection): void {
    if (c.finQueued) return;
    if (c.state === TcpState.Established) c.state = TcpState.FinWait1;
    else if (c.state === TcpState.CloseWait) c.state = TcpState.LastAck;
    else return;
    c.finQueued = true;
    c.finSeq = seqAdd(c.sndBase, c.snd.used);
    tcpOutput(this, c);
  }

  streamClose(s: TcpStream): void {
    this.stack.lock.lock();
    this.stack.clockLocked();
    if (!s.closed) {
      s.closed = true;
      const c = s.conn;
      s.conn = null;
      if (c !== null) {
        c.directBuf = 0; // a reader blocked in read gets its buffer back
        c.directCap = 0;
        c.handle = null;
        c.orphan = true;
        c.readClosed = true;
        if (c.slot < 0) this.destroy(c);
        else if (c.state === TcpState.SynSent) this.drop(c, 0);
        else if (c.rcv.used > 0 || c.ooo.count > 0 || c.state === TcpState.SynReceived) this.abort(c, 0); // RFC 2525 §2.17: unread data -> RST
        else {
          this.shutdownLocked(c);
          if (c.state === TcpState.FinWait2) this.armFinal(c, this.opts.finWait2Ms);
        }
      }
      s.wq.wakeAll();
      this.afterWaitLocked(s);
    }
    this.stack.lock.unlock();
  }

  streamAvailable(s: TcpStream): number {
    this.stack.lock.lock();
    const c = s.conn;
    const n = c === null ? 0 : c.rcv.used;
    this.stack.lock.unlock();
    return n;
  }

  streamState(s: TcpStream): number {
    this.stack.lock.lock();
    const c = s.conn;
    const st = c === null ? TcpState.Closed : c.state;
    this.stack.lock.unlock();
    return st;
  }

  streamSetNoDelay(s: TcpStream, on: boolean): void {
    this.stack.lock.lock();
    s.nodelay = on;
    const c = s.conn;
    if (c !== null) {
      c.nodelay = on;
      if (on && c.slot >= 0) tcpOutput(this, c); // what Nagle held back goes now
    }
    this.stack.lock.unlock();
  }

  streamSetKeepalive(s: TcpStream, on: boolean, idleMs: number, intervalMs: number, count: number): number {
    if (on && (idleMs < 1 || intervalMs < 1 || count < 1)) return -NetError.EINVAL;
    this.stack.lock.lock();
    const c = s.conn;
    let r = 0;
    if (c === null) r = -NetError.ENOTCONN;
    else {
      c.keepalive = on;
      if (on) {
        c.keepIdleMs = idleMs;
        c.keepIntervalMs = intervalMs;
        c.keepCount = count;
        if (c.slot >= 0 && isSynchronized(c.state)) this.armKeepalive(c);
      } else c.keepAt = -1;
    }
    this.stack.lock.unlock();
    return r;
  }

  /** A connection's state for tests and tools (by local and remote port; -1 when none). */
  stateOf(lport: number, raddr: number, rport: number): number {
    this.stack.lock.lock();
    const c = this.lookup(lport, raddr, rport);
    const st = c === null ? -1 : c.state;
    this.stack.lock.unlock();
    return st;
  }

  /**
   * Copies listeners, then connections, into rows[first..] (as many as
   * fit); returns how many there are in all, so a caller sees what it left out.
   */
  listSockets(rows: FixedArray<SocketRow>, first: number): number {
    this.stack.lock.lock();
    let n = 0;
    for (let i = 0; i < this.listeners.length; i++) {
      const l = this.listeners.get(i);
      if (l === null || !l.listening) continue;
      if (first + n < rows.length) rows.get(first + n).set(SocketProto.Tcp, TcpState.Listen, l.localAddr, l.localPort, u32(0), 0, 0, l.queued);
      n++;
    }
    for (let i = 0; i < this.table.length; i++) {
      const c = this.table.get(i);
      if (c === null) continue;
      if (first + n < rows.length) rows.get(first + n).set(SocketProto.Tcp, c.state, c.localAddr, c.localPort, c.remoteAddr, c.remotePort, c.rcv.used, c.snd.used);
      n++;
    }
    this.stack.lock.unlock();
    return n;
  }

  /** Unregisters from the stack and frees what no handle holds (handles must be closed first). */
  [Symbol.dispose](): void {
    this.stack.lock.lock();
    this.stack.setTcpHandler(null);
    this.stack.removeTimerHook(this);
    for (let i = 0; i < this.table.length; i++) {
      const c = this.table.get(i);
      if (c === null) continue;
      this.remove(c);
      if (c.handle === null && c.listener === null) this.destroy(c);
    }
    this.stack.lock.unlock();
    release(this.table);
    release(this.buckets);
    release(this.listeners);
    release(this.seg.opts);
    release(this.seg);
    release(this.stats);
  }
}

