/**
 * Condvar: a condition variable, waited on together with a Mutex.
 *
 * Policy: `wait(m)` requires the caller to own `m`; it releases `m` and
 * sleeps on a FIFO wait queue as one step (under the scheduler lock, so a
 * notify after the unlock cannot be lost on any core), and re-locks `m` before
 * returning, also after a timeout. `notifyOne` wakes the longest waiter,
 * `notifyAll` every waiter; a notify with no waiter does nothing (no
 * memory). Wake-ups are not tied to a condition: callers re-check their
 * predicate in a loop. Timed wait returns false when its deadline passed
 * without a notify. Misuse panics naming the condvar, the mutex and the
 * thread: waiting with a mutex the thread does not own.
 */
import { currentThread, schedLock, schedUnlock, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';
import { Mutex } from './mutex';

export class Condvar {
  private readonly waiters: WaitQueue = new WaitQueue();

  constructor(readonly name: string) {}

  /** Threads sleeping in wait(). */
  waiting(): number {
    return this.waiters.length();
  }

  /** Releases `m`, sleeps until notified, re-locks `m`. */
  wait(m: Mutex): void {
    this.waitTimeout(m, -1);
  }

  /** As wait(), sleeping at most `timeoutNs` (< 0: no limit); false on timeout. `m` is owned again either way. */
  waitTimeout(m: Mutex, timeoutNs: number): boolean {
    if (!m.isOwnedByMe()) misuse('condvar', this.name, currentThread(), 'waited with a mutex it does not own', -1, false);
    const saved = schedLock();
    m.unlockLocked();
    const woken = this.waiters.waitLocked(timeoutNs);
    schedUnlock(saved);
    m.lock();
    return woken;
  }

  /** Wakes the longest waiter; false when nobody waits. */
  notifyOne(): boolean {
    return this.waiters.wakeOne();
  }

  /** Wakes every waiter; returns how many. */
  notifyAll(): number {
    return this.waiters.wakeAll();
  }
}
