/**
 * RwLock: many readers or one writer, sleeping.
 *
 * Policy: writer-preferring. A reader enters while no writer holds the lock
 * and none waits; a writer enters when there is neither a writer nor a
 * reader. Readers and writers sleep on separate FIFO wait queues
 * (packages/sched WaitQueue). The last reader out wakes one writer; a writer
 * leaving wakes one waiting writer if there is one, else every reader. No
 * hand-off: the woken retry. The writer is tracked (thread), readers only
 * counted. Check-then-sleep runs under the scheduler lock. Misuse panics naming the
 * lock and the thread: write-locking a lock the thread already write-holds,
 * write-unlocking one it does not hold, read-unlocking one nobody reads.
 */
import { currentThread, schedLock, schedUnlock, Thread, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';

export class RwLock {
  private writer: Thread | null = null;
  private readers = 0;
  private readonly readWaiters: WaitQueue = new WaitQueue();
  private readonly writeWaiters: WaitQueue = new WaitQueue();

  constructor(readonly name: string) {}

  /** Readers inside now. */
  readerCount(): number {
    return this.readers;
  }

  /** The writing thread's id, or -1. */
  writerId(): number {
    const w = this.writer;
    return w === null ? -1 : w.id;
  }

  tryRead(): boolean {
    const saved = schedLock();
    const ok = this.writer === null && this.writeWaiters.length() === 0;
    if (ok) this.readers++;
    schedUnlock(saved);
    return ok;
  }

  read(): void {
    const saved = schedLock();
    while (this.writer !== null || this.writeWaiters.length() !== 0) this.readWaiters.waitLocked(-1);
    this.readers++;
    schedUnlock(saved);
  }

  readUnlock(): void {
    const saved = schedLock();
    if (this.readers === 0) {
      schedUnlock(saved);
      misuse('rwlock', this.name, currentThread(), 'released a read lock nobody holds', this.writerId(), true);
    }
    this.readers--;
    if (this.readers === 0) this.writeWaiters.wakeOneLocked();
    schedUnlock(saved);
  }

  tryWrite(): boolean {
    const me = currentThread();
    const saved = schedLock();
    if (this.writer === me) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me.id, false);
    }
    const ok = this.writer === null && this.readers === 0;
    if (ok) this.writer = me;
    schedUnlock(saved);
    return ok;
  }

  write(): void {
    const me = currentThread();
    const saved = schedLock();
    if (this.writer === me) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me.id, false);
    }
    while (this.writer !== null || this.readers !== 0) this.writeWaiters.waitLocked(-1);
    this.writer = me;
    schedUnlock(saved);
  }

  writeUnlock(): void {
    const me = currentThread();
    const saved = schedLock();
    const w = this.writer;
    if (w !== me) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to release a write lock it does not hold', this.writerId(), true);
    }
    this.writer = null;
    if (!this.writeWaiters.wakeOneLocked()) this.readWaiters.wakeAllLocked();
    schedUnlock(saved);
  }
}
