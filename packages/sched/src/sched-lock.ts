/**
 * The scheduler lock: one spinlock word guarding every run queue, timer
 * queue, wait queue and thread record, on every core.
 *
 * One lock rather than one per core: a wake-up touches a wait queue, the
 * waker's and the woken thread's timer queues and some core's run queue at
 * once, and a single lock makes that atomic without a lock order. The cost
 * is contention under heavy cross-core blocking; the hot paths that need
 * not block (an uncontended mutex, a yield with nothing else ready on the
 * core) stay short or skip it.
 *
 * Rules:
 * - Taken with IRQs masked (the timer and the reschedule interrupt take it).
 * - Held by a core, not a thread, across a context switch: the core that
 *   switches away from a thread still holds it when the next thread resumes,
 *   and that thread releases it. So no core can resume a thread whose
 *   registers are still being saved.
 * - It is a hal lock word (lock-word.ts) tagged with the holder's core
 *   index + 1, so a core taking it twice (a scheduler bug) panics instead
 *   of hanging.
 */
import { acquireLockWord, atomicStore, lockWordHolder, releaseLockWord } from '@unishyper/hal-aarch64';
import { allocBytes, panic, u64 } from '@unishyper/rt';
import { thisCoreIndex } from './cores';

let word = 0;

export function initSchedLock(): void {
  if (word === 0) word = allocBytes(8, 8);
  atomicStore(word, u64(0));
}

/** Spins (wfe) until this core holds the lock. IRQs must already be masked. */
export function lockSched(): void {
  lockSchedOn(thisCoreIndex());
}

/** lockSched for a caller that knows it runs on core `core` (saves the lookup). */
export function lockSchedOn(core: number): void {
  if (word === 0) return; // before initScheduler: one flow of control
  if (!acquireLockWord(word, core + 1)) panic('scheduler lock taken twice on one core');
}

export function unlockSched(): void {
  if (word !== 0) releaseLockWord(word);
}

/** The core holding the lock, or -1. */
export function schedLockHolder(): number {
  return word === 0 ? -1 : lockWordHolder(word) - 1;
}
