/**
 * A listening socket (RFC 9293 §3.10.1 OPEN, passive): bind to a port,
 * listen with a backlog, accept connections. A SYN to the port makes a
 * connection in SYN-RECEIVED (with its buffers) that counts against the
 * backlog until accept takes it; with the backlog full further SYNs are
 * dropped and the peers retry. Accepted connections inherit nodelay and
 * the buffer sizes. `accept` blocks (setTimeoutMs(-1), the default), gives
 * up after n ms (-ETIMEDOUT), or is non-blocking with 0 (-EAGAIN); its
 * error is in `lastError` when it returns null. Every call takes the
 * stack's lock.
 */
import { u32 } from '@unishyper/rt';
import { WaitQueue } from '@unishyper/sched';
import { IpAddress } from '../addr';
import type { TcpConnection } from './connection';
import type { TcpStream } from './stream';
import type { Tcp } from './tcp';

export class TcpListener {
  readonly tcp: Tcp;
  localAddr: u32 = u32(0);
  localPort = 0;
  /** Slot in the Tcp's listener table, -1 when not bound. */
  slot = -1;
  backlog = 0;
  listening = false;
  closed = false;
  freed = false;
  /** Connections from this listener not yet accepted (SYN-RECEIVED ones and the accept queue). */
  pending = 0;
  queueHead: TcpConnection | null = null;
  queueTail: TcpConnection | null = null;
  queued = 0;
  timeoutMs = -1;
  /** The error of the last accept that returned null (a negative NetError). */
  lastError = 0;
  nodelay = false;
  /** Allow bind while connections (TIME-WAIT ones, say) still use the port (SO_REUSEADDR). */
  reuseAddr = false;
  sendBuffer: number;
  receiveBuffer: number;
  readonly wq: WaitQueue = new WaitQueue();

  constructor(tcp: Tcp, sendBuffer: number, receiveBuffer: number) {
    this.tcp = tcp;
    this.sendBuffer = sendBuffer;
    this.receiveBuffer = receiveBuffer;
  }

  /** The port (`port` 0: an ephemeral one), or -EADDRINUSE, -EADDRNOTAVAIL, -EINVAL, -ENOBUFS, -EBADF. */
  bind(addr: IpAddress, port: number): number {
    return this.tcp.listenerBind(this, addr, port);
  }

  /** Starts accepting with room for `backlog` pending connections (>= 1, at most the connection table). 0 or -EINVAL. */
  listen(backlog: number): number {
    return this.tcp.listenerListen(this, backlog);
  }

  /** The next connection, or null with `lastError` = -EAGAIN / -ETIMEDOUT / -EBADF / -EINVAL. */
  accept(): TcpStream | null {
    return this.tcp.listenerAccept(this);
  }

  setTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
  }

  setNoDelay(on: boolean): void {
    this.nodelay = on;
  }

  /** Buffer sizes of the connections it accepts from now on (>= 1024 each). */
  setBufferSizes(send: number, receive: number): number {
    if (send < 1024 || receive < 1024 || send > 1 << 30 || receive > 1 << 30) return -22;
    this.sendBuffer = send;
    this.receiveBuffer = receive;
    return 0;
  }

  /** Stops listening: pending connections are reset, blocked accepts return -EBADF. */
  close(): void {
    this.tcp.listenerClose(this);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
