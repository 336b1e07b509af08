/**
 * An in-memory Ethernet segment between two NetDevices (`a` and `b`), for
 * tests under Node and in the kernel: what one end transmits is copied into
 * a receive buffer of the other end's pool, as a NIC's DMA would, and the
 * sender's buffer is recycled at once. Knobs (per mille, from a seeded
 * xorshift generator so runs repeat exactly): `loss` drops a frame,
 * `duplicate` delivers it twice, `reorder` holds it back until after the
 * next frame (or the receiver's next reap). A receive queue holds at most
 * `rxLimit` frames; a frame arriving with the queue full or the receiver's
 * pool empty is dropped and counted, as a NIC with no posted buffer would.
 */
import { memcpy, release, u32 } from '@unishyper/rt';
import { SpinLock } from '@unishyper/sync';
import { NetDevice, NetNotify } from '../net-device';
import { PacketBuf, PacketPool, PacketQueue } from '../packet';

export class WireEnd implements NetDevice {
  pool: PacketPool | null = null;
  notify: NetNotify | null = null;
  readonly rx: PacketQueue;
  peer: WireEnd | null = null;
  /** A frame held back by the reorder knob, and the reaps it has waited. */
  held: PacketBuf | null = null;
  heldAge = 0;
  dropped = 0;
  sent = 0;

  constructor(readonly wire: MemoryWire, readonly mac: number, rxLimit: number) {
    this.rx = new PacketQueue(rxLimit);
  }

  macAddress(): number {
    return this.mac;
  }
  mtu(): number {
    return 1500;
  }
  txHeadroom(): number {
    return 0;
  }
  attach(pool: PacketPool, notify: NetNotify | null): number {
    this.pool = pool;
    this.notify = notify;
    return 0;
  }
  receive(): PacketBuf | null {
    this.wire.lock.lock();
    const b = this.rx.pop();
    this.wire.lock.unlock();
    return b;
  }
  receiveDone(buf: PacketBuf): void {
    this.pool!.free(buf);
  }
  transmit(buf: PacketBuf): number {
    this.sent++;
    this.wire.carry(this, buf);
    return 0;
  }
  reap(): void {
    this.wire.lock.lock();
    const h = this.held;
    if (h !== null) {
      if (this.heldAge >= 1) {
        this.held = null;
        this.enqueueLocked(h);
      } else this.heldAge++;
    }
    this.wire.lock.unlock();
  }
  rxDropped(): number {
    return this.dropped;
  }

  enqueueLocked(b: PacketBuf): void {
    if (!this.rx.push(b)) {
      this.dropped++;
      this.pool!.free(b);
    }
  }

  /** Frees what is queued or held (end of a test). */
  drain(): void {
    this.wire.lock.lock();
    const h = this.held;
    this.held = null;
    if (h !== null) this.pool!.free(h);
    this.rx.drain(this.pool!);
    this.wire.lock.unlock();
  }

  /** Frames waiting to be received (held one included). */
  waiting(): number {
    return this.rx.length() + (this.held === null ? 0 : 1);
  }
}

export class MemoryWire {
  readonly a: WireEnd;
  readonly b: WireEnd;
  readonly lock: SpinLock = new SpinLock('memory wire');
  lossPermille = 0;
  duplicatePermille = 0;
  reorderPermille = 0;
  private rng: u32;
  lost = 0;
  duplicated = 0;
  reordered = 0;

  constructor(macA: number, macB: number, rxLimit: number, seed: number) {
    this.a = new WireEnd(this, macA, rxLimit);
    this.b = new WireEnd(this, macB, rxLimit);
    this.a.peer = this.b;
    this.b.peer = this.a;
    this.rng = u32(seed === 0 ? 1 : seed);
  }

  /** xorshift32: the next value in [0, 1000). */
  private roll(): number {
    let x = this.rng;
    x = u32(x ^ (x << 13));
    x = u32(x ^ (x >>> 17));
    x = u32(x ^ (x << 5));
    this.rng = x;
    return x % 1000;
  }

  /** Moves `buf` (owned by `from`, a transmitted frame) to the other end. */
  carry(from: WireEnd, buf: PacketBuf): void {
    const to = from.peer!;
    this.lock.lock();
    let copies = 1;
    if (this.lossPermille > 0 && this.roll() < this.lossPermille) {
      copies = 0;
      this.lost++;
    } else if (this.duplicatePermille > 0 && this.roll() < this.duplicatePermille) {
      copies = 2;
      this.duplicated++;
    }
    for (let k = 0; k < copies; k++) {
      const pool = to.pool;
      const nb = pool === null ? null : pool.alloc();
      if (nb === null) {
        to.dropped++;
        continue;
      }
      memcpy(nb.data(), buf.data(), buf.len);
      nb.len = buf.len;
      if (to.held === null && this.reorderPermille > 0 && this.roll() < this.reorderPermille) {
        to.held = nb;
        to.heldAge = 0;
        this.reordered++;
        continue;
      }
      to.enqueueLocked(nb);
      const h = to.held;
      if (h !== null) {
        to.held = null;
        to.enqueueLocked(h);
      }
    }
    this.lock.unlock();
    from.pool!.free(buf);
    const n = to.notify;
    if (n !== null) n.netEvent();
  }

  [Symbol.dispose](): void {
    this.a.drain();
    this.b.drain();
    release(this.a.rx);
    release(this.b.rx);
    release(this.a);
    release(this.b);
    this.lock[Symbol.dispose]();
    release(this.lock);
  }
}
