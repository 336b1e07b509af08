/**
 * Packet buffers: a pool of fixed-size buffers in ordinary RAM, made once,
 * shared by the stack and its device (DMA-able: one `allocBytes` block,
 * each buffer 64-byte aligned, addresses are physical = virtual in the
 * unikernel's identity map).
 *
 *     base                 base+start          base+start+len     base+capacity
 *     | headroom ........... | frame / datagram ... | tailroom ......... |
 *
 * A fresh buffer's data starts after `headroom` bytes (HEADROOM): a
 * transmitting layer writes its payload there and each layer below
 * `prepend`s its header in front (UDP, then IPv4, then Ethernet, then the
 * device's own header such as virtio-net's), so nothing is copied on the
 * way down. A device receives a frame at `data()` (it may use the bytes in
 * front for its own header) and the stack parses it where it lies.
 *
 * Ownership is linear: a buffer belongs to exactly one of the pool, the
 * device (posted for receive, or queued for transmit), the stack (being
 * parsed, or waiting in an ARP queue) — never two. Whoever owns it last
 * frees it. Buffers carry an intrusive `next` link so queues of them
 * (PacketQueue) need no storage of their own.
 *
 * Safe from every core and from interrupt handlers (a virtio-net interrupt
 * handler may recycle buffers): the free list is lock-free (PacketPool).
 * Freeing a buffer that is not in use or not from this pool panics: that is
 * a bug in the stack or a driver, never input (two cores freeing the same
 * buffer at once may escape that check).
 */
import { allocBytes, atomicCas64, atomicFetchAdd64, atomicLoad64, atomicStore64, FixedArray, freeBytes, load32, num, panic, release, store32, u64 } from '@unishyper/rt';

/** Bytes reserved in front of the data of a fresh buffer: device header + Ethernet + IPv4 with options + TCP with options. */
export const HEADROOM = 128;
/** Default buffer size: HEADROOM + the largest Ethernet frame (1518 with a VLAN tag) rounded up. */
export const PACKET_SIZE = 2048;

export class PacketBuf {
  /** Offset of the first data byte from `base`. */
  start = 0;
  /** Data bytes. */
  len = 0;
  /** Intrusive link for PacketQueue. */
  next: PacketBuf | null = null;
  /** Free for the current owner's use (the ARP queue keeps the next hop here). */
  tag = 0;
  inUse = false;

  constructor(readonly index: number, readonly base: number, readonly capacity: number) {}

  /** Address of the first data byte. */
  data(): number {
    return this.base + this.start;
  }

  /** Bytes free in front of the data. */
  headroom(): number {
    return this.start;
  }

  /** Bytes free after the data. */
  tailroom(): number {
    return this.capacity - this.start - this.len;
  }

  /** Grows the data by `n` bytes in front; the new data() address, or -1 when the headroom is too small (nothing changes). */
  prepend(n: number): number {
    if (n < 0 || n > this.start) return -1;
    this.start -= n;
    this.len += n;
    return this.base + this.start;
  }

  /** Drops `n` bytes from the front (a parsed header); false when there are fewer. */
  consume(n: number): boolean {
    if (n < 0 || n > this.len) return false;
    this.start += n;
    this.len -= n;
    return true;
  }

  /** Empties the buffer with `headroom` bytes in front. */
  reset(headroom: number): void {
    this.start = headroom;
    this.len = 0;
    this.next = null;
    this.tag = 0;
  }
}

/**
 * A fixed set of buffers, taken and given back from any core and from
 * interrupt handlers. Lock-free (a Treiber stack): the free list's head is
 * one 64-bit word, a tag above the index + 1 of the first free buffer (0:
 * none), changed only by compare-and-swap; the tag grows on every change so
 * a head that was taken and given back meanwhile is not mistaken for the
 * one read (ABA). A buffer's successor on the list is in `nextFree`. (A
 * spinlock here cost about 100 instructions per alloc/free pair, several
 * pairs per packet.)
 */
export class PacketPool {
  readonly count: number;
  readonly bufSize: number;
  readonly headroom: number;
  private readonly memory: number;
  private readonly bufs: FixedArray<PacketBuf>;
  /** The free list's head word (8 bytes, 8-aligned): tag * 2^16 + (index + 1). */
  private readonly head: number;
  /** Per buffer, 4 bytes: the index + 1 of the next free buffer (0: none). */
  private readonly nextFree: number;
  /** Buffers free (an 8-byte counter changed atomically). */
  private readonly freeWord: number;
  /** Fewest buffers ever free (a statistic: updated without a lock, so close, not exact, under contention). */
  lowWater: number;
  /** alloc() calls that found the pool empty (a statistic, as lowWater). */
  exhausted = 0;

  constructor(count: number, bufSize: number, headroom: number) {
    if (count < 1 || count > 0xfffe || bufSize < 256 || headroom < 0 || headroom >= bufSize) panic('PacketPool: bad geometry');
    this.count = count;
    this.bufSize = bufSize;
    this.headroom = headroom;
    this.memory = allocBytes(count * bufSize, 64);
    this.bufs = new FixedArray<PacketBuf>(count, new PacketBuf(0, this.memory, bufSize));
    for (let i = 1; i < count; i++) this.bufs.set(i, new PacketBuf(i, this.memory + i * bufSize, bufSize));
    this.nextFree = allocBytes(count * 4, 4);
    for (let i = 0; i < count; i++) store32(this.nextFree + i * 4, i + 1 < count ? i + 2 : 0);
    this.head = allocBytes(16, 8);
    this.freeWord = this.head + 8;
    atomicStore64(this.head, u64(1)); // buffer 0 first
    atomicStore64(this.freeWord, u64(count));
    this.lowWater = count;
  }

  /** A buffer with `headroom` bytes in front and no data, or null when all are in use. */
  alloc(): PacketBuf | null {
    for (;;) {
      const old = atomicLoad64(this.head);
      const first = num(u64(old & 0xffffn));
      if (first === 0) {
        this.exhausted++;
        return null;
      }
      const next = load32(this.nextFree + (first - 1) * 4);
      const desired = u64((((old >> 16n) + 1n) << 16n) | u64(next));
      if (atomicCas64(this.head, old, desired) !== old) continue; // another core changed the list: read it again
      const b = this.bufs.get(first - 1);
      b.inUse = true;
      const left = num(atomicFetchAdd64(this.freeWord, u64(0xffff_ffff_ffff_ffffn))) - 1;
      if (left < this.lowWater) this.lowWater = left;
      b.reset(this.headroom);
      return b;
    }
  }

  /** Gives `b` back. */
  free(b: PacketBuf): void {
    if (b.index < 0 || b.index >= this.count || this.bufs.get(b.index) !== b) panic('PacketPool.free: buffer is not from this pool');
    if (!b.inUse) panic('PacketPool.free: buffer freed twice');
    b.inUse = false;
    b.next = null;
    for (;;) {
      const old = atomicLoad64(this.head);
      store32(this.nextFree + b.index * 4, num(u64(old & 0xffffn)));
      // The release in the swap orders the store above before the buffer is visible as the head.
      if (atomicCas64(this.head, old, u64((((old >> 16n) + 1n) << 16n) | u64(b.index + 1))) === old) break;
    }
    atomicFetchAdd64(this.freeWord, u64(1));
  }

  /** Buffers free now. */
  freeCount(): number {
    return num(atomicLoad64(this.freeWord));
  }

  /** Frees the memory; every buffer must be back. */
  [Symbol.dispose](): void {
    if (this.freeCount() !== this.count) panic('PacketPool disposed with buffers in use');
    for (let i = 0; i < this.count; i++) release(this.bufs.get(i));
    release(this.bufs);
    freeBytes(this.nextFree);
    freeBytes(this.head);
    freeBytes(this.memory);
  }
}

/** A FIFO of buffers through their `next` links, holding at most `limit`. */
export class PacketQueue {
  private head: PacketBuf | null = null;
  private tail: PacketBuf | null = null;
  private n = 0;

  constructor(public limit: number) {}

  length(): number {
    return this.n;
  }

  isEmpty(): boolean {
    return this.n === 0;
  }

  /** Appends `b`; false (and `b` stays the caller's) when the queue is full. */
  push(b: PacketBuf): boolean {
    if (this.n >= this.limit) return false;
    b.next = null;
    const t = this.tail;
    if (t === null) this.head = b;
    else t.next = b;
    this.tail = b;
    this.n++;
    return true;
  }

  /** Puts `b` back in front (it was the head a moment ago: the limit is not checked). */
  pushFront(b: PacketBuf): void {
    b.next = this.head;
    this.head = b;
    if (this.tail === null) this.tail = b;
    this.n++;
  }

  pop(): PacketBuf | null {
    const h = this.head;
    if (h === null) return null;
    this.head = h.next;
    if (this.head === null) this.tail = null;
    h.next = null;
    this.n--;
    return h;
  }

  /** Frees every queued buffer to `pool`; returns how many. */
  drain(pool: PacketPool): number {
    let k = 0;
    let b = this.pop();
    while (b !== null) {
      pool.free(b);
      k++;
      b = this.pop();
    }
    return k;
  }
}
