/** What the scheduler needs of a spinlock to break it (held-locks.ts); sync's SpinLock implements it. */
export interface BreakableLock {
  /** Releases the lock held by thread `holderId`, which `ended` (or only stopped running), and marks it poisoned. */
  breakFor(holderId: number, ended: boolean): void;
}

/** How many spinlocks one core may hold at once (nested). */
export const MAX_HELD_SPINLOCKS = 8;
