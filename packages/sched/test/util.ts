import { FixedArray } from '@unishyper/rt';
import { RunQueue } from '../src/index';

/** Deterministic xorshift32 for model tests. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

export function makeQueues(n: number): FixedArray<RunQueue> {
  const qs = new FixedArray<RunQueue>(n, new RunQueue(0));
  for (let c = 1; c < n; c++) qs.set(c, new RunQueue(c));
  return qs;
}
