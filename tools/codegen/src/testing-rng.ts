/** xorshift32: a deterministic generator for model tests, so a failing seed can be replayed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** The next 32-bit value (never 0). */
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
  /** An integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }
  /** One element of `xs` (which must not be empty). */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}
