/**
 * Fixed-width integer types and the conversions that wrap into them.
 *
 * The types are branded: arithmetic on a `u32` yields a plain `number`, so
 * `tsc` forces an explicit wrap such as `u32(a + b)`. Each conversion wraps
 * exactly like the JS expression quoted in its comment, which is also what
 * the C conversion `rt_<name>` does for every input in the dialect's domain.
 */
import { panic } from './panic.js';

export type u8 = number & { readonly __brand: 'u8' };
export type u16 = number & { readonly __brand: 'u16' };
export type u32 = number & { readonly __brand: 'u32' };
export type i8 = number & { readonly __brand: 'i8' };
export type i16 = number & { readonly __brand: 'i16' };
export type i32 = number & { readonly __brand: 'i32' };
export type u64 = bigint & { readonly __brand: 'u64' };
export type i64 = bigint & { readonly __brand: 'i64' };

/** `x & 0xff` */
export function u8(x: number): u8 {
  return (x & 0xff) as u8;
}

/** `x & 0xffff` */
export function u16(x: number): u16 {
  return (x & 0xffff) as u16;
}

/** `x >>> 0` */
export function u32(x: number): u32 {
  return (x >>> 0) as u32;
}

/** `(x << 24) >> 24` */
export function i8(x: number): i8 {
  return ((x << 24) >> 24) as i8;
}

/** `(x << 16) >> 16` */
export function i16(x: number): i16 {
  return ((x << 16) >> 16) as i16;
}

/** `x | 0` */
export function i32(x: number): i32 {
  return (x | 0) as i32;
}

/** `BigInt.asUintN(64, BigInt(x))` */
export function u64(x: bigint | number): u64 {
  return BigInt.asUintN(64, BigInt(x)) as u64;
}

/** `BigInt.asIntN(64, BigInt(x))` */
export function i64(x: bigint | number): i64 {
  return BigInt.asIntN(64, BigInt(x)) as i64;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `Number(x)`; panics `value out of number range` unless |x| <= 2^53-1. */
export function num(x: bigint): number {
  if (x > MAX_SAFE || x < -MAX_SAFE) panic('value out of number range');
  return Number(x);
}
