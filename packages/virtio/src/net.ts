/**
 * virtio-net (virtio 1.2, 5.1) on the virtio-mmio transport, as a NetDevice
 * (declared by packages/net; matched structurally, so this package does not
 * depend on it): one receive and one transmit queue, the MAC from the
 * configuration space, no offloads (the stack computes every checksum; the
 * device is asked for none, so it does none).
 *
 * Buffers are the stack's (its PacketPool): receive buffers are posted
 * ahead of time, the 12-byte virtio-net header landing in the buffer's
 * headroom just before data(), so a frame arrives where the stack parses it
 * (no copy); a frame to send already has room in front for the header
 * (txHeadroom), which is zeroed there (no copy either). A sent buffer goes
 * back to the pool when the device returns it.
 *
 * Interrupts: a used receive buffer raises one, whose handler only tells
 * the stack (NetNotify.netEvent) and turns receive interrupts off until
 * receive() finds the queue empty, so one interrupt serves a burst that
 * the stack's poll takes whole; the rings are touched by the stack's calls
 * alone (receive, transmit, reap), which the stack serialises under its
 * lock. Transmit completions raise none (VIRTQ_AVAIL_F_NO_INTERRUPT): they
 * are reaped when the stack transmits or polls.
 */
import { dmb, FixedArray, hex, kprint, memset } from '@unishyper/rt';
import { registerIrq } from '@unishyper/hal-aarch64';
import { DeviceId, Interrupt } from './mmio-registers';
import { MmioTransport } from './transport';
import { SplitQueue } from './virtqueue';

/** The error NetDevice.transmit returns when the queue is full (packages/net NetError.ENOBUFS). */
const ENOBUFS = 105;
const EIO = 5;

/** Network device feature bits (5.1.3). */
const NetFeature = { Mac: 5, Status: 16 } as const;
/** Configuration layout (5.1.4). */
const NetConfig = { Mac: 0, Status: 6 } as const;
/** The header every buffer starts with once VERSION_1 is negotiated (5.1.6): flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers. */
export const VIRTIO_NET_HDR_BYTES = 12;
const RX_QUEUE = 0;
const TX_QUEUE = 1;
/** Entries asked for per queue (less if the device offers less). */
const QUEUE_SIZE = 256;
/** Receive buffers kept posted at most; never more than half the pool (the rest is for sending and for frames being parsed). */
const RX_POSTED = 64;
/** The largest frame without FCS (a VLAN tag included): what a receive buffer must hold after the header. */
const MAX_FRAME = 1518;

/** What the driver needs of a packet buffer (packages/net PacketBuf). */
interface NetBuffer {
  readonly base: number;
  readonly capacity: number;
  start: number;
  len: number;
  data(): number;
  prepend(n: number): number;
  /** Empty, with `headroom` bytes in front (as the pool hands it out). */
  reset(headroom: number): void;
}

/** What the driver needs of the stack's pool (packages/net PacketPool). */
interface NetBufferPool<B extends NetBuffer> {
  readonly count: number;
  readonly headroom: number;
  readonly bufSize: number;
  alloc(): B | null;
  free(b: B): void;
}

/** Who is told that frames arrived (packages/net NetNotify). */
interface NetEvents {
  netEvent(): void;
}

/**
 * Generic in the stack's buffer and pool types (`VirtioNet<PacketBuf, PacketPool>`), so
 * this package needs nothing of packages/net and reads their fields directly.
 */
export class VirtioNet<B extends NetBuffer, P extends NetBufferPool<B>> {
  readonly transport: MmioTransport;
  private rx: SplitQueue | null = null;
  private tx: SplitQueue | null = null;
  private pool: P | null = null;
  private notify: NetEvents | null = null;
  /** The buffer behind each head descriptor on each queue (null: none). */
  private rxBufs: FixedArray<B | null> = new FixedArray<B | null>(0, null);
  private txBufs: FixedArray<B | null> = new FixedArray<B | null>(0, null);
  private posted = 0;
  /** The descriptor and buffer receive() handed out last, until receiveDone brings the buffer back (-1 / null: none). */
  private lentHead = -1;
  private lentBuf: B | null = null;
  /** Receive buffers added to the ring (receiveDone, refill) and not yet published. */
  private unpublished = 0;
  private postLimit = RX_POSTED;
  private mac = 0;
  private ready = false;
  private failed = false;
  /** Receive interrupts are off (VIRTQ_AVAIL_F_NO_INTERRUPT) until receive() finds the queue empty. */
  private rxQuiet = false;
  /** Set by the interrupt handler when the device asks for a reset. */
  private resetRequested = false;
  private dropped = 0;
  /** Frames received and sent, receive interrupts taken. */
  received = 0;
  sent = 0;
  interrupts = 0;

  constructor(base: number, size: number, irq: number) {
    this.transport = new MmioTransport(base, size, irq);
  }

  macAddress(): number {
    return this.mac;
  }

  mtu(): number {
    return 1500;
  }

  txHeadroom(): number {
    return VIRTIO_NET_HDR_BYTES;
  }

  rxDropped(): number {
    return this.dropped;
  }

  /** Whether the device gave up (DEVICE_NEEDS_RESET): it then sends and receives nothing. */
  hasFailed(): boolean {
    return this.failed;
  }

  /**
   * Brings the device up: features (MAC, STATUS when offered; nothing else),
   * the MAC, both queues, DRIVER_OK. Call it before handing the device to a
   * stack (which reads the MAC when it is made); attach() calls it when it
   * was not. 0, or -EIO with the reason printed.
   */
  init(): number {
    if (this.ready) return 0;
    const t = this.transport;
    const id = t.probe();
    if (id !== DeviceId.Net) {
      if (id >= 0) kprint`virtio-net@${hex(t.base)}: the slot holds device ${id}, not a network device\n`;
      return -EIO;
    }
    if (t.negotiate('virtio-net', (1 << NetFeature.Mac) | (1 << NetFeature.Status), 0) < 0) return -EIO;
    if (t.hasFeature(NetFeature.Mac)) {
      for (let i = 0; i < 6; i++) this.mac = this.mac * 256 + t.config8(NetConfig.Mac + i);
    } else {
      this.mac = 0x02_00_00_00_00_01; // locally administered, when the device names none
    }
    const rx = this.makeQueue(RX_QUEUE);
    const tx = this.makeQueue(TX_QUEUE);
    if (rx === null || tx === null) return -EIO;
    tx.setNoInterrupt(true);
    this.rx = rx;
    this.tx = tx;
    this.rxBufs = new FixedArray<B | null>(rx.size, null);
    this.txBufs = new FixedArray<B | null>(tx.size, null);
    t.driverOk();
    this.ready = true;
    return 0;
  }

  /**
   * The stack's start: its pool to receive into and return sent buffers
   * to, and whom to tell when frames arrive. Receive buffers are posted.
   * 0, or -EIO with the reason printed.
   */
  attach(pool: P, notify: NetEvents | null): number {
    const t = this.transport;
    if (this.init() < 0) return -EIO;
    if (this.pool !== null) {
      kprint`virtio-net@${hex(t.base)}: already attached to a stack\n`;
      return -EIO;
    }
    if (pool.headroom < VIRTIO_NET_HDR_BYTES || pool.bufSize - pool.headroom < MAX_FRAME) {
      kprint`virtio-net@${hex(t.base)}: packet buffers of ${pool.bufSize} bytes with ${pool.headroom} of headroom cannot hold a frame and its header\n`;
      return -EIO;
    }
    this.pool = pool;
    this.notify = notify;
    this.postLimit = pool.count >> 1 < RX_POSTED ? pool.count >> 1 : RX_POSTED;
    registerIrq(t.irq, (_irq) => this.handleInterrupt());
    this.refill();
    return 0;
  }

  private makeQueue(index: number): SplitQueue | null {
    const t = this.transport;
    const max = t.queueMax(index);
    if (max === 0) {
      kprint`virtio-net@${hex(t.base)}: queue ${index} does not exist\n`;
      return null;
    }
    let size = QUEUE_SIZE;
    while (size > max && size > 1) size = size >> 1;
    const q = new SplitQueue(size);
    if (t.setupQueue('virtio-net', index, size, q.descAddr, q.availAddr, q.usedAddr) < 0) return null;
    return q;
  }

  /**
   * The next received frame (the stack owns it), or null. Receive
   * interrupts stay off from the interrupt until the queue is found empty
   * here (the stack takes frames until it gets null): one interrupt serves
   * a burst. They are turned on again before the last look, so a frame
   * that arrives after it raises one.
   */
  receive(): B | null {
    const q = this.rx;
    if (q === null || this.gone()) return null;
    if (!q.hasUsed()) {
      this.publishRx();
      if (!this.rxQuiet) return null;
      this.rxQuiet = false;
      q.setNoInterrupt(false);
      dmb(); // the flag must be visible before the used index is read again (virtio 1.2, 2.7.10)
      if (!q.hasUsed()) return null;
      this.rxQuiet = true;
      q.setNoInterrupt(true);
    }
    this.settleLent();
    const head = q.popUsed();
    const b = head >= 0 && head < this.rxBufs.length ? this.rxBufs.get(head) : null;
    if (b === null) return this.broken('a receive buffer it did not hold');
    this.rxBufs.set(head, null);
    this.posted--;
    const written = q.lastUsedLength;
    // The frame follows the header, at data(); a length the buffer cannot hold is the device's error.
    if (written < VIRTIO_NET_HDR_BYTES || written - VIRTIO_NET_HDR_BYTES > b.capacity - b.start) {
      q.freeChain(head);
      this.pool!.free(b);
      this.dropped++;
      return null;
    }
    // Its descriptor stays as it is until the stack is done: receiveDone posts the buffer again under it.
    this.lentHead = head;
    this.lentBuf = b;
    b.len = written - VIRTIO_NET_HDR_BYTES;
    this.received++;
    // Top the ring up in batches (reap does it every poll): one barrier, index store and notification for many buffers.
    if (this.posted < this.postLimit >> 1) this.refill();
    return b;
  }

  /**
   * A received buffer the stack is done with: posted again at once while
   * the ring wants buffers (no pool round trip), made visible with the next
   * batch (receive() before it reports an empty queue, or reap); else freed.
   */
  receiveDone(b: B): void {
    const q = this.rx;
    if (q !== null && b === this.lentBuf && !this.failed) {
      // The buffer just received: its descriptor still describes it; only its ring entry is written.
      b.reset(this.pool!.headroom);
      q.requeue(this.lentHead);
      this.rxBufs.set(this.lentHead, b);
      this.lentHead = -1;
      this.lentBuf = null;
      this.posted++;
      this.unpublished++;
      return;
    }
    if (q !== null && !this.failed && this.posted < this.postLimit && q.freeCount() > 0) {
      b.reset(this.pool!.headroom);
      this.rxBufs.set(q.addOne(b.data() - VIRTIO_NET_HDR_BYTES, b.capacity - b.start + VIRTIO_NET_HDR_BYTES, true), b);
      this.posted++;
      this.unpublished++;
      return;
    }
    this.pool!.free(b);
  }

  /** The stack kept the last received buffer (it did not come back through receiveDone): its descriptor is free now. */
  private settleLent(): void {
    const q = this.rx;
    if (this.lentHead < 0 || q === null) return;
    q.freeChain(this.lentHead);
    this.lentHead = -1;
    this.lentBuf = null;
  }

  /** Makes the receive buffers added since visible to the device and tells it. */
  private publishRx(): void {
    const q = this.rx;
    if (q === null || this.unpublished === 0) return;
    q.publishAdded();
    this.unpublished = 0;
    this.transport.notify(RX_QUEUE);
  }

  /** Queues the frame at buf.data() for sending: 0 (the device owns buf), or -ENOBUFS (still the caller's). */
  transmit(b: B): number {
    const q = this.tx;
    if (q === null || this.gone()) return -ENOBUFS;
    if (q.freeCount() === 0) this.reapTx();
    if (q.freeCount() === 0 || b.start < VIRTIO_NET_HDR_BYTES) return -ENOBUFS;
    const at = b.prepend(VIRTIO_NET_HDR_BYTES);
    memset(at, 0, VIRTIO_NET_HDR_BYTES);
    this.txBufs.set(q.addOne(at, b.len, false), b);
    q.publishAdded();
    this.sent++;
    this.transport.notify(TX_QUEUE);
    return 0;
  }

  /** The stack's housekeeping: sent buffers back to the pool, the receive ring topped up. */
  reap(): void {
    if (this.gone()) return;
    this.settleLent();
    this.reapTx();
    this.refill();
  }

  private reapTx(): void {
    const q = this.tx;
    if (q === null) return;
    while (q.hasUsed()) {
      const head = q.popUsed();
      const b = head >= 0 && head < this.txBufs.length ? this.txBufs.get(head) : null;
      if (b === null) {
        this.broken('a transmit buffer it did not hold');
        return;
      }
      this.txBufs.set(head, null);
      q.freeChain(head);
      this.pool!.free(b);
    }
  }

  /** Posts receive buffers from the pool until postLimit are out (or the pool or ring is empty), and tells the device once. */
  private refill(): void {
    const q = this.rx;
    const pool = this.pool;
    if (q === null || pool === null) return;
    let added = 0;
    while (this.posted < this.postLimit && q.freeCount() > 0) {
      const b = pool.alloc();
      if (b === null) break;
      // The header goes in the headroom, right before where the frame will start.
      const at = b.data() - VIRTIO_NET_HDR_BYTES;
      this.rxBufs.set(q.addOne(at, b.capacity - b.start + VIRTIO_NET_HDR_BYTES, true), b);
      this.posted++;
      added++;
    }
    this.unpublished += added;
    this.publishRx();
  }

  /**
   * The interrupt: tells the stack. DEVICE_NEEDS_RESET is only noted here
   * (the rings belong to the stack's calls); the next of them gives up.
   */
  handleInterrupt(): void {
    const why = this.transport.takeInterrupt();
    this.interrupts++;
    // No more receive interrupts until receive() has emptied the queue (NAPI-like: the stack polls meanwhile).
    const rx = this.rx;
    if (rx !== null && !this.rxQuiet) {
      this.rxQuiet = true;
      rx.setNoInterrupt(true);
    }
    if ((why & Interrupt.ConfigChange) !== 0 && this.transport.needsReset()) this.resetRequested = true;
    const n = this.notify;
    if (n !== null) n.netEvent();
  }

  /** True (and the device given up) when it asked for a reset. Called at the start of every stack call: two loads when all is well. */
  private gone(): boolean {
    return (this.failed || this.resetRequested) && this.giveUpIfAsked();
  }

  private giveUpIfAsked(): boolean {
    if (this.failed) return true;
    kprint`virtio-net@${hex(this.transport.base)}: the device needs a reset; it sends and receives nothing from now on\n`;
    this.giveUp();
    return true;
  }

  /** A device that returned a descriptor it never had: reset it, fail from now on. */
  private broken(what: string): null {
    kprint`virtio-net@${hex(this.transport.base)}: the device returned ${what}; resetting it\n`;
    this.giveUp();
    return null;
  }

  /** Resets the device (after which it holds no buffer) and gives every buffer it held back to the pool. */
  private giveUp(): void {
    this.failed = true;
    this.transport.reset();
    const pool = this.pool;
    if (pool === null) return;
    for (let i = 0; i < this.rxBufs.length; i++) {
      const b = this.rxBufs.get(i);
      if (b !== null) pool.free(b);
      this.rxBufs.set(i, null);
    }
    for (let i = 0; i < this.txBufs.length; i++) {
      const b = this.txBufs.get(i);
      if (b !== null) pool.free(b);
      this.txBufs.set(i, null);
    }
    this.posted = 0;
    this.unpublished = 0;
    this.lentHead = -1;
    this.lentBuf = null;
  }
}
