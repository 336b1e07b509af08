/**
 * virtio-blk (virtio 1.2, 5.2) on the virtio-mmio transport, as a
 * BlockDevice (declared by packages/fatfs; matched structurally): read,
 * write, flush, capacity from the configuration space, read-only devices
 * refused for writes.
 *
 * Requests: one queue; each request is a chain of a 16-byte header, the
 * caller's buffer (no copy; split into segments within the device's limits)
 * and a status byte. Several threads may have requests in flight at once,
 * up to one per slot; a thread that finds every slot busy sleeps until one
 * is free. The device may complete them in any order.
 *
 * Completion is by interrupt: the handler takes the used ring and wakes the
 * thread of each finished request, which sleeps on its slot's wait queue
 * meanwhile (no polling loop). A request not finished within the timeout
 * (requestTimeoutMs) is looked for in the used ring once more (a lost
 * interrupt), and failing that the device counts as stopped: it is reset,
 * which makes it drop every buffer it holds, so no caller's memory is
 * written after its call returned; every request in flight and every later
 * one gets -EIO. DEVICE_NEEDS_RESET (announced by a configuration-change
 * interrupt) is handled the same way.
 */
import { registerIrq } from '@unishyper/hal-aarch64';
import { FixedArray, allocBytes, hex, idiv, kprint, load8, release, store32, store64, store8, u64 } from '@unishyper/rt';
import { WaitQueue, schedLock, schedUnlock } from '@unishyper/sched';
import { IrqSpinLock } from '@unishyper/sync';
import { DeviceId, Interrupt } from './mmio-registers';
import { MmioTransport } from './transport';
import { SplitQueue } from './virtqueue';

/** Errors returned (the values of @unishyper/vfs Errno, which this package does not depend on). */
const EIO = 5;
const EINVAL = 22;
const EROFS = 30;

/** Request types (5.2.6). */
const BlkType = { In: 0, Out: 1, Flush: 4 } as const;
/** Status byte values (5.2.6). */
const BlkStatus = { Ok: 0, IoErr: 1, Unsupported: 2 } as const;
/** Block device feature bits (5.2.3). */
const BlkFeature = { SizeMax: 1, SegMax: 2, ReadOnly: 5, BlkSize: 6, Flush: 9 } as const;
/** Configuration layout (5.2.4). */
const BlkConfig = { Capacity: 0, SizeMax: 8, SegMax: 12, BlkSize: 20 } as const;

/** virtio-blk addresses the disk in 512-byte sectors whatever its logical block size. */
export const SECTOR_BYTES = 512;
/** Queue entries asked for (less if the device offers less). */
const QUEUE_SIZE = 256;
/** Requests in flight at most. */
const MAX_SLOTS = 32;
/** Data segments per request at most (fewer if the device says so). */
const MAX_SEGMENTS = 16;
/** Bytes of one segment when the device sets no limit. */
const DEFAULT_SEGMENT_BYTES = 1 << 20;
/** Default time a request may take before the device counts as stopped. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Header (16 bytes) and status byte of one slot. */
const SLOT_BYTES = 32;

/** One request in flight. */
class BlkSlot {
  readonly header: number = allocBytes(SLOT_BYTES, 16);
  readonly waiters: WaitQueue = new WaitQueue();
  busy = false;
  done = false;
  result = 0;
  /** Its chain's head descriptor while the device has it. */
  head = -1;
}

export class VirtioBlk {
  readonly transport: MmioTransport;
  private queue: SplitQueue | null = null;
  private readonly lock = new IrqSpinLock('virtio-blk');
  private slots: FixedArray<BlkSlot | null> = new FixedArray<BlkSlot | null>(0, null);
  /** Slot index of each head descriptor in flight (-1: none). */
  private slotOfHead: FixedArray<number> = new FixedArray<number>(0, -1);
  private freeSlots: FixedArray<number> = new FixedArray<number>(0, 0);
  private freeSlotCount = 0;
  /** Threads waiting for a free slot. */
  private readonly slotWaiters = new WaitQueue();
  private capacity = 0;
  private logicalBlock = SECTOR_BYTES;
  private readOnlyDevice = false;
  private canFlush = false;
  private segmentBytes = DEFAULT_SEGMENT_BYTES;
  private segments = MAX_SEGMENTS;
  private ready = false;
  private failed = false;
  private timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
  /** Requests completed, and interrupts taken (for tests and statistics). */
  completed = 0;
  interrupts = 0;

  constructor(base: number, size: number, irq: number) {
    this.transport = new MmioTransport(base, size, irq);
  }

  /**
   * Brings the device up: probe, features (RO, FLUSH, SIZE_MAX, SEG_MAX,
   * BLK_SIZE when offered), configuration, the request queue, the
   * interrupt, DRIVER_OK. Returns 0, or -EIO with the reason printed.
   */
  init(): number {
    const t = this.transport;
    const id = t.probe();
    if (id !== DeviceId.Block) {
      if (id >= 0) kprint`virtio-blk@${hex(t.base)}: the slot holds device ${id}, not a block device\n`;
      return -EIO;
    }
    const want = (1 << BlkFeature.SizeMax) | (1 << BlkFeature.SegMax) | (1 << BlkFeature.ReadOnly) | (1 << BlkFeature.BlkSize) | (1 << BlkFeature.Flush);
    if (t.negotiate('virtio-blk', want, 0) < 0) return -EIO;
    this.capacity = t.config64(BlkConfig.Capacity);
    this.readOnlyDevice = t.hasFeature(BlkFeature.ReadOnly);
    this.canFlush = t.hasFeature(BlkFeature.Flush);
    if (t.hasFeature(BlkFeature.BlkSize)) this.logicalBlock = t.config32(BlkConfig.BlkSize);
    if (t.hasFeature(BlkFeature.SizeMax)) {
      const max = t.config32(BlkConfig.SizeMax);
      if (max >= SECTOR_BYTES) this.segmentBytes = max - (max % SECTOR_BYTES);
    }
    if (t.hasFeature(BlkFeature.SegMax)) {
      const max = t.config32(BlkConfig.SegMax);
      if (max >= 1 && max < this.segments) this.segments = max;
    }
    let size = QUEUE_SIZE;
    const max = t.queueMax(0);
    while (size > max && size > 1) size = size >> 1;
    if (max === 0) {
      kprint`virtio-blk@${hex(t.base)}: the device has no request queue\n`;
      return -EIO;
    }
    // A request takes a header, its segments and a status byte.
    if (this.segments + 2 > size) this.segments = size - 2;
    if (this.segments < 1) {
      kprint`virtio-blk@${hex(t.base)}: a queue of ${size} entries cannot hold a request\n`;
      return -EIO;
    }
    const q = new SplitQueue(size);
    if (t.setupQueue('virtio-blk', 0, size, q.descAddr, q.availAddr, q.usedAddr) < 0) {
      q[Symbol.dispose]();
      release(q);
      return -EIO;
    }
    this.queue = q;
    // Most requests take one segment (three descriptors); bigger ones wait for descriptors in submit().
    let slotCount = MAX_SLOTS;
    const perQueue = idiv(size, 3);
    if (perQueue < slotCount) slotCount = perQueue < 1 ? 1 : perQueue;
    this.slots = new FixedArray<BlkSlot | null>(slotCount, null);
    this.freeSlots = new FixedArray<number>(slotCount, 0);
    for (let i = 0; i < slotCount; i++) {
      this.slots.set(i, new BlkSlot());
      this.freeSlots.set(i, i);
    }
    this.freeSlotCount = slotCount;
    this.slotOfHead = new FixedArray<number>(size, -1);
    registerIrq(t.irq, (_irq) => this.handleInterrupt());
    t.driverOk();
    this.ready = true;
    return 0;
  }

  blockSize(): number {
    return SECTOR_BYTES;
  }

  blockCount(): number {
    return this.capacity;
  }

  readOnly(): boolean {
    return this.readOnlyDevice;
  }

  /** The device's logical block size (BLK_SIZE; 512 when it does not say): the unit it prefers writes in. */
  logicalBlockSize(): number {
    return this.logicalBlock;
  }

  /** Whether the device gave up (timed out or needed a reset): every call then returns -EIO. */
  hasFailed(): boolean {
    return this.failed;
  }

  /** Requests in flight at most at once. */
  slotCount(): number {
    return this.slots.length;
  }

  /** How long a request may take before the device counts as stopped (default 30 s; 0: no waiting at all). */
  setRequestTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
  }

  read(block: number, count: number, buf: number): number {
    return this.transfer(BlkType.In, block, count, buf);
  }

  write(block: number, count: number, buf: number): number {
    if (this.readOnlyDevice) return -EROFS;
    return this.transfer(BlkType.Out, block, count, buf);
  }

  /** Makes completed writes durable (VIRTIO_BLK_T_FLUSH); a device without FLUSH writes through, so 0. */
  flush(): number {
    if (!this.ready || this.failed) return -EIO;
    if (!this.canFlush) return 0;
    const s = this.submit(BlkType.Flush, 0, 0, 0);
    return s < 0 ? s : this.finish(s);
  }

  /** Reads or writes `count` sectors from `block`, in as many requests as the device's limits need. */
  private transfer(type: number, block: number, count: number, buf: number): number {
    if (!this.ready || this.failed) return -EIO;
    if (count <= 0 || block < 0 || buf <= 0 || block + count > this.capacity) return -EINVAL;
    const perRequest = idiv(this.segmentBytes * this.segments, SECTOR_BYTES);
    let done = 0;
    while (done < count) {
      const n = count - done < perRequest ? count - done : perRequest;
      const s = this.submit(type, block + done, buf + done * SECTOR_BYTES, n * SECTOR_BYTES);
      if (s < 0) return s;
      const r = this.finish(s);
      if (r < 0) return r;
      done += n;
    }
    return 0;
  }

  /**
   * Starts a request and returns its slot (finish() waits for it), or
   * -EIO when the device failed. Sleeps while every slot is busy.
   */
  submit(type: number, sector: number, buf: number, bytes: number): number {
    const need = idiv(bytes + this.segmentBytes - 1, this.segmentBytes) + 2;
    for (;;) {
      if (this.failed) return -EIO;
      this.lock.lock();
      const s = this.startLocked(type, sector, buf, bytes, need);
      this.lock.unlock();
      if (s !== -1) return s;
      // No slot or too few descriptors: sleep until a finish() frees some. The
      // check is repeated under the scheduler lock, which finish() takes to
      // wake us, so the wake-up cannot be lost in between.
      const saved = schedLock();
      if (!this.failed && (this.freeSlotCount === 0 || this.queue!.freeCount() < need)) this.slotWaiters.waitLocked(-1);
      schedUnlock(saved);
    }
  }

  /** Takes a slot and publishes the request (`need` descriptors); -1 when no slot or too few descriptors are free, -EIO when the device failed. */
  private startLocked(type: number, sector: number, buf: number, bytes: number, need: number): number {
    if (this.failed) return -EIO;
    const q = this.queue!;
    if (this.freeSlotCount === 0 || q.freeCount() < need) return -1;
    this.freeSlotCount--;
    const index = this.freeSlots.get(this.freeSlotCount);
    const slot = this.slots.get(index)!;
    slot.busy = true;
    slot.done = false;
    slot.result = 0;
    store32(slot.header, type);
    store32(slot.header + 4, 0);
    store64(slot.header + 8, u64(sector));
    store8(slot.header + 16, 0xff);
    q.begin();
    q.append(slot.header, 16, false);
    let off = 0;
    while (off < bytes) {
      const n = bytes - off < this.segmentBytes ? bytes - off : this.segmentBytes;
      q.append(buf + off, n, type === BlkType.In);
      off += n;
    }
    q.append(slot.header + 16, 1, true);
    slot.head = q.publish();
    this.slotOfHead.set(slot.head, index);
    this.transport.notify(0);
    return index;
  }

  /** Waits until the request in slot `index` is finished, frees the slot and returns 0 or -EIO. */
  finish(index: number): number {
    const slot = this.slots.get(index)!;
    let saved = schedLock();
    while (!slot.done) {
      // A timeout of 0 does not sleep: a request not finished already counts as unanswered.
      const woken = this.timeoutMs > 0 && slot.waiters.waitLocked(this.timeoutMs * 1_000_000);
      if (!woken && !slot.done) {
        schedUnlock(saved);
        this.timedOut();
        saved = schedLock();
      }
    }
    schedUnlock(saved);
    const result = slot.result;
    this.lock.lock();
    slot.busy = false;
    this.freeSlots.set(this.freeSlotCount, index);
    this.freeSlotCount++;
    this.lock.unlock();
    this.slotWaiters.wakeOne();
    return result;
  }

  /** A request took too long: take what the used ring holds (a lost interrupt); if it is still missing, the device has stopped. */
  private timedOut(): void {
    this.lock.lock();
    this.reapLocked();
    let missing = false;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots.get(i)!;
      if (s.busy && !s.done) missing = true;
    }
    if (missing && !this.failed) {
      kprint`virtio-blk@${hex(this.transport.base)}: no answer within ${this.timeoutMs} ms; resetting the device, which fails from now on\n`;
      this.failLocked();
    }
    this.lock.unlock();
  }

  /** The device's interrupt: completions, and DEVICE_NEEDS_RESET. */
  handleInterrupt(): void {
    const why = this.transport.takeInterrupt();
    this.interrupts++;
    this.lock.lock();
    if ((why & Interrupt.ConfigChange) !== 0 && this.transport.needsReset() && !this.failed) {
      kprint`virtio-blk@${hex(this.transport.base)}: the device needs a reset; it fails from now on\n`;
      this.failLocked();
    } else {
      this.reapLocked();
    }
    this.lock.unlock();
  }

  /** Takes every returned chain: its slot is done with the status the device wrote. */
  private reapLocked(): void {
    const q = this.queue;
    if (q === null || this.failed) return;
    while (q.hasUsed()) {
      const head = q.popUsed();
      const index = head >= 0 && head < this.slotOfHead.length ? this.slotOfHead.get(head) : -1;
      if (index < 0) {
        kprint`virtio-blk@${hex(this.transport.base)}: the device returned descriptor ${head}, which it did not hold; resetting it\n`;
        this.failLocked();
        return;
      }
      this.slotOfHead.set(head, -1);
      q.freeChain(head);
      const slot = this.slots.get(index)!;
      const status = load8(slot.header + 16);
      slot.result = status === BlkStatus.Ok ? 0 : -EIO;
      if (status === BlkStatus.Unsupported) kprint`virtio-blk@${hex(this.transport.base)}: request type ${load8(slot.header)} not supported by the device\n`;
      slot.done = true;
      this.completed++;
      slot.waiters.wakeOne();
    }
  }

  /**
   * Gives up on the device: reset it (it then holds no buffer of ours),
   * finish every request in flight with -EIO and wake everyone waiting.
   */
  private failLocked(): void {
    this.failed = true;
    this.transport.reset();
    const q = this.queue;
    if (q !== null) q.resetRings();
    for (let h = 0; h < this.slotOfHead.length; h++) this.slotOfHead.set(h, -1);
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots.get(i)!;
      if (s.busy && !s.done) {
        s.result = -EIO;
        s.done = true;
        s.waiters.wakeOne();
      }
    }
    this.slotWaiters.wakeAll();
  }
}
