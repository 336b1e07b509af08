/**
 * History: the last `capacity` accepted lines, oldest first, in one block
 * allocated up front (capacity slots of the line length), so adding a line
 * never allocates. Empty and all-space lines are not kept, nor a line equal
 * to the newest one; when full the oldest is dropped.
 */
import { FixedArray, allocBytes, freeBytes, load8, memcpy, release } from '@unishyper/rt';

export class History {
  private readonly slots: number;
  private readonly lengths: FixedArray<number>;
  private first = 0;
  private used = 0;

  constructor(
    readonly capacity: number,
    readonly lineBytes: number,
  ) {
    this.slots = allocBytes(capacity * lineBytes + 1, 1);
    this.lengths = new FixedArray<number>(capacity, 0);
  }

  count(): number {
    return this.used;
  }

  /** Address of entry `i` (0 = oldest). */
  entryAddr(i: number): number {
    return this.slots + this.slot(i) * this.lineBytes;
  }

  entryLen(i: number): number {
    return this.lengths.get(this.slot(i));
  }

  /** Remembers the `len` bytes at `addr` (cut to the slot size); false when the line is not kept. */
  add(addr: number, len: number): boolean {
    if (this.capacity === 0 || allSpaces(addr, len)) return false;
    const n = len > this.lineBytes ? this.lineBytes : len;
    if (this.used > 0 && this.sameAsNewest(addr, n)) return false;
    let s = 0;
    if (this.used < this.capacity) {
      s = (this.first + this.used) % this.capacity;
      this.used = this.used + 1;
    } else {
      s = this.first; // overwrite the oldest
      this.first = (this.first + 1) % this.capacity;
    }
    memcpy(this.slots + s * this.lineBytes, addr, n);
    this.lengths.set(s, n);
    return true;
  }

  clear(): void {
    this.first = 0;
    this.used = 0;
  }

  [Symbol.dispose](): void {
    freeBytes(this.slots);
    release(this.lengths);
  }

  private slot(i: number): number {
    if (i < 0 || i >= this.used) throw new Error('history index out of range');
    return (this.first + i) % this.capacity;
  }

  private sameAsNewest(addr: number, n: number): boolean {
    const last = this.used - 1;
    if (this.entryLen(last) !== n) return false;
    const e = this.entryAddr(last);
    for (let i = 0; i < n; i++) if (load8(e + i) !== load8(addr + i)) return false;
    return true;
  }
}

function allSpaces(addr: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (load8(addr + i) !== 32) return false;
  return true;
}
