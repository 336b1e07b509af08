/**
 * Atomic operations on 64-bit words in memory, addressed by a `number`.
 * Natively they are the LL/SC (ldaxr/stlxr) routines of native/atomics.S —
 * not LSE, because Cortex-A53 (QEMU) and the TX2's Cortex-A57 are ARMv8.0
 * without LSE. Under Node the bodies run: the simulation is single-threaded,
 * so a plain load64/store64 sequence is atomic there.
 */
import { load64, panic, store64, u64 } from '@unishyper/rt';

/**
 * Load-acquire of the word at `addr`.
 * @native hal_atomic_load
 */
export function atomicLoad(addr: number): u64 {
  return load64(addr);
}

/**
 * Store-release of `v` to the word at `addr`.
 * @native hal_atomic_store
 */
export function atomicStore(addr: number, v: u64): void {
  store64(addr, v);
}

/**
 * Compare-and-swap: stores `desired` when the word equals `expected`;
 * returns the old value (success iff it equals `expected`).
 * @native hal_atomic_cas
 */
export function atomicCas(addr: number, expected: u64, desired: u64): u64 {
  const old = load64(addr);
  if (old === expected) store64(addr, desired);
  return old;
}

/**
 * Adds `delta` (mod 2^64); returns the old value.
 * @native hal_atomic_fetch_add
 */
export function atomicFetchAdd(addr: number, delta: u64): u64 {
  const old = load64(addr);
  store64(addr, u64(old + delta));
  return old;
}

/**
 * Stores `v`; returns the old value.
 * @native hal_atomic_swap
 */
export function atomicSwap(addr: number, v: u64): u64 {
  const old = load64(addr);
  store64(addr, v);
  return old;
}

/**
 * Waits (wfe) while the word equals `value`; returns the value it changed to.
 * Under Node nothing else can change the word, so waiting would never end:
 * it panics instead.
 * @native hal_atomic_wait_while
 */
export function atomicWaitWhile(addr: number, value: u64): u64 {
  const v = load64(addr);
  if (v === value) panic('atomicWaitWhile: the word never changes (one simulated core)');
  return v;
}
