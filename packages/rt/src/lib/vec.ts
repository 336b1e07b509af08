/**
 * Vec<T>: a growable array, written in the kernel dialect so the compiler
 * lowers it like kernel code.
 *
 * Storage is one FixedArray<T> that doubles (at least 4 slots) when full; the
 * old storage is released. `fill` is the value unused slots hold: a popped or
 * cleared slot is reset to it, so a Vec of objects never keeps a removed
 * object reachable. The length is the method `len()`. Indices are checked
 * against `len()`, not the capacity. `[Symbol.dispose]()` (or `using`)
 * releases the storage; the Vec must not be used afterwards.
 */
import { checkIndex } from '../bounds.js';
import { FixedArray } from '../fixed-array.js';
import { panic } from '../panic.js';
import { release } from '../release.js';

export class Vec<T> {
  private items: FixedArray<T>;
  private count: number;
  private readonly fill: T;

  constructor(fill: T) {
    this.fill = fill;
    this.items = new FixedArray<T>(0, fill);
    this.count = 0;
  }

  /** Number of elements. */
  len(): number {
    return this.count;
  }

  /** Number of slots before the next growth. */
  capacity(): number {
    return this.items.length;
  }

  push(v: T): void {
    if (this.count === this.items.length) {
      this.grow(this.count + 1);
    }
    this.items.set(this.count, v);
    this.count = this.count + 1;
  }

  /** Removes and returns the last element; panics `pop from empty Vec`. */
  pop(): T {
    if (this.count === 0) {
      panic('pop from empty Vec');
    }
    this.count = this.count - 1;
    const v = this.items.get(this.count);
    this.items.set(this.count, this.fill);
    return v;
  }

  get(i: number): T {
    return this.items.get(checkIndex(i, this.count));
  }

  set(i: number, v: T): void {
    this.items.set(checkIndex(i, this.count), v);
  }

  /** Removes every element; the capacity stays. */
  clear(): void {
    for (let i = 0; i < this.count; i++) {
      this.items.set(i, this.fill);
    }
    this.count = 0;
  }

  /** Makes room for at least `n` elements in total. */
  reserve(n: number): void {
    if (n > this.items.length) {
      this.grow(n);
    }
  }

  private grow(min: number): void {
    let cap = this.items.length * 2;
    if (cap < 4) {
      cap = 4;
    }
    if (cap < min) {
      cap = min;
    }
    const next = new FixedArray<T>(cap, this.fill);
    for (let i = 0; i < this.count; i++) {
      next.set(i, this.items.get(i));
    }
    release(this.items);
    this.items = next;
  }

  /** Releases the storage. */
  [Symbol.dispose](): void {
    release(this.items);
    this.count = 0;
  }
}
