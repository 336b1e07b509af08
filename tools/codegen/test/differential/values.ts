/**
 * Operand pools: edge values per domain and seeded random draws.
 * All values are bigints (exact); the generator renders them as `number`
 * or `bigint` literals according to the table they go into.
 */
import { I64_MAX, I64_MIN, SAFE_MAX, SAFE_MIN, U64_MAX, isSafe } from './oracle';
import type { Rng } from './prng';

const p = (n: number): bigint => 1n << BigInt(n);

function uniq(xs: bigint[]): bigint[] {
  return [...new Set(xs)];
}

/** `number` edges: 0, ±1, byte/half/word limits, 2^31, 2^32-1, 2^53-1 and friends. */
export const NUM_EDGES: readonly bigint[] = uniq([
  0n, 1n, -1n, 2n, -2n, 3n, -3n, 5n, 7n, -7n, 31n, 32n, 33n, 63n, 64n,
  127n, 128n, -128n, -129n, 255n, 256n,
  0x7fffn, 0x8000n, -0x8000n, -0x8001n, 0xffffn, 0x10000n,
  p(31) - 1n, p(31), p(31) + 1n, -p(31), -p(31) - 1n, -p(31) + 1n,
  p(32) - 1n, p(32), p(32) + 1n, -(p(32) - 1n), -p(32), -p(32) - 1n,
  p(32) + p(31), 0xdeadbeefn, 0x1_2345_6789n, -0xcafe_babe_1234n,
  p(48) + 3n, -(p(40) + 7n), p(52), -p(52),
  SAFE_MAX - 1n, SAFE_MAX, SAFE_MIN + 1n, SAFE_MIN,
]);

/** A shorter `number` edge list, for ops with three or more operands. */
export const NUM_EDGES_SMALL: readonly bigint[] = uniq([
  0n, 1n, -1n, 2n, 255n, 256n, 0xffffn, p(31) - 1n, p(31), -p(31), p(32) - 1n, p(32), SAFE_MAX, SAFE_MIN,
]);

/** Shift counts: 0..70 plus a few negatives (JS masks `number` shift counts). */
export const SHIFT_COUNTS: readonly bigint[] = [
  ...Array.from({ length: 71 }, (_, i) => BigInt(i)),
  -1n, -31n, -32n, -33n, -64n,
];
/** Shift counts for bigint shifts (non-negative only: a negative count shifts the other way in JS). */
export const BIG_SHIFT_COUNTS: readonly bigint[] = Array.from({ length: 71 }, (_, i) => BigInt(i));

export const U64_EDGES: readonly bigint[] = uniq([
  0n, 1n, 2n, 3n, 0xffn, 0x100n, p(31) - 1n, p(31), p(32) - 1n, p(32), p(32) + 1n,
  SAFE_MAX, p(53), p(53) + 1n, p(62), I64_MAX, p(63), p(63) + 1n, U64_MAX - 1n, U64_MAX,
  0x8000_0000_0000_0001n, 0xdead_beef_cafe_baben, 0x0123_4567_89ab_cdefn,
]);

export const I64_EDGES: readonly bigint[] = uniq([
  0n, 1n, -1n, 2n, -2n, 3n, -3n, 0x7fn, -0x80n, p(31) - 1n, -p(31), p(31), -p(31) - 1n,
  p(32) - 1n, p(32), -p(32), SAFE_MAX, SAFE_MIN, p(53), -p(53), p(62), -p(62),
  I64_MAX, I64_MAX - 1n, I64_MIN, I64_MIN + 1n, -0x0123_4567_89ab_cdefn,
]);

export const U32_EDGES: readonly bigint[] = uniq([
  0n, 1n, 2n, 3n, 7n, 0xffn, 0x100n, 0xffffn, 0x10000n, p(31) - 1n, p(31), p(31) + 1n,
  p(32) - 2n, p(32) - 1n, 0xdeadbeefn,
]);

export const I32_EDGES: readonly bigint[] = uniq([
  0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, -7n, 0x7fn, -0x80n, 0x7fffn, -0x8000n,
  p(31) - 1n, p(31) - 2n, -p(31), -p(31) + 1n, 0x1234_5678n, -0x1234_5678n,
]);

/** Edges of each fixed-width `number` type, in range of that type. */
export function typedEdges(bits: number, signed: boolean): bigint[] {
  if (bits === 32) return [...(signed ? I32_EDGES : U32_EDGES)];
  const max = signed ? p(bits - 1) - 1n : p(bits) - 1n;
  const min = signed ? -p(bits - 1) : 0n;
  const base = [0n, 1n, 2n, 3n, 7n, max, max - 1n, min, min + 1n, max >> 1n, (max >> 1n) + 1n];
  if (signed) base.push(-1n, -2n, -3n, -7n);
  return uniq(base.filter((v) => v >= min && v <= max));
}

const clampSafe = (x: bigint): bigint => (x > SAFE_MAX ? SAFE_MAX : x < SAFE_MIN ? SAFE_MIN : x);

/** A random safe integer from a mixture that favours interesting regions. */
export function randNum(rng: Rng): bigint {
  switch (rng.below(5)) {
    case 0:
      return BigInt(rng.int(-1000, 1000));
    case 1:
      return BigInt.asIntN(32, BigInt(rng.u32()));
    case 2:
      return BigInt(rng.u32());
    case 3: {
      const m = rng.logUniform(53);
      return clampSafe(rng.bool() ? -m : m);
    }
    default:
      return clampSafe(rng.pick(NUM_EDGES) + BigInt(rng.int(-3, 3)));
  }
}

export function randU64(rng: Rng): bigint {
  switch (rng.below(3)) {
    case 0:
      return rng.bits(64);
    case 1:
      return rng.logUniform(64);
    default:
      return BigInt.asUintN(64, rng.pick(U64_EDGES) + BigInt(rng.int(-3, 3)));
  }
}

export function randI64(rng: Rng): bigint {
  switch (rng.below(3)) {
    case 0:
      return BigInt.asIntN(64, rng.bits(64));
    case 1: {
      const m = rng.logUniform(63);
      return rng.bool() ? -m : m;
    }
    default:
      return BigInt.asIntN(64, rng.pick(I64_EDGES) + BigInt(rng.int(-3, 3)));
  }
}

/** Random value of a fixed-width type (in range). */
export function randTyped(rng: Rng, bits: number, signed: boolean): bigint {
  const raw = rng.bool() ? rng.bits(bits) : rng.logUniform(bits);
  return signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
}

export function checkSafe(xs: readonly bigint[]): void {
  for (const x of xs) if (!isSafe(x)) throw new RangeError(`not a safe integer: ${x}`);
}
