/**
 * Arithmetic intrinsics: 32-bit multiplication, integer division, 64-bit
 * shifts, bit counting, byte swaps and rotates.
 *
 * Every operand is first converted to its declared type exactly as C
 * converts an argument to a parameter (`u32` by `>>> 0`, `i32` by `| 0`,
 * `u64`/`i64` modulo 2^64), so the result matches `rt_<name>` in
 * native/rt.h even for an operand that was cast into its type. Results never
 * contain `-0`. A zero divisor panics `division by zero`.
 */
import type { i32, i64, u16, u32, u64 } from './int.js';
import { panic } from './panic.js';

const asU64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const asI64 = (x: bigint): bigint => BigInt.asIntN(64, x);

/** `Math.imul(a, b)` */
export function mul32(a: number, b: number): i32 {
  return Math.imul(a, b) as i32;
}

/** `Math.imul(a, b) >>> 0` */
export function mulu32(a: number, b: number): u32 {
  return (Math.imul(a, b) >>> 0) as u32;
}

/** `Math.trunc(a / b)` (exact for safe integers); `b == 0` panics. */
export function idiv(a: number, b: number): number {
  if (b === 0) panic('division by zero');
  const q = Math.trunc(a / b);
  return q === 0 ? 0 : q;
}

/** Unsigned 32-bit quotient. */
export function divu32(a: u32, b: u32): u32 {
  const x = a >>> 0;
  const y = b >>> 0;
  if (y === 0) panic('division by zero');
  return Math.trunc(x / y) as u32;
}

/** Unsigned 32-bit remainder. */
export function remu32(a: u32, b: u32): u32 {
  const x = a >>> 0;
  const y = b >>> 0;
  if (y === 0) panic('division by zero');
  return (x % y) as u32;
}

/** Truncating signed 32-bit quotient; `-2^31 / -1 = -2^31`. */
export function divi32(a: i32, b: i32): i32 {
  const x = a | 0;
  const y = b | 0;
  if (y === 0) panic('division by zero');
  return (Math.trunc(x / y) | 0) as i32;
}

/** Signed 32-bit remainder (sign of the dividend); `-2^31 % -1 = 0`. */
export function remi32(a: i32, b: i32): i32 {
  const x = a | 0;
  const y = b | 0;
  if (y === 0) panic('division by zero');
  return (x % y | 0) as i32;
}

/** Unsigned 64-bit quotient. */
export function divu64(a: u64, b: u64): u64 {
  const y = asU64(b);
  if (y === 0n) panic('division by zero');
  return (asU64(a) / y) as u64;
}

/** Unsigned 64-bit remainder. */
export function remu64(a: u64, b: u64): u64 {
  const y = asU64(b);
  if (y === 0n) panic('division by zero');
  return (asU64(a) % y) as u64;
}

/** Truncating signed 64-bit quotient; `-2^63 / -1 = -2^63`. */
export function divi64(a: i64, b: i64): i64 {
  const y = asI64(b);
  if (y === 0n) panic('division by zero');
  return asI64(asI64(a) / y) as i64;
}

/** Signed 64-bit remainder (sign of the dividend). */
export function remi64(a: i64, b: i64): i64 {
  const y = asI64(b);
  if (y === 0n) panic('division by zero');
  return (asI64(a) % y) as i64;
}

/** `a << (n & 63)` wrapped to 64 bits. */
export function shl64(a: u64, n: number): u64 {
  return asU64(asU64(a) << BigInt(n & 63)) as u64;
}

/** Logical right shift by `n & 63`. */
export function shr64(a: u64, n: number): u64 {
  return (asU64(a) >> BigInt(n & 63)) as u64;
}

/** Arithmetic right shift by `n & 63`. */
export function sar64(a: i64, n: number): i64 {
  return (asI64(a) >> BigInt(n & 63)) as i64;
}

/** `Math.clz32(x)`: leading zeros of `x >>> 0`; 32 for 0. */
export function clz32(x: number): number {
  return Math.clz32(x);
}

/** Trailing zeros of `x >>> 0`; 32 for 0. */
export function ctz32(x: number): number {
  const v = x >>> 0;
  if (v === 0) return 32;
  return 31 - Math.clz32(v & -v);
}

/** Number of set bits of `x >>> 0`. */
export function popcnt32(x: number): number {
  let v = x >>> 0;
  let n = 0;
  while (v !== 0) {
    v = (v & (v - 1)) >>> 0;
    n++;
  }
  return n;
}

/** Byte swap of the low 16 bits. */
export function bswap16(x: number): u16 {
  const v = x & 0xffff;
  return (((v & 0xff) << 8) | (v >>> 8)) as u16;
}

/** Byte swap of the low 32 bits. */
export function bswap32(x: number): u32 {
  const v = x >>> 0;
  return ((((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0) as u32;
}

/** Byte swap of a 64-bit value. */
export function bswap64(x: u64): u64 {
  let v = asU64(x);
  let r = 0n;
  for (let i = 0; i < 8; i++) {
    r = (r << 8n) | (v & 0xffn);
    v >>= 8n;
  }
  return r as u64;
}

/** Rotate `x >>> 0` left by `n & 31`. */
export function rotl32(x: number, n: number): u32 {
  const v = x >>> 0;
  const s = n & 31;
  if (s === 0) return v as u32;
  return (((v << s) | (v >>> (32 - s))) >>> 0) as u32;
}

/** Rotate `x >>> 0` right by `n & 31`. */
export function rotr32(x: number, n: number): u32 {
  const v = x >>> 0;
  const s = n & 31;
  if (s === 0) return v as u32;
  return (((v >>> s) | (v << (32 - s))) >>> 0) as u32;
}
