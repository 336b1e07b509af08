/**
 * NetStack: one network interface and everything above it — Ethernet, ARP,
 * IPv4 with reassembly, ICMP, UDP sockets, and the seams for TCP and DHCP.
 *
 * Threading. All state is guarded by one Mutex (`lock`). The stack is
 * advanced by `poll(nowMs)`: it takes the device's received frames (each
 * parsed where it lies, then recycled or reused), runs the timers (ARP
 * retries and expiry, reassembly timeouts, DHCP), and returns. In the
 * kernel one network thread per interface calls poll in a loop
 * (net-thread.ts), sleeping until the device's interrupt or the next timer;
 * under Node the tests call poll themselves with a simulated clock. Socket
 * calls run on the caller's thread (any core): they take the same lock,
 * transmit directly (the device copes with any thread), and a blocking
 * receive sleeps on the socket's wait queue until poll delivers to it.
 *
 * Nothing here allocates per packet: buffers come from the PacketPool, ARP
 * entries, reassembly slots and socket rings are made at construction or
 * when a socket is made.
 *
 * Rules, with the RFC they come from, are commented where they are applied.
 */
import { FixedArray, load8, memcpy, memset, release, store8, u32 } from '@unishyper/rt';
import { schedLock, schedUnlock, WaitQueue } from '@unishyper/sched';
import { Mutex } from '@unishyper/sync';
import { nowMs, nowNs } from '@unishyper/hal-aarch64';
import { IpAddress, MAC_BROADCAST, macIsMulticast, prefixMask } from './addr';
import { ArpCache } from './arp-cache';
import { NetError } from './errors';
import { NetDevice, NetNotify } from './net-device';
import { HEADROOM, PACKET_SIZE, PacketBuf, PacketPool, PacketQueue } from './packet';
import { Reassembler } from './reassembly';
import { Drop, NetStats } from './stats';
import { SocketProto, SocketRow } from './socket-row';
import { Endpoint, UdpSocket, waitLeftNs } from './udp-socket';
import { ARP_LEN, ArpOp, arpCheck, arpOp, arpSha, arpSpa, arpTpa, arpWrite } from './wire/arp';
import { ETH_HEADER, ETH_MIN_FRAME, EtherType, ethCheck, ethDst, ethType, ethWrite } from './wire/ethernet';
import {
  ICMP_HEADER, IcmpType, UnreachCode, icmpCheck, icmpCode, icmpFillChecksum, icmpIdent, icmpIsError, icmpSeq, icmpType, icmpWrite,
} from './wire/icmp';
import {
  IPV4_BROADCAST, IPV4_MIN_HEADER, IpProtocol, ipv4Check, ipv4Dst, ipv4FragOffset, ipv4HeaderLen, ipv4IsMulticastOrReserved,
  ipv4MoreFragments, ipv4Protocol, ipv4Src, ipv4TotalLen, ipv4Ttl, ipv4Write,
} from './wire/ipv4';
import { UDP_HEADER, udpCheck, udpDstPort, udpSrcPort, udpWrite } from './wire/udp';
import { be16 } from './wire/bytes';

/** Protocol timer slots (DHCP, TCP, and room for two more). */
const TIMER_HOOKS = 4;

/** Sizes of everything the stack makes up front. */
export class NetOptions {
  buffers = 64;
  bufferSize = PACKET_SIZE;
  arpEntries = 16;
  arpQueue = 4;
  fragSlots = 4;
  fragSlotBytes = 8192;
  fragMaxFragments = 16;
  maxSockets = 16;
  /** Frames taken from the device per poll before the timers run. */
  rxBudget = 64;
  /** ICMP error messages sent per second at most (RFC 1122 §3.2.2 SHOULD limit). */
  icmpErrorsPerSecond = 100;
  echoQueue = 8;
  /** Frames held, in order, while the device's transmit queue is full; beyond this many they are dropped (tx-queue-full). */
  txBacklog = 64;
}

/**
 * A transport protocol above IPv4 (TCP plugs in here): the stack hands it
 * every checked, reassembled datagram of its protocol, and the ICMP errors
 * that quote one. Both run under the stack's lock, from poll.
 */
export interface IpProtocolHandler {
  /** `ip` is the IPv4 header (checked), `seg` the payload of `segLen` bytes. */
  ipInput(stack: NetStack, ip: number, seg: number, segLen: number): void;
  /** An ICMP error `type`/`code` from `reporter` about a datagram we sent; `quoted` is its IPv4 header, with `quotedLen` bytes. */
  icmpError(stack: NetStack, type: number, code: number, reporter: u32, quoted: number, quotedLen: number): void;
}

/** Told about UDP datagrams to one port before the socket table (the DHCP client on port 68). */
export interface UdpHook {
  udpInput(stack: NetStack, src: u32, srcPort: number, dst: u32, payload: number, len: number): void;
}

/** A protocol's timers run by poll under the stack's lock (the DHCP client); returns the next time it needs, or -1. */
export interface StackTimer {
  tick(stack: NetStack, nowMs: number): number;
}

/** An echo reply or an ICMP error about an echo we sent, for ping. */
export class EchoResult {
  /** 0 for a reply, else the ICMP error type (3, 11, ...). */
  type = 0;
  code = 0;
  from: u32 = u32(0);
  ident = 0;
  seq = 0;
  /** Echo data bytes. */
  len = 0;
  ttl = 0;
}

export class NetStack {
  readonly dev: NetDevice;
  readonly pool: PacketPool;
  readonly stats: NetStats = new NetStats();
  readonly lock: Mutex;
  readonly mac: number;
  readonly mtu: number;
  readonly arp: ArpCache;
  readonly frag: Reassembler;
  private readonly sockets: FixedArray<UdpSocket | null>;
  private readonly echoes: FixedArray<EchoResult>;
  private echoHead = 0;
  private echoCount = 0;
  /** Threads in waitEcho (ping), woken when an echo result is queued. */
  private readonly echoWait: WaitQueue = new WaitQueue();
  private readonly opts: NetOptions;
  /** Frames waiting for room in the device's transmit queue (sent first, in order, when it has room). */
  private readonly txWaiting: PacketQueue;

  /** Configuration (IPv4 values; 0 = none). */
  addr: u32 = u32(0);
  mask: u32 = u32(0);
  gateway: u32 = u32(0);
  dns: u32 = u32(0);
  defaultTtl = 64;

  nowMs = 0;
  private ident = 1;
  private nextEphemeral = 49152;
  private icmpWindowStart = 0;
  private icmpSentInWindow = 0;
  private tcp: IpProtocolHandler | null = null;
  private udpHookPort = -1;
  private udpHook: UdpHook | null = null;
  /** Protocol timers run by poll: slot 0 is `setTimerHook`'s (DHCP), the rest `addTimerHook`'s (TCP). */
  private readonly timerHooks: FixedArray<StackTimer | null> = new FixedArray<StackTimer | null>(TIMER_HOOKS, null);
  /** True when a thread polls with the real clock (NetThread): socket calls then read the clock themselves. */
  realClock = false;
  /** The earliest time a timer needs poll (-1: none). */
  nextTimerMs = -1;
  /** knownNextHopMac's last answer (dst -1: none), forgotten when ARP or the configuration may have changed it. */
  private hopMemoDst = -1;
  private hopMemoMs = -1;
  private hopMemoMac = -1;

  constructor(dev: NetDevice, opts: NetOptions) {
    this.dev = dev;
    this.opts = opts;
    this.pool = new PacketPool(opts.buffers, opts.bufferSize, HEADROOM);
    this.lock = new Mutex('net stack');
    this.mac = dev.macAddress();
    this.mtu = dev.mtu();
    this.arp = new ArpCache(opts.arpEntries, opts.arpQueue);
    this.txWaiting = new PacketQueue(opts.txBacklog);
    this.frag = new Reassembler(opts.fragSlots, opts.fragSlotBytes, opts.fragMaxFragments);
    this.sockets = new FixedArray<UdpSocket | null>(opts.maxSockets, null);
    this.echoes = new FixedArray<EchoResult>(opts.echoQueue, new EchoResult());
    for (let i = 1; i < opts.echoQueue; i++) this.echoes.set(i, new EchoResult());
  }

  /** Attaches the device, which the stack then polls (tests, or a thread calling poll). 0 or a negative NetError. */
  start(): number {
    return this.startWith(null);
  }

  /** Attaches the device with whom it tells about events (a NetThread). 0 or a negative NetError. */
  startWith(notify: NetNotify | null): number {
    if (this.dev.txHeadroom() > HEADROOM - 64) return -NetError.EINVAL;
    return this.dev.attach(this.pool, notify);
  }

  // ---------------------------------------------------------------- config

  /** Sets address/prefix/gateway (IPv4 values). */
  setStatic(addr: number, prefix: number, gateway: number): void {
    this.lock.lock();
    this.configureLocked(addr, prefix, gateway);
    this.lock.unlock();
  }

  configureLocked(addr: number, prefix: number, gateway: number): void {
    this.hopMemoDst = -1;
    this.addr = u32(addr);
    this.mask = prefixMask(prefix);
    this.gateway = u32(gateway);
  }

  configured(): boolean {
    return this.addr !== 0;
  }

  /** The subnet's directed broadcast address. */
  subnetBroadcast(): u32 {
    return u32((this.addr & this.mask) | ~this.mask);
  }

  private onLink(a: number): boolean {
    return ((a ^ this.addr) & this.mask) === 0;
  }

  /** Registers the TCP implementation (or any protocol number's handler; one for now: TCP). */
  setTcpHandler(h: IpProtocolHandler | null): void {
    this.tcp = h;
  }

  /** Runs `t` with the stack's timers in the slot reserved for it (the DHCP client). */
  setTimerHook(t: StackTimer | null): void {
    this.timerHooks.set(0, t);
  }

  /** Runs `t` with the stack's timers too (TCP); false when all slots are taken. */
  addTimerHook(t: StackTimer): boolean {
    for (let i = 1; i < this.timerHooks.length; i++) {
      if (this.timerHooks.get(i) === null) {
        this.timerHooks.set(i, t);
        return true;
      }
    }
    return false;
  }

  /** Stops running `t` (added with addTimerHook). */
  removeTimerHook(t: StackTimer): void {
    for (let i = 1; i < this.timerHooks.length; i++) if (this.timerHooks.get(i) === t) this.timerHooks.set(i, null);
  }

  /** Lowers the next time poll must run to `t` (a timer armed outside poll). */
  wantTimerLocked(t: number): void {
    if (this.nextTimerMs < 0 || t < this.nextTimerMs) this.nextTimerMs = t;
  }

  /** The current time in ms for protocol timers: poll's clock, advanced from the real one when a NetThread drives the stack. */
  clockLocked(): number {
    if (this.realClock) {
      const t = nowMs();
      if (t > this.nowMs) this.nowMs = t;
    }
    return this.nowMs;
  }

  /** Sends UDP datagrams to `port` to `hook` instead of the socket table (the DHCP client). */
  setUdpHook(port: number, hook: UdpHook | null): void {
    this.udpHookPort = hook === null ? -1 : port;
    this.udpHook = hook;
  }

  // ------------------------------------------------------------------ poll

  /** The most frames one poll takes from the device (NetOptions.rxBudget): a poll that took this many may have left some. */
  rxBudget(): number {
    return this.opts.rxBudget;
  }

  /** Processes received frames and timers at time `nowMs`; returns the frames processed. */
  poll(nowMs: number): number {
    this.lock.lock();
    const n = this.pollLocked(nowMs);
    this.lock.unlock();
    return n;
  }

  pollLocked(nowMs: number): number {
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    this.dev.reap();
    if (!this.txWaiting.isEmpty()) this.sendWaiting();
    let n = 0;
    while (n < this.opts.rxBudget) {
      const b = this.dev.receive();
      if (b === null) break;
      n++;
      if (!this.inputFrame(b)) this.dev.receiveDone(b);
    }
    this.timersLocked();
    return n;
  }

  private timersLocked(): void {
    const now = this.nowMs;
    this.hopMemoDst = -1; // ARP entries may expire below
    let next = this.arp.tick(now, this.pool, this.stats, (ip: number) => this.sendArpRequest(ip));
    const f = this.frag.tick(now, this.stats);
    if (f >= 0 && (next < 0 || f < next)) next = f;
    for (let i = 0; i < this.timerHooks.length; i++) {
      const t = this.timerHooks.get(i);
      if (t === null) continue;
      const d = t.tick(this, now);
      if (d >= 0 && (next < 0 || d < next)) next = d;
    }
    this.nextTimerMs = next;
  }

  // ----------------------------------------------------------------- input

  /** One received frame; true when the buffer was kept (transmitted or queued), false when the caller frees it. */
  private inputFrame(b: PacketBuf): boolean {
    this.stats.rxFrames++;
    const f = b.data();
    const len = b.len;
    const r = ethCheck(f, len);
    if (r !== 0) return this.dropped(r);
    const dst = ethDst(f);
    const bcast = dst === MAC_BROADCAST;
    if (dst !== this.mac && !bcast) return this.dropped(Drop.EthNotForUs);
    const type = ethType(f);
    if (type === EtherType.Arp) return this.arpInput(b, f + ETH_HEADER, len - ETH_HEADER);
    if (type === EtherType.Ipv4) return this.ipInput(b, f + ETH_HEADER, len - ETH_HEADER, bcast);
    return this.dropped(Drop.EthUnknownType);
  }

  private dropped(reason: number): boolean {
    this.stats.drop(reason);
    return false;
  }

  /** RFC 826 "Packet Reception", RFC 5227 §2.1.1 / §2.4 for probes and conflicts. */
  private arpInput(b: PacketBuf, p: number, len: number): boolean {
    this.hopMemoDst = -1; // the cache may change below
    const r = arpCheck(p, len);
    if (r !== 0) return this.dropped(r);
    const sha = arpSha(p);
    const spa = arpSpa(p);
    const tpa = arpTpa(p);
    // A sender hardware address must be a station's (unicast) address.
    if (macIsMulticast(sha) || sha === 0) return this.dropped(Drop.ArpBadSender);
    if (this.addr !== 0 && spa === this.addr) {
      // Someone else claims our address (RFC 5227 §2.4): never let it into the cache.
      if (sha !== this.mac) return this.dropped(Drop.ArpConflict);
      return false;
    }
    if (spa === IPV4_BROADCAST || ipv4IsMulticastOrReserved(spa)) return this.dropped(Drop.ArpBadSender);
    const forUs = this.addr !== 0 && tpa === this.addr;
    // spa 0.0.0.0 is a probe (RFC 5227 §2.1.1): no cache update.
    if (spa !== 0) {
      // merge_flag: update an existing entry; add one only when we are the target. A gratuitous
      // ARP (spa = tpa, RFC 5227 §3) therefore refreshes existing entries only.
      const e = this.arp.update(spa, sha, forUs, this.nowMs, this.pool, this.stats);
      if (e !== null) {
        let q = e.pending.pop();
        while (q !== null) {
          this.sendFrame(q, sha, EtherType.Ipv4);
          q = e.pending.pop();
        }
      }
    }
    if (!forUs) {
      if (spa === 0 || tpa !== spa) this.stats.drop(Drop.ArpNotForUs);
      return false;
    }
    if (arpOp(p) !== ArpOp.Request) return false;
    // "swap hardware and protocol fields, putting the local hardware and protocol addresses in the sender fields,
    //  set ar$op to ares_op$REPLY, send the packet to the new target hardware address" — in the same buffer.
    arpWrite(p, ArpOp.Reply, this.mac, this.addr, sha, spa);
    b.len = ETH_HEADER + ARP_LEN;
    b.consume(ETH_HEADER);
    this.stats.arpRepliesSent++;
    this.sendFrame(b, sha, EtherType.Arp);
    return true;
  }

  private ipInput(b: PacketBuf, p: number, len: number, linkBcast: boolean): boolean {
    const r = ipv4Check(p, len);
    if (r !== 0) return this.dropped(r);
    const src = ipv4Src(p);
    const dst = ipv4Dst(p);
    // RFC 1122 §3.2.1.3: a source that is broadcast or multicast is discarded silently.
    if (src === IPV4_BROADCAST || ipv4IsMulticastOrReserved(src) || (this.addr !== 0 && src === this.subnetBroadcast() && this.mask !== 0xffffffff)) {
      return this.dropped(Drop.IpBadSource);
    }
    const bcast = dst === IPV4_BROADCAST || (this.addr !== 0 && dst === this.subnetBroadcast());
    // RFC 1122 §3.2.1.3 / §3.3.6: ours, or a broadcast; before configuration (DHCP) anything, for UDP to the hook only.
    const unconfigured = this.addr === 0;
    if (!bcast && dst !== this.addr && !unconfigured) return this.dropped(Drop.IpNotForUs);
    if (unconfigured && ipv4Protocol(p) !== IpProtocol.Udp) return this.dropped(Drop.NotConfigured);
    if (ipv4MoreFragments(p) || ipv4FragOffset(p) !== 0) {
      const k = this.frag.add(p, this.nowMs);
      if (k < 0) return this.dropped(-k);
      if (k === 1) {
        this.stats.reassembled++;
        this.deliver(this.frag.doneAddr, this.frag.doneLen, bcast || linkBcast);
        this.frag.release();
      }
      return false;
    }
    this.deliver(p, ipv4TotalLen(p), bcast || linkBcast);
    return false;
  }

  /** A whole datagram at `p` (header checked, `total` bytes). */
  private deliver(p: number, total: number, bcast: boolean): void {
    const hl = ipv4HeaderLen(p);
    const proto = ipv4Protocol(p);
    if (proto === IpProtocol.Udp) {
      this.udpInput(p, hl, total, bcast);
      return;
    }
    if (proto === IpProtocol.Icmp) {
      this.icmpInput(p, hl, total, bcast);
      return;
    }
    const t = this.tcp;
    if (proto === IpProtocol.Tcp && t !== null) {
      if (!bcast) t.ipInput(this, p, p + hl, total - hl); // RFC 1122 §4.2.3.10: no TCP to broadcast
      return;
    }
    this.stats.drop(Drop.IpUnknownProtocol);
    // RFC 1122 §3.2.2.1: a host SHOULD generate Destination Unreachable (protocol) for a protocol it lacks.
    if (!bcast) this.sendIcmpError(p, total, IcmpType.DestUnreachable, UnreachCode.Protocol);
  }

  private icmpInput(p: number, hl: number, total: number, bcast: boolean): void {
    const m = p + hl;
    const len = total - hl;
    const r = icmpCheck(m, len);
    if (r !== 0) {
      this.stats.drop(r);
      return;
    }
    const type = icmpType(m);
    if (type === IcmpType.Echo) {
      // RFC 1122 §3.2.2.6: an echo to a broadcast MAY be discarded silently (we do).
      if (bcast) return;
      this.sendEchoReply(p, m, len);
      return;
    }
    if (type === IcmpType.EchoReply) {
      this.recordEcho(0, 0, ipv4Src(p), icmpIdent(m), icmpSeq(m), len - ICMP_HEADER, ipv4Ttl(p));
      return;
    }
    if (icmpIsError(type)) {
      this.icmpErrorInput(p, m, len, type, icmpCode(m));
      return;
    }
    this.stats.drop(Drop.IcmpUnknownType);
  }

  /** RFC 792: an error quotes the internet header + 64 bits of the datagram that caused it. */
  private icmpErrorInput(p: number, m: number, len: number, type: number, code: number): void {
    const q = m + ICMP_HEADER;
    const qlen = len - ICMP_HEADER;
    if (qlen < IPV4_MIN_HEADER + 8) {
      this.stats.drop(Drop.IcmpBadQuote);
      return;
    }
    const qhl = ipv4HeaderLen(q);
    if (qhl < IPV4_MIN_HEADER || qhl + 8 > qlen || (loadVersion(q) !== 4)) {
      this.stats.drop(Drop.IcmpBadQuote);
      return;
    }
    // It must be about something we sent.
    if (ipv4Src(q) !== this.addr) {
      this.stats.drop(Drop.IcmpBadQuote);
      return;
    }
    this.stats.icmpErrorsReceived++;
    const reporter = ipv4Src(p);
    const proto = ipv4Protocol(q);
    if (type === IcmpType.SourceQuench || type === IcmpType.Redirect) return; // RFC 6633: ignore source quench; no routing table to redirect
    if (proto === IpProtocol.Udp) {
      const s = this.findSocket(ipv4Src(q), udpSrcPort(q + qhl));
      if (s !== null) s.deliverErrorLocked(icmpErrno(type, code), type, code, reporter, udpDstPort(q + qhl));
      return;
    }
    if (proto === IpProtocol.Icmp) {
      const e = q + qhl;
      if (icmpType(e) === IcmpType.Echo) this.recordEcho(type, code, reporter, icmpIdent(e), icmpSeq(e), 0, ipv4Ttl(p));
      return;
    }
    const t = this.tcp;
    if (proto === IpProtocol.Tcp && t !== null) t.icmpError(this, type, code, reporter, q, qlen);
  }

  private udpInput(p: number, hl: number, total: number, bcast: boolean): void {
    const u = p + hl;
    const src = ipv4Src(p);
    const dst = ipv4Dst(p);
    const r = udpCheck(u, total - hl, src, dst);
    if (r !== 0) {
      this.stats.drop(r);
      return;
    }
    this.stats.rxUdp++;
    const dport = udpDstPort(u);
    const ulen = be16(u + 4); // the UDP length, checked by udpCheck
    const hook = this.udpHook;
    if (hook !== null && dport === this.udpHookPort) {
      hook.udpInput(this, src, udpSrcPort(u), dst, u + UDP_HEADER, ulen - UDP_HEADER);
      return;
    }
    if (this.addr === 0) {
      this.stats.drop(Drop.NotConfigured);
      return;
    }
    const s = this.findSocket(dst, dport);
    if (s === null) {
      this.stats.drop(Drop.UdpNoSocket);
      // RFC 1122 §4.1.3.1: SHOULD send port unreachable — never for a broadcast (§3.2.2).
      if (!bcast) this.sendIcmpError(p, total, IcmpType.DestUnreachable, UnreachCode.Port);
      return;
    }
    if (!s.deliverLocked(src, udpSrcPort(u), u + UDP_HEADER, ulen - UDP_HEADER)) this.stats.drop(Drop.UdpQueueFull);
  }

  /** The socket bound to `port` and `addr` exactly, else the one bound to `port` on any address. */
  private findSocket(addr: number, port: number): UdpSocket | null {
    let any: UdpSocket | null = null;
    for (let i = 0; i < this.sockets.length; i++) {
      const s = this.sockets.get(i);
      if (s === null || s.localPort !== port) continue;
      if (s.local.isUnspecified()) any = s;
      else if (s.local.v4() === addr) return s;
    }
    return any;
  }

  // ------------------------------------------------------------------ ICMP

  private sendEchoReply(p: number, m: number, len: number): void {
    // RFC 792 Echo: "the source and destination addresses are simply reversed, the type code changed to 0"; data returned.
    if (len + IPV4_MIN_HEADER > this.mtu) {
      this.stats.drop(Drop.IcmpTooBig);
      return;
    }
    const b = this.pool.alloc();
    if (b === null) {
      this.stats.drop(Drop.NoBuffer);
      return;
    }
    memcpy(b.data(), m, len);
    b.len = len;
    store8(b.data(), IcmpType.EchoReply);
    icmpFillChecksum(b.data(), len);
    this.stats.echoReplies++;
    this.outputIpv4(b, IpProtocol.Icmp, this.addr, ipv4Src(p), this.defaultTtl);
  }

  private recordEcho(type: number, code: number, from: u32, ident: number, seq: number, len: number, ttl: number): void {
    if (this.echoCount === this.echoes.length) return; // nobody reads them: keep the oldest
    let i = this.echoHead + this.echoCount;
    if (i >= this.echoes.length) i -= this.echoes.length;
    const e = this.echoes.get(i);
    e.type = type;
    e.code = code;
    e.from = from;
    e.ident = ident;
    e.seq = seq;
    e.len = len;
    e.ttl = ttl;
    this.echoCount++;
    this.echoWait.wakeAll();
  }

  /** Sends an ICMP echo request with `dataLen` pattern bytes; 0 or a negative NetError. */
  ping(dst: number, ident: number, seq: number, dataLen: number, ttl: number): number {
    this.lock.lock();
    const r = this.pingLocked(dst, ident, seq, dataLen, ttl);
    this.lock.unlock();
    return r;
  }

  private pingLocked(dst: number, ident: number, seq: number, dataLen: number, ttl: number): number {
    if (dataLen < 0 || ttl < 1 || ttl > 255) return -NetError.EINVAL;
    if (ICMP_HEADER + dataLen + IPV4_MIN_HEADER > this.mtu) return -NetError.EMSGSIZE;
    if (this.addr === 0) return -NetError.ENETUNREACH;
    const b = this.pool.alloc();
    if (b === null) return -NetError.ENOBUFS;
    const m = b.data();
    for (let i = 0; i < dataLen; i++) store8(m + ICMP_HEADER + i, (seq + i) & 0xff);
    b.len = ICMP_HEADER + dataLen;
    icmpWrite(m, IcmpType.Echo, 0, ident, seq, b.len);
    return this.outputIpv4(b, IpProtocol.Icmp, this.addr, dst, ttl);
  }

  /** Takes the oldest echo reply (or error about an echo); false when none. */
  takeEcho(out: EchoResult): boolean {
    return this.waitEcho(out, 0);
  }

  /** takeEcho, waiting up to `timeoutMs` (< 0: without limit) for one to come; false when none came. */
  waitEcho(out: EchoResult, timeoutMs: number): boolean {
    this.lock.lock();
    const start = timeoutMs > 0 ? nowNs() : 0;
    while (this.echoCount === 0) {
      const left = timeoutMs === 0 ? 0 : waitLeftNs(timeoutMs, start);
      if (left === 0) {
        this.lock.unlock();
        return false;
      }
      this.sleepOn(this.echoWait, left);
    }
    const e = this.echoes.get(this.echoHead);
    out.type = e.type;
    out.code = e.code;
    out.from = e.from;
    out.ident = e.ident;
    out.seq = e.seq;
    out.len = e.len;
    out.ttl = e.ttl;
    this.echoHead++;
    if (this.echoHead === this.echoes.length) this.echoHead = 0;
    this.echoCount--;
    this.lock.unlock();
    return true;
  }

  /**
   * An ICMP error about the datagram at `p` (RFC 792 formats; RFC 1122
   * §3.2.2: never about an ICMP error, a non-first fragment, or a datagram
   * whose source is not one host; rate-limited).
   */
  sendIcmpError(p: number, total: number, type: number, code: number): void {
    const src = ipv4Src(p);
    if (this.addr === 0 || src === 0 || src === IPV4_BROADCAST || ipv4IsMulticastOrReserved(src)) return;
    if (ipv4FragOffset(p) !== 0) return;
    const hl = ipv4HeaderLen(p);
    if (ipv4Protocol(p) === IpProtocol.Icmp && (total < hl + 1 || icmpIsError(icmpType(p + hl)))) return;
    if (this.nowMs - this.icmpWindowStart >= 1000) {
      this.icmpWindowStart = this.nowMs;
      this.icmpSentInWindow = 0;
    }
    if (this.icmpSentInWindow >= this.opts.icmpErrorsPerSecond) {
      this.stats.drop(Drop.IcmpRateLimited);
      return;
    }
    this.icmpSentInWindow++;
    const quote = total < hl + 8 ? total : hl + 8;
    const b = this.pool.alloc();
    if (b === null) {
      this.stats.drop(Drop.NoBuffer);
      return;
    }
    const m = b.data();
    memcpy(m + ICMP_HEADER, p, quote);
    b.len = ICMP_HEADER + quote;
    icmpWrite(m, type, code, 0, 0, b.len);
    this.stats.icmpErrorsSent++;
    this.outputIpv4(b, IpProtocol.Icmp, this.addr, src, this.defaultTtl);
  }

  // ---------------------------------------------------------------- output

  /**
   * Sends the payload in `b` (data() = transport header) as an IPv4
   * datagram; `b` is consumed whatever happens. 0 or a negative NetError.
   * Datagrams larger than the MTU are refused (-EMSGSIZE): the stack does
   * not fragment what it sends.
   */
  outputIpv4(b: PacketBuf, protocol: number, src: number, dst: number, ttl: number): number {
    const total = b.len + IPV4_MIN_HEADER;
    if (total > this.mtu) {
      this.pool.free(b);
      return -NetError.EMSGSIZE;
    }
    const p = b.prepend(IPV4_MIN_HEADER);
    if (p < 0) {
      this.pool.free(b);
      return -NetError.EINVAL;
    }
    ipv4Write(p, total, this.nextIdent(), 0, ttl, protocol, src, dst);
    return this.route(b, dst);
  }

  /** Finds the link-layer destination of the datagram in `b` and sends it, or queues it behind ARP. */
  private route(b: PacketBuf, dst: number): number {
    if (dst === IPV4_BROADCAST || (this.addr !== 0 && dst === this.subnetBroadcast())) return this.sendFrame(b, MAC_BROADCAST, EtherType.Ipv4);
    if (this.addr === 0 || ipv4IsMulticastOrReserved(dst) || dst === 0) {
      this.pool.free(b);
      return -NetError.ENETUNREACH;
    }
    let hop = dst;
    if (!this.onLink(dst)) {
      // RFC 1122 §3.3.1.1: off-link destinations go to a gateway.
      if (this.gateway === 0) {
        this.pool.free(b);
        return -NetError.ENETUNREACH;
      }
      hop = this.gateway;
    }
    const mac = this.hopMac(hop);
    if (mac >= 0) return this.sendFrame(b, mac, EtherType.Ipv4);
    b.tag = hop;
    if (this.arp.enqueue(u32(hop), b, this.nowMs, this.pool, this.stats)) this.sendArpRequest(hop);
    return 0;
  }

  /** ARP's MAC for the next hop `hop` (-1: not known now); an entry about to expire is asked for again while it is used. */
  private hopMac(hop: number): number {
    const mac = this.arp.lookup(hop, this.nowMs);
    if (mac >= 0 && this.arp.refreshDue !== 0) {
      const ip = this.arp.refreshDue;
      this.arp.refreshDue = 0;
      this.sendArpRequest(ip);
    }
    return mac;
  }

  /**
   * The MAC that route would send a unicast datagram for `dst` to, when it
   * is known now (as route, it refreshes the ARP entry), else -1: for a
   * frame built ahead (tcp/ack-frame.ts), which goes out with sendBuiltFrame.
   */
  knownNextHopMac(dst: number): number {
    // The same destination within the same millisecond with no ARP frame or ARP timer run since: the same answer.
    if (dst === this.hopMemoDst && this.nowMs === this.hopMemoMs) return this.hopMemoMac;
    const mac = this.findNextHopMac(dst);
    if (mac >= 0) {
      this.hopMemoDst = dst;
      this.hopMemoMs = this.nowMs;
      this.hopMemoMac = mac;
    }
    return mac;
  }

  private findNextHopMac(dst: number): number {
    if (this.addr === 0 || dst === 0 || dst === IPV4_BROADCAST || dst === this.subnetBroadcast() || ipv4IsMulticastOrReserved(dst)) return -1;
    if (this.onLink(dst)) return this.hopMac(dst);
    return this.gateway === 0 ? -1 : this.hopMac(this.gateway);
  }

  /** The IPv4 identification for the next datagram (what outputIpv4 writes). */
  nextIdent(): number {
    const id = this.ident;
    this.ident = this.ident === 0xffff ? 1 : this.ident + 1;
    return id;
  }

  /** Hands a whole frame (Ethernet header at data()) to the device, behind any waiting; `b` is consumed. */
  sendBuiltFrame(b: PacketBuf): number {
    return this.transmitInOrder(b);
  }

  /** Prepends the Ethernet header to `b` and hands it to the device; `b` is consumed. */
  sendFrame(b: PacketBuf, dstMac: number, type: number): number {
    const f = b.prepend(ETH_HEADER);
    if (f < 0) {
      this.pool.free(b);
      return -NetError.EINVAL;
    }
    ethWrite(f, dstMac, this.mac, type);
    if (b.len < ETH_MIN_FRAME && b.tailroom() >= ETH_MIN_FRAME - b.len) {
      memset(f + b.len, 0, ETH_MIN_FRAME - b.len); // RFC 894: pad to the minimum frame
      b.len = ETH_MIN_FRAME;
    }
    return this.transmitInOrder(b);
  }

  /**
   * Hands `b` to the device behind any frames already waiting. A full
   * transmit queue first gets back what the device finished sending; if it
   * is still full, `b` waits (poll sends it once there is room) rather than
   * being dropped, which TCP would only repair after a retransmission
   * timeout. 0, or -ENOBUFS when the backlog is full too (dropped, counted).
   */
  private transmitInOrder(b: PacketBuf): number {
    if (!this.txWaiting.isEmpty()) this.sendWaiting();
    if (this.txWaiting.isEmpty()) {
      if (this.dev.transmit(b) >= 0) {
        this.stats.txFrames++;
        return 0;
      }
      this.dev.reap();
      if (this.dev.transmit(b) >= 0) {
        this.stats.txFrames++;
        return 0;
      }
    }
    if (this.txWaiting.push(b)) return 0;
    this.pool.free(b);
    this.stats.drop(Drop.TxQueueFull);
    return -NetError.ENOBUFS;
  }

  /** Sends waiting frames, oldest first, while the device takes them (a buffer's queue link is the device's once it has it). */
  private sendWaiting(): void {
    for (let b = this.txWaiting.pop(); b !== null; b = this.txWaiting.pop()) {
      if (this.dev.transmit(b) < 0) {
        this.txWaiting.pushFront(b);
        return;
      }
      this.stats.txFrames++;
    }
  }

  /** Frames waiting for room in the device's transmit queue. */
  txWaitingCount(): number {
    return this.txWaiting.length();
  }

  private sendArpRequest(ip: number): void {
    const b = this.pool.alloc();
    if (b === null) {
      this.stats.drop(Drop.NoBuffer);
      return;
    }
    arpWrite(b.data(), ArpOp.Request, this.mac, this.addr, 0, ip);
    b.len = ARP_LEN;
    this.stats.arpRequestsSent++;
    this.sendFrame(b, MAC_BROADCAST, EtherType.Arp);
  }

  /** Announces our address (gratuitous ARP request, RFC 5227 §2.3). */
  announce(): void {
    this.lock.lock();
    if (this.addr !== 0) this.sendArpRequest(this.addr);
    this.lock.unlock();
  }

  /** Sends a UDP datagram from `src:srcPort` (src may be 0 before configuration: DHCP). Under the lock. */
  sendUdpLocked(src: number, srcPort: number, dst: number, dstPort: number, data: number, len: number, ttl: number): number {
    if (len < 0) return -NetError.EINVAL;
    if (len + UDP_HEADER + IPV4_MIN_HEADER > this.mtu) return -NetError.EMSGSIZE;
    const b = this.pool.alloc();
    if (b === null) return -NetError.ENOBUFS;
    memcpy(b.data() + UDP_HEADER, data, len); // the one copy on transmit
    b.len = UDP_HEADER + len;
    udpWrite(b.data(), srcPort, dstPort, len, src, dst);
    this.stats.txUdp++;
    return this.outputIpv4(b, IpProtocol.Udp, src, dst, ttl);
  }

  // --------------------------------------------------------------- sockets

  /** Copies the bound UDP sockets into rows[first..] (as many as fit); returns how many there are. */
  listUdp(rows: FixedArray<SocketRow>, first: number): number {
    this.lock.lock();
    let n = 0;
    for (let i = 0; i < this.sockets.length; i++) {
      const s = this.sockets.get(i);
      if (s === null) continue;
      if (first + n < rows.length) rows.get(first + n).set(SocketProto.Udp, 0, s.local.isUnspecified() ? u32(0) : s.local.v4(), s.localPort, u32(0), 0, s.queuedBytes(), 0);
      n++;
    }
    this.lock.unlock();
    return n;
  }

  /** A new UDP socket with a receive ring of `rxBytes`. */
  udpSocket(rxBytes: number): UdpSocket {
    return new UdpSocket(this, rxBytes);
  }

  udpBind(s: UdpSocket, addr: IpAddress, port: number): number {
    if (port < 0 || port > 0xffff || (!addr.isUnspecified() && !addr.isV4())) return -NetError.EINVAL;
    this.lock.lock();
    const r = this.bindLocked(s, addr, port);
    this.lock.unlock();
    return r;
  }

  private bindLocked(s: UdpSocket, addr: IpAddress, port: number): number {
    if (s.closed) return -NetError.EBADF;
    if (s.slot >= 0) return -NetError.EINVAL; // already bound
    const specific = !addr.isUnspecified();
    if (specific && addr.v4() !== this.addr) return -NetError.EADDRNOTAVAIL;
    let p = port;
    if (p === 0) {
      p = this.ephemeralPort();
      if (p < 0) return -NetError.EADDRINUSE;
    } else {
      for (let i = 0; i < this.sockets.length; i++) {
        const o = this.sockets.get(i);
        // RFC 1122 §4.1.3.3 leaves it open; like BSD without SO_REUSEADDR: one socket per port unless the addresses differ.
        if (o !== null && o.localPort === p && (!specific || o.local.isUnspecified() || o.local.v4() === addr.v4())) return -NetError.EADDRINUSE;
      }
    }
    for (let i = 0; i < this.sockets.length; i++) {
      if (this.sockets.get(i) === null) {
        this.sockets.set(i, s);
        s.slot = i;
        s.localPort = p;
        if (specific) s.local.setV4(addr.v4());
        else s.local.clear();
        return p;
      }
    }
    return -NetError.ENOBUFS;
  }

  /** An unused port from the dynamic range 49152..65535 (RFC 6335 §6), or -1. */
  private ephemeralPort(): number {
    for (let k = 0; k < 16384; k++) {
      const p = this.nextEphemeral;
      this.nextEphemeral = p === 65535 ? 49152 : p + 1;
      let used = false;
      for (let i = 0; i < this.sockets.length; i++) {
        const o = this.sockets.get(i);
        if (o !== null && o.localPort === p) used = true;
      }
      if (!used) return p;
    }
    return -1;
  }

  udpSendTo(s: UdpSocket, buf: number, len: number, to: Endpoint): number {
    if (len < 0 || to.port <= 0 || to.port > 0xffff || !to.addr.isV4()) return -NetError.EINVAL;
    this.lock.lock();
    let r = 0;
    if (s.closed) r = -NetError.EBADF;
    else if (s.slot < 0) {
      const any = new IpAddress();
      r = this.bindLocked(s, any, 0);
      release(any);
    }
    if (r >= 0) {
      const src = s.local.isUnspecified() ? this.addr : s.local.v4();
      if (this.addr === 0) r = -NetError.ENETUNREACH;
      else r = this.sendUdpLocked(src, s.localPort, to.addr.v4(), to.port, buf, len, s.ttl);
    }
    this.lock.unlock();
    return r < 0 ? r : len;
  }

  /**
   * With the stack's lock held: releases it and sleeps on `wq` as one step
   * (no wake-up lost in between), for up to `leftNs` (< 0: without limit),
   * then takes the lock again.
   */
  sleepOn(wq: WaitQueue, leftNs: number): void {
    const saved = schedLock();
    this.lock.unlockLocked();
    wq.waitLocked(leftNs);
    schedUnlock(saved);
    this.lock.lock();
  }

  udpRecvFrom(s: UdpSocket, buf: number, cap: number, from: Endpoint): number {
    this.lock.lock();
    const start = s.timeoutMs > 0 ? nowNs() : 0;
    for (;;) {
      if (s.closed) {
        // The last reader woken by close frees what close could not.
        if (!s.freed && s.rxWait.length() === 0) s.freeLocked();
        this.lock.unlock();
        return -NetError.EBADF;
      }
      if (s.pending() > 0) {
        const r = s.takeLocked(buf, cap, from);
        this.lock.unlock();
        return r;
      }
      if (s.timeoutMs === 0) {
        this.lock.unlock();
        return -NetError.EAGAIN;
      }
      const left = waitLeftNs(s.timeoutMs, start);
      if (left === 0) {
        this.lock.unlock();
        return -NetError.ETIMEDOUT;
      }
      this.sleepOn(s.rxWait, left);
    }
  }

  udpClose(s: UdpSocket): void {
    this.lock.lock();
    if (!s.closed) {
      s.closed = true;
      if (s.slot >= 0) this.sockets.set(s.slot, null);
      s.slot = -1;
      s.rxWait.wakeAll();
      if (s.rxWait.length() === 0 && !s.freed) s.freeLocked();
    }
    this.lock.unlock();
  }

  /** Buffers the stack holds (ARP queues); with the device's, what is not in the pool. */
  buffersHeld(): number {
    return this.arp.pendingCount();
  }

  /** Drops queued packets and frees everything the stack made (sockets must be closed first). */
  [Symbol.dispose](): void {
    this.lock.lock();
    this.arp.flush(this.pool);
    this.txWaiting.drain(this.pool);
    this.lock.unlock();
    release(this.txWaiting);
    this.arp[Symbol.dispose]();
    release(this.arp);
    this.frag[Symbol.dispose]();
    release(this.frag);
    for (let i = 0; i < this.echoes.length; i++) release(this.echoes.get(i));
    release(this.echoes);
    release(this.sockets);
    release(this.timerHooks);
    this.stats[Symbol.dispose]();
    release(this.stats);
    this.lock[Symbol.dispose]();
    release(this.lock);
  }
}

/** RFC 1122 §4.1.3.3 / §3.2.2.1: the error a socket reports for an ICMP error. */
export function icmpErrno(type: number, code: number): number {
  if (type === IcmpType.DestUnreachable) {
    if (code === UnreachCode.Port || code === UnreachCode.Protocol) return NetError.ECONNREFUSED;
    if (code === UnreachCode.Net) return NetError.ENETUNREACH;
    if (code === UnreachCode.FragNeeded) return NetError.EMSGSIZE;
    return NetError.EHOSTUNREACH;
  }
  return NetError.EHOSTUNREACH; // time exceeded, parameter problem
}

function loadVersion(q: number): number {
  return load8(q) >>> 4;
}
