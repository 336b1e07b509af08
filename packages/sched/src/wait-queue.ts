/**
 * Wait queues: threads blocked until another thread (or an interrupt
 * handler) wakes them, in FIFO order, with an optional timeout. What
 * packages/sync's mutex, semaphore, condition variable, rwlock and channel
 * are built on.
 *
 * Two forms of each operation: `wait`/`wakeOne`/`wakeAll` take the
 * scheduler lock themselves; the `...Locked` forms run inside a critical
 * section opened with `schedLock()`, so a primitive can check its condition
 * and go to sleep atomically (no wake-up is lost between the check and the
 * sleep, on any core). Callers re-check their condition after waking: a
 * wake-up may also come from `wake(id)` or from the end of a lock holder.
 */
import { nowTicks, nsToTicks } from '@unishyper/hal-aarch64';
import { thisCore } from './cores';
import { cancelSleep, makeReady, schedule, sleepUntil } from './dispatch';
import { schedLock, schedUnlock } from './critical';
import { taskOf } from './tasks';
import { ThreadState } from './thread';
import { WaitList } from './wait-list';

export class WaitQueue extends WaitList {
  /**
   * Blocks the current thread until wakeOne/wakeAll picks it, or until
   * `timeoutNs` has passed (< 0: no timeout). True when woken, false on
   * timeout. Called inside schedLock(); returns inside it.
   */
  waitLocked(timeoutNs: number): boolean {
    const c = thisCore();
    const me = c.current;
    const task = taskOf(me);
    this.append(me);
    task.waitingOn = this;
    task.timedOut = false;
    me.state = ThreadState.Blocked;
    if (timeoutNs >= 0) sleepUntil(c, me, nowTicks() + nsToTicks(timeoutNs));
    schedule(c);
    return !task.timedOut;
  }

  /** waitLocked in its own critical section. */
  wait(timeoutNs: number): boolean {
    const saved = schedLock();
    const woken = this.waitLocked(timeoutNs);
    schedUnlock(saved);
    return woken;
  }

  /** Makes the longest waiter ready; false when nobody waits. Inside schedLock(). */
  wakeOneLocked(): boolean {
    const t = this.head;
    if (t === null) return false;
    this.remove(t);
    taskOf(t).waitingOn = null;
    cancelSleep(t);
    makeReady(t);
    return true;
  }

  wakeOne(): boolean {
    const saved = schedLock();
    const woke = this.wakeOneLocked();
    schedUnlock(saved);
    return woke;
  }

  /** Makes every waiter ready; returns how many. Inside schedLock(). */
  wakeAllLocked(): number {
    let n = 0;
    while (this.wakeOneLocked()) n++;
    return n;
  }

  wakeAll(): number {
    const saved = schedLock();
    const n = this.wakeAllLocked();
    schedUnlock(saved);
    return n;
  }
}
