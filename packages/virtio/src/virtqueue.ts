/**
 * A split virtqueue (virtio 1.2, 2.7): the descriptor table, the available
 * ring the driver writes and the used ring the device writes, in memory the
 * queue allocates once. Descriptors not in use form a free list linked
 * through their `next` fields, so taking and returning a chain allocates
 * nothing.
 *
 * Not thread-safe: the driver that owns the queue holds its lock around
 * every call (the interrupt handler included).
 *
 * Adding a chain: `begin()`, one `append(addr, len, deviceWrites)` per
 * buffer (device-readable ones first, 2.7.4), `publish()` returns the head
 * and makes the chain visible; `notify` on the transport then tells the
 * device. One-buffer chains (receive buffers) can be added in a batch
 * instead: `addOne` each, then one `publishAdded`. Taking completions:
 * `hasUsed()`, `popUsed()` (the head; its byte count in `lastUsedLength`),
 * then `freeChain(head)`.
 */
import { allocBytes, dmb, freeBytes, load16, load32, memset, panic, store16, store32, store64, u64 } from '@unishyper/rt';

const DESC_BYTES = 16;
/** Descriptor flags (2.7.5). */
const DESC_F_NEXT = 1;
const DESC_F_WRITE = 2;
/** Marks the end of the free list. */
const NO_DESC = 0xffff;

export class SplitQueue {
  readonly size: number;
  /** Descriptor table (16-byte aligned), available ring (2), used ring (4): one allocation each. */
  readonly descAddr: number;
  readonly availAddr: number;
  readonly usedAddr: number;
  /** Length the device reported for the chain popUsed returned last. */
  lastUsedLength = 0;
  private freeHead = 0;
  private free: number;
  /** The avail index the driver publishes next (mod 2^16). */
  private availIdx = 0;
  /** Chains put in the available ring by addOne but not yet published. */
  private added = 0;
  /** The used index up to which completions were taken (mod 2^16). */
  private usedSeen = 0;
  /** The chain being built: its head, last descriptor and length. */
  private chainHead = NO_DESC;
  private chainTail = NO_DESC;

  /** `size` must be a power of two from 1 to 32768. */
  constructor(size: number) {
    if (size < 1 || size > 32768 || (size & (size - 1)) !== 0) panic('SplitQueue: the size must be a power of two from 1 to 32768');
    this.size = size;
    this.descAddr = allocBytes(DESC_BYTES * size, 16);
    this.availAddr = allocBytes(6 + 2 * size, 2);
    this.usedAddr = allocBytes(6 + 8 * size, 4);
    memset(this.descAddr, 0, DESC_BYTES * size);
    memset(this.availAddr, 0, 6 + 2 * size);
    memset(this.usedAddr, 0, 6 + 8 * size);
    for (let i = 0; i < size; i++) store16(this.descAddr + i * DESC_BYTES + 14, i + 1 < size ? i + 1 : NO_DESC);
    this.free = size;
  }

  /** Asks the device not to interrupt when it uses buffers of this queue (VIRTQ_AVAIL_F_NO_INTERRUPT, 2.7.7): the driver looks for them itself. */
  setNoInterrupt(on: boolean): void {
    store16(this.availAddr, on ? 1 : 0);
  }

  /** Descriptors not in any chain. */
  freeCount(): number {
    return this.free;
  }

  /** Starts a chain; `append` adds to it. */
  begin(): void {
    if (this.chainHead !== NO_DESC) panic('SplitQueue.begin: a chain is already being built');
  }

  /**
   * Adds a buffer of `len` bytes at `addr` to the chain being built;
   * `deviceWrites` for a buffer the device fills. The caller checked
   * freeCount() first: running out panics.
   */
  append(addr: number, len: number, deviceWrites: boolean): void {
    if (this.freeHead === NO_DESC || this.free === 0) panic('SplitQueue.append: no free descriptor (check freeCount() first)');
    const d = this.takeDescriptor(addr, len, deviceWrites);
    if (this.chainHead === NO_DESC) this.chainHead = d;
    else {
      const prev = this.descAddr + this.chainTail * DESC_BYTES;
      store16(prev + 12, load16(prev + 12) | DESC_F_NEXT);
      store16(prev + 14, d);
    }
    this.chainTail = d;
  }

  /** Takes the free list's first descriptor (the caller checked there is one) and fills it as a chain's last. */
  private takeDescriptor(addr: number, len: number, deviceWrites: boolean): number {
    const d = this.freeHead;
    const at = this.descAddr + d * DESC_BYTES;
    this.freeHead = load16(at + 14);
    this.free--;
    store64(at, u64(addr));
    store32(at + 8, len);
    store16(at + 12, deviceWrites ? DESC_F_WRITE : 0);
    store16(at + 14, 0);
    return d;
  }

  /** Puts the chain in the available ring and returns its head (the id the device returns it under). */
  publish(): number {
    const head = this.chainHead;
    if (head === NO_DESC) panic('SplitQueue.publish: the chain is empty');
    if (this.added !== 0) panic('SplitQueue.publish: chains added with addOne are not published yet');
    store16(this.availAddr + 4 + 2 * (this.availIdx & (this.size - 1)), head);
    // The ring entry (and the descriptors) must be visible before the index that publishes them (2.7.13).
    dmb();
    this.availIdx = (this.availIdx + 1) & 0xffff;
    store16(this.availAddr + 2, this.availIdx);
    this.chainHead = NO_DESC;
    this.chainTail = NO_DESC;
    return head;
  }

  /**
   * Adds a one-buffer chain (a receive buffer) to the available ring
   * without making it visible: `publishAdded` does that for all added since,
   * with one barrier and one index store. Returns its head. The caller
   * checked freeCount() first.
   */
  addOne(addr: number, len: number, deviceWrites: boolean): number {
    if (this.freeHead === NO_DESC || this.free === 0 || this.chainHead !== NO_DESC) panic('SplitQueue.addOne: no free descriptor, or a chain is being built');
    const d = this.takeDescriptor(addr, len, deviceWrites);
    store16(this.availAddr + 4 + 2 * ((this.availIdx + this.added) & (this.size - 1)), d);
    this.added++;
    return d;
  }

  /**
   * Puts a one-buffer chain the device returned back in the available ring
   * as it is (its descriptor unchanged: the same buffer, posted again), to
   * be published with publishAdded. The caller has not freed it.
   */
  requeue(head: number): void {
    store16(this.availAddr + 4 + 2 * ((this.availIdx + this.added) & (this.size - 1)), head);
    this.added++;
  }

  /** Makes the chains added with addOne visible to the device (2.7.13: entries before the index). */
  publishAdded(): void {
    if (this.added === 0) return;
    dmb();
    this.availIdx = (this.availIdx + this.added) & 0xffff;
    this.added = 0;
    store16(this.availAddr + 2, this.availIdx);
  }

  /** True when the device has returned a chain not yet taken. */
  hasUsed(): boolean {
    return load16(this.usedAddr + 2) !== this.usedSeen;
  }

  /** The head of the next returned chain (check hasUsed first); its length goes to lastUsedLength. */
  popUsed(): number {
    // Read the used index before the entry it covers (2.7.14).
    dmb();
    const at = this.usedAddr + 4 + 8 * (this.usedSeen & (this.size - 1));
    const id = load32(at);
    this.lastUsedLength = load32(at + 4);
    this.usedSeen = (this.usedSeen + 1) & 0xffff;
    return id;
  }

  /**
   * Returns the chain starting at `head` to the free list. A head the
   * device made up (out of range) is refused: false, nothing freed.
   */
  freeChain(head: number): boolean {
    if (head < 0 || head >= this.size) return false;
    let d = head;
    let n = 1;
    for (;;) {
      const at = this.descAddr + d * DESC_BYTES;
      if ((load16(at + 12) & DESC_F_NEXT) === 0 || n >= this.size) {
        store16(at + 14, this.freeHead);
        break;
      }
      d = load16(at + 14);
      n++;
    }
    this.freeHead = head;
    this.free += n;
    return true;
  }

  /** Forgets every chain (after a device reset, when the device holds none): all descriptors free, indices at 0. */
  resetRings(): void {
    memset(this.availAddr, 0, 6 + 2 * this.size);
    memset(this.usedAddr, 0, 6 + 8 * this.size);
    for (let i = 0; i < this.size; i++) store16(this.descAddr + i * DESC_BYTES + 14, i + 1 < this.size ? i + 1 : NO_DESC);
    this.freeHead = 0;
    this.free = this.size;
    this.availIdx = 0;
    this.added = 0;
    this.usedSeen = 0;
    this.chainHead = NO_DESC;
    this.chainTail = NO_DESC;
  }

  [Symbol.dispose](): void {
    freeBytes(this.descAddr);
    freeBytes(this.availAddr);
    freeBytes(this.usedAddr);
  }
}
