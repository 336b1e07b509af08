/**
 * UDP sockets (RFC 768; RFC 1122 §4.1.3): bind, sendTo, recvFrom.
 *
 * Each socket owns a receive ring of `rxBytes` bytes allocated when it is
 * made; the stack copies a datagram's payload into it from the receive
 * buffer (the one copy on the receive path) and recycles the packet buffer
 * at once, so a slow reader never holds packet buffers. When the ring has no
 * room the datagram is dropped (udp-queue-full). ICMP errors about what the
 * socket sent (port unreachable, host unreachable, time exceeded) are queued
 * in the same ring in arrival order, and recvFrom returns them as errors
 * (-ECONNREFUSED, -EHOSTUNREACH, -ENETUNREACH) with `from` set to the host
 * that reported them, which is how traceroute learns the routers on a path.
 *
 * Every call takes the stack's lock (a Mutex), so sockets may be used from
 * threads on any core. A blocking recvFrom sleeps on the socket's wait
 * queue, releasing the stack's lock in the same step (as a condition
 * variable does); the network thread notifies it when it
 * queues a datagram. Timeouts: `setTimeoutMs(-1)` blocks without a limit
 * (the default), 0 makes calls non-blocking (-EAGAIN), n > 0 gives up after
 * n ms with -ETIMEDOUT.
 */
import { nowNs } from '@unishyper/hal-aarch64';
import { allocBytes, freeBytes, load32, memcpy, release, store32, u32 } from '@unishyper/rt';
import { WaitQueue } from '@unishyper/sched';
import { IpAddress } from './addr';
import { NetError } from './errors';
import type { NetStack } from './stack';

/** An address and a port. */
export class Endpoint {
  readonly addr: IpAddress = new IpAddress();
  port = 0;

  static v4(a: u32, port: number): Endpoint {
    const e = new Endpoint();
    e.addr.setV4(a);
    e.port = port;
    return e;
  }

  set(a: IpAddress, port: number): void {
    this.addr.copyFrom(a);
    this.port = port;
  }

  [Symbol.dispose](): void {
    release(this.addr);
  }
}

const RECORD_HEADER = 16;
const KIND_DATA = 0;
const KIND_ERROR = 1;

export class UdpSocket {
  readonly stack: NetStack;
  /** Local address (unspecified: any of ours) and port (0: not bound). */
  readonly local: IpAddress = new IpAddress();
  localPort = 0;
  /** Slot in the stack's socket table, -1 when not in it. */
  slot = -1;
  ttl = 64;
  timeoutMs = -1;
  closed = false;
  /** The ring and wait queue are freed (after close, once no reader sleeps). */
  freed = false;
  /** ICMP type and code of the last error recvFrom returned. */
  lastIcmpType = -1;
  lastIcmpCode = -1;
  /** Readers sleeping in recvFrom (woken when a record is queued or the socket closes). */
  readonly rxWait: WaitQueue = new WaitQueue();
  private readonly ring: number;
  private readonly ringSize: number;
  private readonly scratch: number;
  private head = 0;
  private used = 0;
  private records = 0;

  constructor(stack: NetStack, rxBytes: number) {
    this.stack = stack;
    this.ringSize = rxBytes < 64 ? 64 : rxBytes;
    this.ring = allocBytes(this.ringSize, 16);
    this.scratch = allocBytes(RECORD_HEADER, 16);
  }

  /** Datagrams and errors waiting. */
  pending(): number {
    return this.records;
  }

  /** Bytes its receive ring holds (datagrams and their record headers), for netstat. */
  queuedBytes(): number {
    return this.used;
  }

  setTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
  }

  /** TTL of what the socket sends (1..255; traceroute uses small ones). */
  setTtl(ttl: number): number {
    if (ttl < 1 || ttl > 255) return -NetError.EINVAL;
    this.ttl = ttl;
    return 0;
  }

  /** Binds to `addr` (unspecified: every address of ours) and `port` (0: an ephemeral port). The port, or -EADDRINUSE, -EINVAL, -EADDRNOTAVAIL, -ENOBUFS. */
  bind(addr: IpAddress, port: number): number {
    return this.stack.udpBind(this, addr, port);
  }

  /** Sends `len` bytes at `buf` to `to`; `len` or a negative NetError. */
  sendTo(buf: number, len: number, to: Endpoint): number {
    return this.stack.udpSendTo(this, buf, len, to);
  }

  /**
   * Takes the next datagram: copies at most `cap` bytes to `buf` (the rest
   * of a longer datagram is discarded) and sets `from`; returns the bytes
   * copied. Or returns a queued ICMP error (from = who reported it),
   * -EAGAIN (non-blocking, nothing there), -ETIMEDOUT, -EBADF (closed).
   */
  recvFrom(buf: number, cap: number, from: Endpoint): number {
    return this.stack.udpRecvFrom(this, buf, cap, from);
  }

  /** Unbinds and frees the socket's memory. */
  close(): void {
    this.stack.udpClose(this);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  // ---- called by the stack with its lock held ----

  private ringWrite(src: number, n: number): void {
    let tail = this.head + this.used;
    if (tail >= this.ringSize) tail -= this.ringSize;
    const first = this.ringSize - tail < n ? this.ringSize - tail : n;
    memcpy(this.ring + tail, src, first);
    memcpy(this.ring, src + first, n - first);
    this.used += n;
  }

  private ringRead(dst: number, n: number): void {
    const first = this.ringSize - this.head < n ? this.ringSize - this.head : n;
    memcpy(dst, this.ring + this.head, first);
    memcpy(dst + first, this.ring, n - first);
    this.ringSkip(n);
  }

  private ringSkip(n: number): void {
    this.head += n;
    if (this.head >= this.ringSize) this.head -= this.ringSize;
    this.used -= n;
  }

  /** Queues a datagram; false when there is no room. */
  deliverLocked(src: u32, srcPort: number, payload: number, n: number): boolean {
    if (this.closed || this.used + RECORD_HEADER + n > this.ringSize) return false;
    store32(this.scratch, KIND_DATA);
    store32(this.scratch + 4, n);
    store32(this.scratch + 8, srcPort);
    store32(this.scratch + 12, src);
    this.ringWrite(this.scratch, RECORD_HEADER);
    this.ringWrite(payload, n);
    this.records++;
    this.rxWait.wakeAll();
    return true;
  }

  /** Queues an ICMP error (`err` a positive NetError, ICMP type and code, the reporter, the original destination port). */
  deliverErrorLocked(err: number, type: number, code: number, reporter: u32, dstPort: number): boolean {
    if (this.closed || this.used + RECORD_HEADER > this.ringSize) return false;
    store32(this.scratch, KIND_ERROR | (type << 8) | (code << 16));
    store32(this.scratch + 4, err);
    store32(this.scratch + 8, dstPort);
    store32(this.scratch + 12, reporter);
    this.ringWrite(this.scratch, RECORD_HEADER);
    this.records++;
    this.rxWait.wakeAll();
    return true;
  }

  /** Takes one record (records > 0). */
  takeLocked(buf: number, cap: number, from: Endpoint): number {
    this.ringRead(this.scratch, RECORD_HEADER);
    this.records--;
    const kind = load32(this.scratch);
    const n = load32(this.scratch + 4);
    from.addr.setV4(load32(this.scratch + 12));
    from.port = load32(this.scratch + 8);
    if ((kind & 0xff) === KIND_ERROR) {
      this.lastIcmpType = (kind >>> 8) & 0xff;
      this.lastIcmpCode = (kind >>> 16) & 0xff;
      return -n;
    }
    const k = n < cap ? n : cap < 0 ? 0 : cap;
    this.ringRead(buf, k);
    this.ringSkip(n - k);
    return k;
  }

  /** Frees the ring; the stack has taken the socket out of its table. */
  freeLocked(): void {
    this.freed = true;
    freeBytes(this.ring);
    freeBytes(this.scratch);
    release(this.local);
    release(this.rxWait);
  }
}

/** Nanoseconds left of a `timeoutMs` wait that started at `startNs` (-1: no limit, 0: time is up). */
export function waitLeftNs(timeoutMs: number, startNs: number): number {
  if (timeoutMs < 0) return -1;
  const left = startNs + timeoutMs * 1_000_000 - nowNs();
  return left > 0 ? left : 0;
}
