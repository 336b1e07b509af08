// Node tests of RwLock paths that need no thread switch.
import { beforeEach, describe, expect, it } from 'vitest';
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { RwLock } from './rwlock';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

describe('RwLock', () => {
  it('admits many readers or one writer', () => {
    const l = new RwLock('table');
    expect(l.tryRead()).toBe(true);
    l.read();
    expect(l.readerCount()).toBe(2);
    expect(l.tryWrite()).toBe(false);
    l.readUnlock();
    l.readUnlock();
    expect(l.tryWrite()).toBe(true);
    expect(l.writerId()).toBe(100);
    expect(l.tryRead()).toBe(false);
    l.writeUnlock();
    l.write();
    l.writeUnlock();
    expect(l.writerId()).toBe(-1);
  });

  it('misuse panics name the lock and the thread', () => {
    const l = new RwLock('table');
    expect(catchPanic(() => l.readUnlock())).toBe('rwlock "table": thread 100 ("main") released a read lock nobody holds (it is free)');
    expect(catchPanic(() => l.writeUnlock())).toBe('rwlock "table": thread 100 ("main") tried to release a write lock it does not hold (it is free)');
    l.write();
    expect(catchPanic(() => l.write())).toMatch(/already holds it for writing|already holds for writing/);
  });
});
