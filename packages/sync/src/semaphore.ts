/**
 * Semaphore: a counter of permits; acquiring takes one, sleeping while none
 * is left.
 *
 * Policy: `acquire` takes a permit if the count is positive, otherwise
 * sleeps on a FIFO wait queue (packages/sched WaitQueue); `release` adds a
 * permit and wakes the longest waiter, which retries (a thread arriving
 * first may take the permit; no hand-off). No owner: any thread may
 * release, also one that never acquired. An optional maximum makes a release
 * beyond it panic (a bounded semaphore catches unbalanced releases). Timed
 * acquire gives up at its deadline (counter time) and returns false.
 * Check-then-sleep runs under the scheduler lock, so no wake-up is lost
 * on any core. For thread code only.
 */
import { nowNs } from '@unishyper/hal-aarch64';
import { currentThread, schedLock, schedUnlock, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';
import { timeLeft } from './timeout';

/** `max` for a semaphore without an upper bound. */
export const UNBOUNDED = -1;

export class Semaphore {
  private count: number;
  private readonly waiters: WaitQueue = new WaitQueue();

  /** `initial` permits; `max` bounds the count (UNBOUNDED: none). */
  constructor(readonly name: string, initial: number, readonly max: number) {
    if (initial < 0 || (this.max >= 0 && initial > this.max)) misuse('semaphore', this.name, currentThread(), 'created a semaphore with an initial count outside 0..max', -1, false);
    this.count = initial;
  }

  /** Permits available now. */
  available(): number {
    return this.count;
  }

  /** Threads sleeping in acquire(). */
  waiting(): number {
    return this.waiters.length();
  }

  /** Takes a permit if one is available; true when taken. */
  tryAcquire(): boolean {
    const saved = schedLock();
    const took = this.count > 0;
    if (took) this.count--;
    schedUnlock(saved);
    return took;
  }

  /** Takes a permit, sleeping until one is released. */
  acquire(): void {
    this.acquireTimeout(-1);
  }

  /** Takes a permit, sleeping at most `timeoutNs` (< 0: no limit); false on timeout. */
  acquireTimeout(timeoutNs: number): boolean {
    const saved = schedLock();
    let took = true;
    let deadline = -1;
    while (this.count === 0) {
      const left = timeLeft(timeoutNs, deadline);
      if (left === 0) {
        took = false;
        break;
      }
      if (timeoutNs > 0 && deadline < 0) deadline = nowNs() + left;
      this.waiters.waitLocked(left);
    }
    if (took) this.count--;
    schedUnlock(saved);
    return took;
  }

  /** Adds a permit and wakes one waiter. */
  release(): void {
    const saved = schedLock();
    if (this.max >= 0 && this.count >= this.max) {
      schedUnlock(saved);
      misuse('semaphore', this.name, currentThread(), 'released a semaphore already at its maximum count', -1, false);
    }
    this.count++;
    this.waiters.wakeOneLocked();
    schedUnlock(saved);
  }
}
