/**
 * A TCP connection as the user holds it: connect, read, write, shutdown,
 * close, and the socket options (nodelay, keepalive, timeouts,
 * non-blocking). The protocol state lives in the TcpConnection it refers
 * to; `close` lets go of it (the stack finishes the FIN exchange and
 * TIME-WAIT on its own) and the handle answers -EBADF afterwards; the
 * handle object itself is the caller's to `release` after close.
 *
 * Blocking: a call that cannot proceed sleeps on the handle's wait queue,
 * releasing the stack's lock in the same step, and is woken by the poll
 * that changes the connection (data, ACK, FIN, RST, timeout) or by close.
 * Timeouts: -1 blocks without limit (default), 0 is non-blocking
 * (-EAGAIN, or -EINPROGRESS for connect), n > 0 gives up after n ms
 * (-ETIMEDOUT). Every call returns >= 0 or a negative NetError.
 */
import { WaitQueue } from '@unishyper/sched';
import { IpAddress } from '../addr';
import { Endpoint } from '../udp-socket';
import type { TcpConnection } from './connection';
import type { Tcp } from './tcp';

export class TcpStream {
  readonly tcp: Tcp;
  conn: TcpConnection | null = null;
  /** A local port chosen with bind before connect (0: ephemeral). */
  bindPort = 0;
  readTimeoutMs = -1;
  writeTimeoutMs = -1;
  nodelay = false;
  closed = false;
  freed = false;
  readonly wq: WaitQueue = new WaitQueue();
  /** Threads in a blocking call on this handle, counted under the stack's lock (Tcp.sleepStreamLocked). */
  sleepers = 0;
  /** Tcp.wake woke them all and no thread went to sleep since: another wake has nobody to wake. */
  wakePending = false;

  constructor(tcp: Tcp) {
    this.tcp = tcp;
  }

  /** Chooses the local port for connect (simultaneous open needs a known one). The port or -EADDRINUSE / -EINVAL. */
  bind(addr: IpAddress, port: number): number {
    return this.tcp.streamBind(this, addr, port);
  }

  /**
   * Opens a connection to `to` (RFC 9293 §3.10.1 active OPEN), waiting up to
   * `timeoutMs` (-1: until the handshake ends; 0: returns -EINPROGRESS, see
   * `finishConnect`). 0, or -ECONNREFUSED (RST or ICMP unreachable),
   * -ETIMEDOUT, -EHOSTUNREACH, -ENETUNREACH, -EADDRINUSE, -EISCONN, -ENOBUFS.
   */
  connect(to: Endpoint, timeoutMs: number): number {
    return this.tcp.streamConnect(this, to, timeoutMs);
  }

  /** Waits for a connect started before: 0 when established, -EINPROGRESS (timeout 0), or its error. */
  finishConnect(timeoutMs: number): number {
    return this.tcp.streamFinishConnect(this, timeoutMs);
  }

  /** Up to `cap` bytes into `buf`: the count, 0 at end of stream (the peer's FIN), or -EAGAIN / -ETIMEDOUT / -ECONNRESET / -ENOTCONN / -EBADF. */
  read(buf: number, cap: number): number {
    return this.tcp.streamRead(this, buf, cap);
  }

  /** Queues `len` bytes (blocking until all are queued unless a timeout or non-blocking mode cuts it short): the count, or -EAGAIN / -ETIMEDOUT / -EPIPE / -ECONNRESET / -EBADF. */
  write(buf: number, len: number): number {
    return this.tcp.streamWrite(this, buf, len);
  }

  /** No more writes: a FIN follows the queued data (RFC 9293 §3.10.4 CLOSE as a half-close). 0 or -ENOTCONN. */
  shutdown(): number {
    return this.tcp.streamShutdown(this);
  }

  /**
   * Closes: a graceful FIN after the queued data, or a RST when received
   * data was never read (RFC 2525 §2.17). The handle answers -EBADF after.
   */
  close(): void {
    this.tcp.streamClose(this);
  }

  /** Bytes ready to read. */
  available(): number {
    return this.tcp.streamAvailable(this);
  }

  /** The RFC 9293 state (TcpState), CLOSED without a connection. */
  state(): number {
    return this.tcp.streamState(this);
  }

  /** Nagle off (true) or on (RFC 9293 §3.7.4). */
  setNoDelay(on: boolean): void {
    this.tcp.streamSetNoDelay(this, on);
  }

  /** Keepalive probes after `idleMs` without traffic, every `intervalMs`, `count` unanswered ones abort (RFC 1122 §4.2.3.6). */
  setKeepalive(on: boolean, idleMs: number, intervalMs: number, count: number): number {
    return this.tcp.streamSetKeepalive(this, on, idleMs, intervalMs, count);
  }

  setTimeoutMs(ms: number): void {
    this.readTimeoutMs = ms;
    this.writeTimeoutMs = ms;
  }

  setReadTimeoutMs(ms: number): void {
    this.readTimeoutMs = ms;
  }

  setWriteTimeoutMs(ms: number): void {
    this.writeTimeoutMs = ms;
  }

  /** Non-blocking mode: every call returns at once (timeouts 0); off: blocking without limit. */
  setNonBlocking(on: boolean): void {
    this.setTimeoutMs(on ? 0 : -1);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
