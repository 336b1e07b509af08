/**
 * Mutex: a sleeping lock between threads, with an owner.
 *
 * State: one atomic word, 0 when free, else the owner's thread id * 2, plus
 * 1 (CONTENDED) while threads may sleep on it. Uncontended lock and unlock
 * are one compare-and-swap each, with no scheduler lock and no IRQ masking.
 * A thread that finds the mutex taken enters the slow path under the
 * scheduler lock: it sets CONTENDED and sleeps on a FIFO wait queue; an
 * unlock that finds CONTENDED clears the word and wakes the longest waiter,
 * which retries (a thread arriving first may take it: no hand-off, cheap,
 * not strictly fair). Timed lock gives up at its deadline (counter time).
 * Not recursive. For thread code only: interrupt handlers must not take a
 * Mutex (use IrqSpinLock).
 *
 * Poisoning: when the owner ends without unlocking (it returned, panicked,
 * faulted or was killed), the scheduler wakes the threads sleeping on the
 * mutex; the next thread to lock it takes it over, a line is printed, and
 * `isPoisoned()` stays true (the data it guards may be half-updated) until
 * `clearPoison()`.
 *
 * Misuse panics naming the mutex and the thread: locking a mutex the thread
 * already owns, unlocking (or waiting on a condvar with) a mutex it does
 * not own, disposing of one that is locked or has threads waiting.
 *
 * Owns its state word and wait queue: `[Symbol.dispose]()` (or `using`)
 * returns both.
 */
import { atomicCas, atomicLoad, atomicStore, nowNs } from '@unishyper/hal-aarch64';
import { allocBytes, freeBytes, idiv, kprint, num, release, u64 } from '@unishyper/rt';
import { currentThread, currentThreadId, schedLock, schedUnlock, threadIsLive, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';
import { timeLeft } from './timeout';

/** Owner id from a state word (-1: free). */
function ownerOf(v: number): number {
  return v === 0 ? -1 : idiv(v, 2);
}

export class Mutex {
  /** Address of the state word. */
  private readonly word: number;
  private readonly waiters: WaitQueue = new WaitQueue();
  private poisoned = false;

  constructor(readonly name: string) {
    this.word = allocBytes(8, 8);
    atomicStore(this.word, u64(0));
  }

  /** The owning thread's id, or -1. */
  owner(): number {
    return ownerOf(num(atomicLoad(this.word)));
  }

  isLocked(): boolean {
    return this.owner() >= 0;
  }

  /** Threads sleeping in lock(). */
  waiting(): number {
    return this.waiters.length();
  }

  /** True when the current thread owns the mutex. */
  isOwnedByMe(): boolean {
    return this.owner() === currentThreadId();
  }

  /** True once the mutex was taken over from a thread that ended while owning it. */
  isPoisoned(): boolean {
    return this.poisoned;
  }

  clearPoison(): void {
    this.poisoned = false;
  }

  /** Takes the mutex if it is free (or its owner has ended); true when taken. */
  tryLock(): boolean {
    const me = currentThreadId();
    if (atomicCas(this.word, u64(0), u64(me * 2)) === 0n) return true;
    return this.lockSlow(me, 0);
  }

  /** Takes the mutex, sleeping while another thread owns it. */
  lock(): void {
    const me = currentThreadId();
    if (atomicCas(this.word, u64(0), u64(me * 2)) === 0n) return;
    this.lockSlow(me, -1);
  }

  /** Takes the mutex, sleeping at most `timeoutNs` (< 0: no limit); false on timeout. */
  lockTimeout(timeoutNs: number): boolean {
    const me = currentThreadId();
    if (atomicCas(this.word, u64(0), u64(me * 2)) === 0n) return true;
    return this.lockSlow(me, timeoutNs);
  }

  private lockSlow(me: number, timeoutNs: number): boolean {
    const saved = schedLock();
    let took = false;
    let deadline = -1;
    let tookOverFrom = -1;
    for (;;) {
      const v = num(atomicLoad(this.word));
      const rest = this.waiters.length() !== 0 ? 1 : 0;
      if (v === 0) {
        if (atomicCas(this.word, u64(0), u64(me * 2 + rest)) === 0n) {
          took = true;
          break;
        }
        continue;
      }
      const owner = ownerOf(v);
      if (owner === me) {
        schedUnlock(saved);
        misuse('mutex', this.name, currentThread(), 'tried to acquire a mutex it already owns', owner, false);
      }
      if (!threadIsLive(owner)) {
        if (atomicCas(this.word, u64(v), u64(me * 2 + rest)) === u64(v)) {
          this.poisoned = true;
          tookOverFrom = owner;
          took = true;
          break;
        }
        continue;
      }
      const left = timeLeft(timeoutNs, deadline);
      if (left === 0) break;
      if (timeoutNs > 0 && deadline < 0) deadline = nowNs() + left;
      if ((v & 1) === 0 && atomicCas(this.word, u64(v), u64(v + 1)) !== u64(v)) continue;
      const self = currentThread();
      self.waitsFor = owner;
      this.waiters.waitLocked(left);
      self.waitsFor = -1;
    }
    schedUnlock(saved);
    if (tookOverFrom >= 0) kprint`mutex "${this.name}": thread ${tookOverFrom} ended while owning it; thread ${me} takes it over (poisoned)\n`;
    return took;
  }

  /** Releases the mutex and wakes one waiter. Only the owner may unlock. */
  unlock(): void {
    const me = currentThreadId();
    const mine = u64(me * 2);
    if (atomicCas(this.word, mine, u64(0)) === mine) return;
    const owner = this.owner();
    if (owner !== me) misuse('mutex', this.name, currentThread(), 'tried to release a mutex it does not own', owner, true);
    const saved = schedLock();
    this.unlockLocked();
    schedUnlock(saved);
  }

  /** unlock() inside schedLock() (Condvar); the caller has checked ownership. */
  unlockLocked(): void {
    atomicStore(this.word, u64(0));
    this.waiters.wakeOneLocked();
  }

  /** Frees the state word and the wait queue; the mutex must be free with nobody waiting. */
  [Symbol.dispose](): void {
    const owner = this.owner();
    if (owner >= 0) misuse('mutex', this.name, currentThread(), 'disposed of a mutex still locked', owner, true);
    if (this.waiters.length() > 0) misuse('mutex', this.name, currentThread(), 'disposed of a mutex threads are waiting on', -1, false);
    freeBytes(this.word);
    release(this.waiters);
  }
}
