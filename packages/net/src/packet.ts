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
 * Safe from every core and from interrupt handlers: the free stack is
 * guarded by an IrqSpinLock (a virtio-net interrupt handler may recycle
 * buffers). Freeing a buffer that is not in use or not from this pool
 * panics: that is a bug in the stack or a driver, never input.
 */
import { allocBytes, FixedArray, freeBytes, panic, release } from '@unishyper/rt';
import { IrqSpinLock } from '@unishyper/sync';

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

export class PacketPool {
  readonly count: number;
  readonly bufSize: number;
  readonly headroom: number;
  private readonly memory: number;
  private readonly bufs: FixedArray<PacketBuf>;
  private readonly freeStack: FixedArray<number>;
  private freeTop: number;
  private readonly lock: IrqSpinLock;
  /** Fewest buffers ever free. */
  lowWater: number;
  /** alloc() calls that found the pool empty. */
  exhausted = 0;

  constructor(count: number, bufSize: number, headroom: number) {
    if (count < 1 || bufSize < 256 || headroom < 0 || headroom >= bufSize) panic('PacketPool: bad geometry');
    this.count = count;
    this.bufSize = bufSize;
    this.headroom = headroom;
    this.memory = allocBytes(count * bufSize, 64);
    this.bufs = new FixedArray<PacketBuf>(count, new PacketBuf(0, this.memory, bufSize));
    for (let i = 1; i < count; i++) this.bufs.set(i, new PacketBuf(i, this.memory + i * bufSize, bufSize));
    this.freeStack = new FixedArray<number>(count, 0);
    for (let i = 0; i < count; i++) this.freeStack.set(i, count - 1 - i);
    this.freeTop = count;
    this.lowWater = count;
    this.lock = new IrqSpinLock('net packet pool');
  }

  /** A buffer with `headroom` bytes in front and no data, or null when all are in use. */
  alloc(): PacketBuf | null {
    this.lock.lock();
    if (this.freeTop === 0) {
      this.exhausted++;
      this.lock.unlock();
      return null;
    }
    this.freeTop--;
    const b = this.bufs.get(this.freeStack.get(this.freeTop));
    if (this.freeTop < this.lowWater) this.lowWater = this.freeTop;
    b.inUse = true;
    this.lock.unlock();
    b.reset(this.headroom);
    return b;
  }

  /** Gives `b` back. */
  free(b: PacketBuf): void {
    this.lock.lock();
    if (b.index < 0 || b.index >= this.count || this.bufs.get(b.index) !== b) {
      this.lock.unlock();
      panic('PacketPool.free: buffer is not from this pool');
    }
    if (!b.inUse) {
      this.lock.unlock();
      panic('PacketPool.free: buffer freed twice');
    }
    b.inUse = false;
    b.next = null;
    this.freeStack.set(this.freeTop, b.index);
    this.freeTop++;
    this.lock.unlock();
  }

  /** Buffers free now. */
  freeCount(): number {
    return this.freeTop;
  }

  /** Frees the memory; every buffer must be back. */
  [Symbol.dispose](): void {
    if (this.freeTop !== this.count) panic('PacketPool disposed with buffers in use');
    for (let i = 0; i < this.count; i++) release(this.bufs.get(i));
    release(this.bufs);
    release(this.freeStack);
    this.lock[Symbol.dispose]();
    release(this.lock);
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
