/**
 * A NetDevice driven by a test: `inject` puts a crafted frame in front of
 * the stack as if it had arrived; what the stack transmits is kept in
 * `sent` for the test to read (`takeSent`, then `recycle`). Used for
 * malformed frames, exact replies, and the fuzzer.
 */
import { memcpy, release } from '@unishyper/rt';
import { NetDevice, NetNotify } from '../net-device';
import { NetError } from '../errors';
import { PacketBuf, PacketPool, PacketQueue } from '../packet';

export class ScriptedDevice implements NetDevice {
  pool: PacketPool | null = null;
  readonly rx: PacketQueue = new PacketQueue(1 << 20);
  readonly sent: PacketQueue;
  /** Transmitted frames dropped because `sent` was full. */
  sentDropped = 0;
  /** When set, a full `sent` refuses frames (-ENOBUFS) as a full transmit ring does, instead of dropping them. */
  refuseWhenFull = false;
  injectFailed = 0;

  constructor(readonly mac: number, sentLimit: number) {
    this.sent = new PacketQueue(sentLimit);
  }

  macAddress(): number {
    return this.mac;
  }
  mtu(): number {
    return 1500;
  }
  txHeadroom(): number {
    return 12; // like virtio-net: proves the stack leaves room
  }
  attach(pool: PacketPool, notify: NetNotify | null): number {
    this.pool = pool;
    return notify === null ? 0 : 0;
  }
  receive(): PacketBuf | null {
    return this.rx.pop();
  }
  receiveDone(buf: PacketBuf): void {
    this.pool!.free(buf);
  }
  transmit(buf: PacketBuf): number {
    if (buf.headroom() < this.txHeadroom()) return -1;
    if (this.refuseWhenFull && this.sent.length() >= this.sent.limit) return -NetError.ENOBUFS;
    if (!this.sent.push(buf)) {
      this.sentDropped++;
      this.pool!.free(buf);
    }
    return 0;
  }
  reap(): void {}
  rxDropped(): number {
    return this.injectFailed;
  }

  /** Queues a copy of the `len` bytes at `frame` as a received frame; false when no buffer is free or it is too long. */
  inject(frame: number, len: number): boolean {
    const b = this.pool!.alloc();
    if (b === null || len > b.tailroom()) {
      if (b !== null) this.pool!.free(b);
      this.injectFailed++;
      return false;
    }
    memcpy(b.data(), frame, len);
    b.len = len;
    this.rx.push(b);
    return true;
  }

  takeSent(): PacketBuf | null {
    return this.sent.pop();
  }

  recycle(b: PacketBuf): void {
    this.pool!.free(b);
  }

  /** Frees every frame still queued either way. */
  drain(): void {
    this.rx.drain(this.pool!);
    this.sent.drain(this.pool!);
  }

  [Symbol.dispose](): void {
    this.drain();
    release(this.rx);
    release(this.sent);
  }
}
