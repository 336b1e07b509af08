/**
 * `FixedArray<T>`: the dialect's only array, a length fixed at construction
 * and bounds-checked `get`/`set`. Natively a heap struct
 * `{ int64_t length; T data[]; }`. Under Node, using an array after
 * `release(arr)` panics `use of released FixedArray`.
 */
import { checkIndex } from './bounds.js';
import { panic } from './panic.js';
import { isReleased, observeReleases } from './release.js';

let created = 0;
let releasedCount = 0;

export class FixedArray<T> {
  readonly length: number;
  readonly #items: T[];

  /** `length` elements, each `fill`. A negative length panics (as natively); so does a non-integer one. */
  constructor(length: number, fill: T) {
    if (length < 0) panic('FixedArray length must not be negative');
    if (!Number.isSafeInteger(length)) panic(`invalid FixedArray length ${length}`);
    if (length > 0xffff_ffff) panic('out of memory');
    this.length = length;
    this.#items = new Array<T>(length).fill(fill);
    created++;
  }

  get(i: number): T {
    if (isReleased(this)) panic('use of released FixedArray');
    return this.#items[checkIndex(i, this.length)]!;
  }

  set(i: number, v: T): void {
    if (isReleased(this)) panic('use of released FixedArray');
    this.#items[checkIndex(i, this.length)] = v;
  }
}

observeReleases((obj) => {
  if (obj instanceof FixedArray) releasedCount++;
});

/** FixedArrays made and released since the last reset (for leak checks). */
export function fixedArrayStats(): { created: number; released: number; live: number } {
  return { created, released: releasedCount, live: created - releasedCount };
}

export function resetFixedArrayStats(): void {
  created = 0;
  releasedCount = 0;
}
