/**
 * `release(obj)`: hands an object's memory back to the heap. Natively the
 * object is freed (`rt_release`); under Node the release is recorded so a
 * second release panics `double release`, and FixedArray refuses use after
 * release.
 */
import { panic } from './panic.js';

let released = new WeakSet<object>();
let releaseCount = 0;
const observers: Array<(obj: object) => void> = [];

export function release(obj: object): void {
  if (released.has(obj)) panic('double release');
  released.add(obj);
  releaseCount++;
  for (const observe of observers) observe(obj);
}

/** Lets another module (FixedArray's leak count) see every release. */
export function observeReleases(observe: (obj: object) => void): void {
  observers.push(observe);
}

export function isReleased(obj: object): boolean {
  return released.has(obj);
}

export function releaseTotal(): number {
  return releaseCount;
}

export function resetReleases(): void {
  released = new WeakSet();
  releaseCount = 0;
}
