/**
 * Pool<T>: a fixed set of objects made once at construction, handed out and
 * taken back without touching the heap. Written in the kernel dialect.
 *
 * `make` is called `capacity` times in the constructor (capacity must be at
 * least 1). `alloc()` returns a free object or null when all are in use;
 * slots are reused last-freed first, and a fresh pool hands out the objects
 * in the order `make` built them. `free(v)` panics when `v` is not one of the
 * pool's objects or is not in use. T must be an object type.
 */
import { FixedArray } from '../fixed-array.js';
import { panic } from '../panic.js';

export class Pool<T> {
  readonly capacity: number;
  private readonly items: FixedArray<T>;
  private readonly taken: FixedArray<boolean>;
  /** Stack of free slot numbers; the top is at `freeTop - 1`. */
  private readonly freeSlots: FixedArray<number>;
  private freeTop: number;

  constructor(capacity: number, make: () => T) {
    if (capacity < 1) {
      panic('Pool capacity must be at least 1');
    }
    this.capacity = capacity;
    this.items = new FixedArray<T>(capacity, make());
    for (let i = 1; i < capacity; i++) {
      this.items.set(i, make());
    }
    this.taken = new FixedArray<boolean>(capacity, false);
    this.freeSlots = new FixedArray<number>(capacity, 0);
    for (let i = 0; i < capacity; i++) {
      this.freeSlots.set(i, capacity - 1 - i);
    }
    this.freeTop = capacity;
  }

  /** A free object, or null when every object is in use. */
  alloc(): T | null {
    if (this.freeTop === 0) {
      return null;
    }
    this.freeTop = this.freeTop - 1;
    const slot = this.freeSlots.get(this.freeTop);
    this.taken.set(slot, true);
    return this.items.get(slot);
  }

  /** Gives `v` back to the pool. */
  free(v: T): void {
    const slot = this.slotOf(v);
    if (slot < 0) {
      panic('Pool.free: object does not belong to this pool');
    }
    if (!this.taken.get(slot)) {
      panic('Pool.free: object is not in use');
    }
    this.taken.set(slot, false);
    this.freeSlots.set(this.freeTop, slot);
    this.freeTop = this.freeTop + 1;
  }

  /** Number of objects handed out and not yet freed. */
  inUse(): number {
    return this.capacity - this.freeTop;
  }

  private slotOf(v: T): number {
    for (let i = 0; i < this.capacity; i++) {
      if (this.items.get(i) === v) {
        return i;
      }
    }
    return -1;
  }
}
