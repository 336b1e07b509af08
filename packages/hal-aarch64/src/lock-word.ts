/**
 * The spinlock every kernel lock is built from: a 64-bit word, 0 when free,
 * else the holder's nonzero tag (callers use core number + 1), taken with an
 * acquire compare-and-swap, released with a store-release; a waiter sleeps
 * in wfe until the word changes. It lives here, below packages/sync, because
 * the kernel heap, the stack pool and the scheduler need a lock before sync
 * exists. sync's SpinLock adds names and misuse reports on top; IRQ masking
 * is the caller's (every kernel user masks IRQs first).
 */
import { num, readSysreg, sev, u64 } from '@unishyper/rt';
import { atomicCas, atomicLoad, atomicStore, atomicWaitWhile } from './atomics';

/** This core's number: MPIDR_EL1 Aff0 + 16 * Aff1 (as QEMU virt numbers cores). */
export function coreNumber(): number {
  const mpidr = num(u64(readSysreg('MPIDR_EL1') & 0xffffn));
  return (mpidr & 0xff) + 16 * ((mpidr >> 8) & 0xff);
}

/**
 * Spins until the lock at `word` is taken for `tag` (nonzero). Returns
 * false at once, taking nothing, when `tag` already holds it: a re-entry
 * that would otherwise spin forever, for the caller to report.
 */
export function acquireLockWord(word: number, tag: number): boolean {
  const mine = u64(tag);
  for (;;) {
    const holder = tryLockWord(word, tag);
    if (holder === 0n) return true;
    if (holder === mine) return false;
    atomicWaitWhile(word, holder);
  }
}

/** One attempt: takes the lock at `word` for `tag` if it is free. Returns 0 when taken, else the holder's tag. */
export function tryLockWord(word: number, tag: number): u64 {
  return atomicCas(word, u64(0), u64(tag));
}

/** Frees the lock at `word` (store-release) and wakes waiters. */
export function releaseLockWord(word: number): void {
  atomicStore(word, u64(0));
  sev();
}

/** The tag holding the lock at `word`, or 0 when it is free. */
export function lockWordHolder(word: number): number {
  return num(atomicLoad(word));
}
