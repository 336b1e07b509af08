/**
 * Spinlocks: busy-waiting mutual exclusion between cores.
 *
 * Policy: a hal lock word (lock-word.ts: 0 = free, otherwise the
 * holder's core number + 1), taken with an acquire compare-and-swap and
 * released with a store-release (hal-aarch64 atomics, LL/SC). A core that
 * finds the lock taken waits in wfe until the word changes (the exclusive
 * monitor wakes it on the holder's store; unlock also does sev), then
 * retries: no fairness, no queueing. Not recursive. Holders must not block
 * or sleep. `SpinLock` leaves the interrupt mask alone, so an interrupt
 * handler must never take a SpinLock that thread code takes; `IrqSpinLock`
 * masks IRQs on the local core while held (restoring the previous mask on
 * unlock), which makes it safe to share with handlers on that core.
 * Misuse panics naming the lock and the cores: locking a lock this core
 * already holds, unlocking a lock this core does not hold.
 *
 * Holding a spinlock keeps the holder on its core (no preemption, a yield
 * does nothing, a kill waits for the unlock; packages/sched held-locks.ts).
 * If the holder stops anyway — it panics or faults inside the critical
 * section, returns, or blocks — the scheduler breaks the lock: it is
 * released, a line names the lock and the thread, and `isPoisoned()` is
 * true until `clearPoison()`, so the next holder knows the data it guards
 * may be half-updated.
 */
import { acquireLockWord, atomicStore, coreNumber, irqRestore, irqSave, lockWordHolder, releaseLockWord, tryLockWord } from '@unishyper/hal-aarch64';
import { allocBytes, freeBytes, kprint, panic, release, StrBuf, u64 } from '@unishyper/rt';
import { BreakableLock, preemptIfPending, spinLockReleased, spinLockTaken } from '@unishyper/sched';

/** This core's number: MPIDR_EL1 Aff0 + 16 * Aff1 (as QEMU virt numbers cores). */
export function currentCore(): number {
  return coreNumber();
}

function misuse(what: string, name: string, core: number, holder: number): never {
  const b = new StrBuf(160);
  b.push('spinlock "');
  b.push(name);
  b.push('": core ');
  b.pushNum(core);
  b.push(what);
  if (holder < 0) b.push(' (it is free)');
  else {
    b.push(' (held by core ');
    b.pushNum(holder);
    b.push(')');
  }
  return panic(b.toString());
}

export class SpinLock implements BreakableLock {
  /** Address of the lock word. */
  private readonly word: number;
  private poisoned = false;

  constructor(readonly name: string) {
    this.word = allocBytes(8, 8);
    atomicStore(this.word, u64(0));
  }

  /** The core holding the lock, or -1. */
  holder(): number {
    return lockWordHolder(this.word) - 1;
  }

  isLocked(): boolean {
    return this.holder() >= 0;
  }

  /** Whether a holder stopped running while holding the lock, since the last clearPoison(). */
  isPoisoned(): boolean {
    return this.poisoned;
  }

  clearPoison(): void {
    this.poisoned = false;
  }

  /** Takes the lock if it is free; true when taken. */
  tryLock(): boolean {
    const me = currentCore();
    const holder = tryLockWord(this.word, me + 1);
    if (holder === 0n) {
      spinLockTaken(this);
      return true;
    }
    if (holder === u64(me + 1)) misuse(' tried to acquire a spinlock it already holds', this.name, me, me);
    return false;
  }

  /** Spins (wfe) until the lock is taken. */
  lock(): void {
    const me = currentCore();
    if (!acquireLockWord(this.word, me + 1)) misuse(' tried to acquire a spinlock it already holds', this.name, me, me);
    spinLockTaken(this);
  }

  /** Releases the lock; the caller must hold it. Then lets a waiting preemption or kill happen. */
  unlock(): void {
    const me = currentCore();
    const holder = this.holder();
    if (holder !== me) misuse(' tried to release a spinlock it does not hold', this.name, me, holder);
    spinLockReleased(this);
    releaseLockWord(this.word);
    preemptIfPending();
  }

  /** The scheduler's: thread `holderId` stopped running while holding this lock. */
  breakFor(holderId: number, ended: boolean): void {
    kprint`spinlock "${this.name}": thread ${holderId} ${ended ? 'ended' : 'stopped running (blocked or slept)'} while holding it; released, poisoned\n`;
    this.poisoned = true;
    releaseLockWord(this.word);
  }

  /** Frees the lock word (the lock must be free); what disposing does. */
  destroy(): void {
    const holder = this.holder();
    if (holder >= 0) misuse(' disposed of a spinlock still held', this.name, currentCore(), holder);
    freeBytes(this.word);
  }

  [Symbol.dispose](): void {
    this.destroy();
  }
}

/** A spinlock that masks IRQs on the local core while held. */
export class IrqSpinLock {
  private readonly inner: SpinLock;
  /** The IRQ mask irqSave returned when the holder locked; written only by the holder. */
  private saved = 0;

  constructor(name: string) {
    this.inner = new SpinLock(name);
  }

  name(): string {
    return this.inner.name;
  }

  holder(): number {
    return this.inner.holder();
  }

  isLocked(): boolean {
    return this.inner.isLocked();
  }

  /** Masks IRQs, then takes the lock if it is free; on failure the mask is restored. */
  tryLock(): boolean {
    const s = irqSave();
    if (!this.inner.tryLock()) {
      irqRestore(s);
      return false;
    }
    this.saved = s;
    return true;
  }

  /** Masks IRQs and spins until the lock is taken (IRQs stay masked while waiting). */
  lock(): void {
    const s = irqSave();
    this.inner.lock();
    this.saved = s;
  }

  /** Releases the lock, then restores the IRQ mask from before lock(). */
  unlock(): void {
    const s = this.saved;
    this.inner.unlock();
    irqRestore(s);
    preemptIfPending();
  }

  isPoisoned(): boolean {
    return this.inner.isPoisoned();
  }

  clearPoison(): void {
    this.inner.clearPoison();
  }

  [Symbol.dispose](): void {
    this.inner.destroy();
    release(this.inner);
  }
}
