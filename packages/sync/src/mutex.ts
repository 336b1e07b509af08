/**
 * Mutex: a sleeping lock between threads, with an owner.
 *
 * Policy: the owner is the thread that locked it. A thread that finds it
 * taken sleeps on a FIFO wait queue (packages/sched WaitQueue); unlock clears
 * the owner and wakes the longest waiter, which then retries. The retry may
 * lose to a thread that arrives first (no hand-off: cheap, not strictly
 * fair). Timed lock gives up at its deadline (counter time) and returns
 * false. Not recursive. Check-then-sleep runs with IRQs masked, so neither
 * timer preemption nor an unlock in between can lose a wake-up. For thread
 * code only: interrupt handlers must not take a Mutex (use IrqSpinLock).
 * Misuse panics naming the mutex and the thread: locking a mutex the thread
 * already owns, unlocking (or waiting on a condvar with) a mutex it does
 * not own.
 */
import { irqRestore, irqSave, nowNs } from '@unishyper/hal-aarch64';
import { currentThread, Thread, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';
import { timeLeft } from './timeout';

export class Mutex {
  private holder: Thread | null = null;
  private readonly waiters: WaitQueue = new WaitQueue();

  constructor(readonly name: string) {}

  /** The owning thread's id, or -1. */
  owner(): number {
    const h = this.holder;
    return h === null ? -1 : h.id;
  }

  isLocked(): boolean {
    return this.holder !== null;
  }

  /** Threads sleeping in lock(). */
  waiting(): number {
    return this.waiters.length();
  }

  /** True when the current thread owns the mutex. */
  isOwnedByMe(): boolean {
    return this.holder === currentThread();
  }

  /** Takes the mutex if it is free; true when taken. */
  tryLock(): boolean {
    const me = currentThread();
    const saved = irqSave();
    const h = this.holder;
    if (h === me) misuse('mutex', this.name, me, 'tried to acquire a mutex it already owns', h, false);
    const took = h === null;
    if (took) this.holder = me;
    irqRestore(saved);
    return took;
  }

  /** Takes the mutex, sleeping while another thread owns it. */
  lock(): void {
    this.lockTimeout(-1);
  }

  /** Takes the mutex, sleeping at most `timeoutNs` (< 0: no limit); false on timeout. */
  lockTimeout(timeoutNs: number): boolean {
    const me = currentThread();
    const saved = irqSave();
    if (this.holder === me) misuse('mutex', this.name, me, 'tried to acquire a mutex it already owns', me, false);
    let took = true;
    let deadline = -1;
    while (this.holder !== null) {
      const left = timeLeft(timeoutNs, deadline);
      if (left === 0) {
        took = false;
        break;
      }
      if (timeoutNs > 0 && deadline < 0) deadline = nowNs() + left;
      this.waiters.wait(left);
    }
    if (took) this.holder = me;
    irqRestore(saved);
    return took;
  }

  /** Releases the mutex and wakes one waiter. Only the owner may unlock. */
  unlock(): void {
    const me = currentThread();
    const saved = irqSave();
    const h = this.holder;
    if (h !== me) misuse('mutex', this.name, me, 'tried to release a mutex it does not own', h, true);
    this.holder = null;
    this.waiters.wakeOne();
    irqRestore(saved);
  }
}
