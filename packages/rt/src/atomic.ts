/**
 * Atomic operations on 64-bit words in memory, addressed by a `number`: what
 * every lock is built from (hal-aarch64's lock word, sync's Mutex).
 * Natively they are inline LL/SC sequences (ldaxr/stlxr, from gcc's
 * __atomic builtins with -mno-outline-atomics): not LSE, because Cortex-A53
 * (QEMU) and the TX2's Cortex-A57 are ARMv8.0 without LSE. Inline rather
 * than calls, because an uncontended lock is one of these and little else.
 * Under Node the simulation is single-threaded, so a plain load and store
 * are atomic there. Addresses must be 8-byte aligned natively.
 */
import { busRead64, busWrite64 } from './bus.js';
import type { u64 } from './int.js';

/** Load-acquire of the word at `addr`. */
export function atomicLoad64(addr: number): u64 {
  return busRead64(addr, 'atomicLoad64') as u64;
}

/** Store-release of `v` to the word at `addr`. */
export function atomicStore64(addr: number, v: u64): void {
  busWrite64(addr, v, 'atomicStore64');
}

/** Compare-and-swap: stores `desired` when the word equals `expected`; returns the old value (success iff it equals `expected`). */
export function atomicCas64(addr: number, expected: u64, desired: u64): u64 {
  const old = busRead64(addr, 'atomicCas64') as u64;
  if (old === expected) busWrite64(addr, desired, 'atomicCas64');
  return old;
}

/** Stores `v`; returns the old value. */
export function atomicSwap64(addr: number, v: u64): u64 {
  const old = busRead64(addr, 'atomicSwap64') as u64;
  busWrite64(addr, v, 'atomicSwap64');
  return old;
}

/** Adds `delta` (mod 2^64); returns the old value. */
export function atomicFetchAdd64(addr: number, delta: u64): u64 {
  const old = busRead64(addr, 'atomicFetchAdd64') as u64;
  busWrite64(addr, old + delta, 'atomicFetchAdd64');
  return old;
}
