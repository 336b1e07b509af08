/**
 * Atomic operations on 64-bit words in memory, addressed by a `number`.
 * They are rt's atomic intrinsics (inline LL/SC, ldaxr/stlxr, natively —
 * not LSE, because Cortex-A53 (QEMU) and the TX2's Cortex-A57 are ARMv8.0
 * without LSE), plus the wfe wait of native/atomics.S. Under Node the
 * simulation is single-threaded, so plain loads and stores are atomic there.
 */
import { atomicCas64, atomicFetchAdd64, atomicLoad64, atomicStore64, atomicSwap64, load64, panic, u64 } from '@unishyper/rt';

/** Load-acquire of the word at `addr`. */
export function atomicLoad(addr: number): u64 {
  return atomicLoad64(addr);
}

/** Store-release of `v` to the word at `addr`. */
export function atomicStore(addr: number, v: u64): void {
  atomicStore64(addr, v);
}

/**
 * Compare-and-swap: stores `desired` when the word equals `expected`;
 * returns the old value (success iff it equals `expected`).
 */
export function atomicCas(addr: number, expected: u64, desired: u64): u64 {
  return atomicCas64(addr, expected, desired);
}

/** Adds `delta` (mod 2^64); returns the old value. */
export function atomicFetchAdd(addr: number, delta: u64): u64 {
  return atomicFetchAdd64(addr, delta);
}

/** Stores `v`; returns the old value. */
export function atomicSwap(addr: number, v: u64): u64 {
  return atomicSwap64(addr, v);
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
