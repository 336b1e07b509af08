/**
 * RwLock: many readers or one writer, sleeping.
 *
 * Policy: writer-preferring. A reader enters while no writer holds the lock
 * and none waits; a writer enters when there is neither a writer nor a
 * reader. Readers and writers sleep on separate FIFO wait queues
 * (packages/sched WaitQueue). The last reader out wakes one writer; a writer
 * leaving wakes one waiting writer if there is one, else every reader. No
 * hand-off: the woken retry. The writer is tracked (thread), readers only
 * counted. Check-then-sleep runs with IRQs masked. Misuse panics naming the
 * lock and the thread: write-locking a lock the thread already write-holds,
 * write-unlocking one it does not hold, read-unlocking one nobody reads.
 */
import { irqRestore, irqSave } from '@unishyper/hal-aarch64';
import { currentThread, Thread, WaitQueue } from '@unishyper/sched';
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
    const saved = irqSave();
    const ok = this.writer === null && this.writeWaiters.length() === 0;
    if (ok) this.readers++;
    irqRestore(saved);
    return ok;
  }

  read(): void {
    const saved = irqSave();
    while (this.writer !== null || this.writeWaiters.length() !== 0) this.readWaiters.wait(-1);
    this.readers++;
    irqRestore(saved);
  }

  readUnlock(): void {
    const saved = irqSave();
    if (this.readers === 0) misuse('rwlock', this.name, currentThread(), 'released a read lock nobody holds', this.writer, true);
    this.readers--;
    if (this.readers === 0) this.writeWaiters.wakeOne();
    irqRestore(saved);
  }

  tryWrite(): boolean {
    const me = currentThread();
    const saved = irqSave();
    if (this.writer === me) misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me, false);
    const ok = this.writer === null && this.readers === 0;
    if (ok) this.writer = me;
    irqRestore(saved);
    return ok;
  }

  write(): void {
    const me = currentThread();
    const saved = irqSave();
    if (this.writer === me) misuse('rwlock', this.name, me, 'tried to write-lock a lock it already holds for writing', me, false);
    while (this.writer !== null || this.readers !== 0) this.writeWaiters.wait(-1);
    this.writer = me;
    irqRestore(saved);
  }

  writeUnlock(): void {
    const me = currentThread();
    const saved = irqSave();
    const w = this.writer;
    if (w !== me) misuse('rwlock', this.name, me, 'tried to release a write lock it does not hold', w, true);
    this.writer = null;
    if (!this.writeWaiters.wakeOne()) this.readWaiters.wakeAll();
    irqRestore(saved);
  }
}
