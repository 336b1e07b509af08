/**
 * Small helpers over the rt memory intrinsics, shared by both allocators.
 * Addresses and sizes are `number`s (below 2^53); they are never put through
 * the 32-bit bitwise operators, only through `+ - * %` and `idiv`.
 */
import { load64, num, store64, u64 } from '@unishyper/rt';

/** The 64-bit word at `addr` as a number (addresses, sizes, counters). */
export function rdWord(addr: number): number {
  return num(load64(addr));
}

/** Stores the number `v` (0 <= v < 2^53) as a 64-bit word at `addr`. */
export function wrWord(addr: number, v: number): void {
  store64(addr, u64(v));
}

/** Adds `d` to the 64-bit counter at `addr`. */
export function addWord(addr: number, d: number): void {
  wrWord(addr, rdWord(addr) + d);
}

/** `x` rounded up to a multiple of `a` (a > 0, x >= 0). */
export function roundUp(x: number, a: number): number {
  const r = x % a;
  return r === 0 ? x : x + (a - r);
}

/** `x` rounded down to a multiple of `a` (a > 0, x >= 0). */
export function roundDown(x: number, a: number): number {
  return x - (x % a);
}

/** Whether `x` is a power of two between 1 and 2^30. */
export function isPow2(x: number): boolean {
  return x >= 1 && x <= 0x4000_0000 && (x & (x - 1)) === 0;
}
