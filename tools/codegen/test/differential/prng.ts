/**
 * A small seeded PRNG for the differential generator: xoshiro128** seeded
 * through splitmix32. Deterministic across Node versions and platforms (only
 * 32-bit integer arithmetic), so a seed names one exact suite.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const st = { s: seed | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform integer in [0, n), n <= 2^32. */
  below(n: number): number {
    if (n <= 0 || n > 0x1_0000_0000) throw new RangeError(`below(${n})`);
    // Rejection sampling: no modulo bias.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
    for (;;) {
      const x = this.u32();
      if (x < limit) return x % n;
    }
  }

  /** Uniform integer in [lo, hi] (inclusive), both safe integers, hi - lo < 2^32. */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** Uniform bigint with exactly `bits` random low bits (0..64). */
  bits(bits: number): bigint {
    let v = 0n;
    for (let done = 0; done < bits; done += 32) {
      v = (v << 32n) | BigInt(this.u32());
    }
    return BigInt.asUintN(bits, v);
  }

  /** A value whose magnitude is log-uniform below 2^maxBits (bit length uniform in 0..maxBits). */
  logUniform(maxBits: number): bigint {
    const len = this.int(0, maxBits);
    if (len === 0) return 0n;
    return (1n << BigInt(len - 1)) | this.bits(len - 1);
  }

  bool(): boolean {
    return (this.u32() & 1) === 1;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from empty list');
    return xs[this.below(xs.length)] as T;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
