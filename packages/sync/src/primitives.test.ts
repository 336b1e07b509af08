// Node tests of the sleeping primitives' paths that need no thread switch:
// try* operations, the bookkeeping, and misuse panics naming thread and object.
import { beforeEach, describe, expect, it } from 'vitest';
import { FixedArray } from '@unishyper/rt';
import { catchPanic, heapStats, resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Channel } from './channel';
import { Condvar } from './condvar';
import { Mutex } from './mutex';
import { Semaphore, UNBOUNDED } from './semaphore';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

describe('Mutex', () => {
  it('tryLock, unlock and the owner', () => {
    const m = new Mutex('m');
    expect(m.isLocked()).toBe(false);
    expect(m.owner()).toBe(-1);
    expect(m.tryLock()).toBe(true);
    expect(m.owner()).toBe(100);
    expect(m.isOwnedByMe()).toBe(true);
    m.unlock();
    expect(m.isLocked()).toBe(false);
    m.lock();
    expect(m.owner()).toBe(100);
    m.unlock();
    expect(m.lockTimeout(0)).toBe(true);
    m.unlock();
    expect(m.waiting()).toBe(0);
  });

  it('panics when a thread unlocks a mutex it does not own, naming the thread and the mutex', () => {
    const m = new Mutex('log');
    expect(catchPanic(() => m.unlock())).toBe('mutex "log": thread 100 ("main") tried to release a mutex it does not own (it is free)');
  });

  it('dispose returns its state word; disposing of a locked mutex panics naming it and the owner', () => {
    const live = heapStats().liveAllocations;
    const m = new Mutex('scratch');
    expect(heapStats().liveAllocations).toBe(live + 1);
    m[Symbol.dispose]();
    expect(heapStats().liveAllocations).toBe(live);
    const held = new Mutex('held');
    held.lock();
    expect(catchPanic(() => held[Symbol.dispose]())).toBe('mutex "held": thread 100 ("main") disposed of a mutex still locked (owned by thread 100)');
  });

  it('panics on recursive locking', () => {
    const m = new Mutex('r');
    m.lock();
    expect(catchPanic(() => m.lock())).toBe('mutex "r": thread 100 ("main") tried to acquire a mutex it already owns');
    expect(catchPanic(() => m.tryLock())).toMatch(/already owns/);
    expect(catchPanic(() => m.lockTimeout(5))).toMatch(/already owns/);
  });
});

describe('Semaphore', () => {
  it('tryAcquire takes permits until none is left; release adds one', () => {
    const s = new Semaphore('s', 2, UNBOUNDED);
    expect(s.tryAcquire()).toBe(true);
    expect(s.tryAcquire()).toBe(true);
    expect(s.tryAcquire()).toBe(false);
    expect(s.acquireTimeout(0)).toBe(false);
    s.release();
    expect(s.available()).toBe(1);
    s.acquire();
    expect(s.available()).toBe(0);
  });

  it('a bounded semaphore panics on a release past its maximum', () => {
    const s = new Semaphore('slots', 1, 1);
    expect(catchPanic(() => s.release())).toBe('semaphore "slots": thread 100 ("main") released a semaphore already at its maximum count');
    expect(catchPanic(() => new Semaphore('bad', 3, 2))).toMatch(/initial count outside/);
  });
});

describe('Condvar', () => {
  it('notify without waiters does nothing', () => {
    const c = new Condvar('c');
    expect(c.notifyOne()).toBe(false);
    expect(c.notifyAll()).toBe(0);
  });

  it('panics when waiting with a mutex the thread does not own', () => {
    const c = new Condvar('ready');
    const m = new Mutex('state');
    expect(catchPanic(() => c.wait(m))).toBe('condvar "ready": thread 100 ("main") waited with a mutex it does not own');
  });
});

describe('Channel', () => {
  it('trySend fills the ring, tryRecv empties it in FIFO order, wrapping around', () => {
    const ch = new Channel<number>('ch', 3, 0);
    const out = new FixedArray<number>(1, -1);
    expect(ch.tryRecv(out)).toBe(false);
    expect(out.get(0)).toBe(-1);
    for (let round = 0; round < 4; round++) {
      expect(ch.trySend(10 * round + 1)).toBe(true);
      expect(ch.trySend(10 * round + 2)).toBe(true);
      ch.send(10 * round + 3);
      expect(ch.trySend(99)).toBe(false);
      expect(ch.sendTimeout(99, 0)).toBe(false);
      expect(ch.len()).toBe(3);
      expect(ch.tryRecv(out)).toBe(true);
      expect(out.get(0)).toBe(10 * round + 1);
      expect(ch.recv()).toBe(10 * round + 2);
      expect(ch.recvTimeout(out, 0)).toBe(true);
      expect(out.get(0)).toBe(10 * round + 3);
      expect(ch.len()).toBe(0);
    }
    ch[Symbol.dispose]();
  });

  it('rejects a capacity below 1', () => {
    expect(catchPanic(() => new Channel<number>('z', 0, 0))).toMatch(/channel "z": .* capacity below 1/);
  });
});
