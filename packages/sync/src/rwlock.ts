/**
 * RwLock: many readers or one writer, sleeping.
 *
 * Policy: writer-preferring. A reader enters while no writer holds the lock
 * and none waits; a writer enters when there is neither a writer nor a
 * reader. Readers and writers sleep on separate FIFO wait queues
 * (packages/sched WaitQueue). The last reader out wakes one writer; a writer
 * leaving wakes one waiting writer if there is one, else every reader. No
 * hand-off: the woken retry. Check-then-sleep runs under the scheduler lock.
 *
 * Holders are tracked by thread id (the writer, and one entry per read
 * lock held), so a holder that ends without unlocking (it returned,
 * panicked, faulted or was killed) does not block the lock forever: like a
 * Mutex (mutex.ts), the lock is then poisoned, a line names the thread, and
 * the ended holder's hold is dropped. A waiter records the holder it waits
 * for in `Thread.waitsFor`, so the scheduler wakes it when that holder ends.
 *
 * Misuse panics naming the lock and the thread: write-locking a lock the
 * thread already write-holds, write-unlocking one it does not hold,
 * read-unlocking one it does not read.
 */
import { FixedArray, kprint, release } from '@unishyper/rt';
import { currentThread, schedLock, schedUnlock, threadIsLive, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';

const NO_WRITER = -1;

export class RwLock {
  private writer = NO_WRITER;
  /** Thread ids of the read locks held (a thread reading twice is there twice); the first `readers` entries. */
  private readerIds: FixedArray<number> = new FixedArray<number>(4, 0);
  private readers = 0;
  private poisoned = false;
  private readonly readWaiters: WaitQueue = new WaitQueue();
  private readonly writeWaiters: WaitQueue = new WaitQueue();

  constructor(readonly name: string) {}

  /** Read locks held now. */
  readerCount(): number {
    return this.readers;
  }

  /** The writing thread's id, or -1. */
  writerId(): number {
    return this.writer;
  }

  /** Whether a holder ended while holding the lock, since the last clearPoison(). */
  isPoisoned(): boolean {
    return this.poisoned;
  }

  clearPoison(): void {
    this.poisoned = false;
  }

  tryRead(): boolean {
    const saved = schedLock();
    this.dropEndedWriter();
    const ok = this.writer === NO_WRITER && this.writeWaiters.length() === 0;
    if (ok) this.addReader(currentThread().id);
    schedUnlock(saved);
    return ok;
  }

  read(): void {
    const saved = schedLock();
    const self = currentThread();
    for (;;) {
      this.dropEndedWriter();
      if (this.writer === NO_WRITER && this.writeWaiters.length() === 0) break;
      // Waiting behind a waiting writer: it wakes the readers when it leaves.
      self.waitsFor = this.writer;
      this.readWaiters.waitLocked(-1);
      self.waitsFor = -1;
    }
    this.addReader(self.id);
    schedUnlock(saved);
  }

  readUnlock(): void {
    const saved = schedLock();
    const me = currentThread();
    if (!this.removeReader(me.id)) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, this.readers === 0 ? 'released a read lock nobody holds' : 'released a read lock it does not hold', this.writer, true);
    }
    this.dropEndedReaders();
    if (this.readers === 0) this.writeWaiters.wakeOneLocked();
    schedUnlock(saved);
  }

  tryWrite(): boolean {
    const me = currentThread();
    const saved = schedLock();
    if (this.writer === me.id) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me.id, false);
    }
    this.dropEndedWriter();
    this.dropEndedReaders();
    const ok = this.writer === NO_WRITER && this.readers === 0;
    if (ok) this.writer = me.id;
    schedUnlock(saved);
    return ok;
  }

  write(): void {
    const me = currentThread();
    const saved = schedLock();
    if (this.writer === me.id) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me.id, false);
    }
    for (;;) {
      this.dropEndedWriter();
      this.dropEndedReaders();
      if (this.writer === NO_WRITER && this.readers === 0) break;
      // Any one holder: when it ends, this writer is woken to look again.
      me.waitsFor = this.writer !== NO_WRITER ? this.writer : this.readerIds.get(0);
      this.writeWaiters.waitLocked(-1);
      me.waitsFor = -1;
    }
    this.writer = me.id;
    schedUnlock(saved);
  }

  writeUnlock(): void {
    const me = currentThread();
    const saved = schedLock();
    if (this.writer !== me.id) {
      schedUnlock(saved);
      misuse('rwlock', this.name, me, 'tried to release a write lock it does not hold', this.writer, true);
    }
    this.writer = NO_WRITER;
    if (!this.writeWaiters.wakeOneLocked()) this.readWaiters.wakeAllLocked();
    schedUnlock(saved);
  }

  /** A writer that ended without unlocking loses the lock (scheduler lock held). */
  private dropEndedWriter(): void {
    const w = this.writer;
    if (w === NO_WRITER || threadIsLive(w)) return;
    this.writer = NO_WRITER;
    this.poisoned = true;
    kprint`rwlock "${this.name}": thread ${w} ended while holding it for writing; released (poisoned)\n`;
  }

  /** Read locks of threads that ended without unlocking are dropped (scheduler lock held). */
  private dropEndedReaders(): void {
    let i = 0;
    while (i < this.readers) {
      const id = this.readerIds.get(i);
      if (threadIsLive(id)) {
        i++;
        continue;
      }
      this.removeReader(id);
      this.poisoned = true;
      kprint`rwlock "${this.name}": thread ${id} ended while holding it for reading; released (poisoned)\n`;
    }
  }

  private addReader(id: number): void {
    if (this.readers === this.readerIds.length) {
      const grown = new FixedArray<number>(this.readerIds.length * 2, 0);
      for (let i = 0; i < this.readers; i++) grown.set(i, this.readerIds.get(i));
      release(this.readerIds);
      this.readerIds = grown;
    }
    this.readerIds.set(this.readers, id);
    this.readers++;
  }

  /** Removes one read lock of thread `id`; false if it holds none. */
  private removeReader(id: number): boolean {
    for (let i = 0; i < this.readers; i++) {
      if (this.readerIds.get(i) !== id) continue;
      this.readers--;
      this.readerIds.set(i, this.readerIds.get(this.readers));
      return true;
    }
    return false;
  }

  [Symbol.dispose](): void {
    release(this.readerIds);
  }
}
