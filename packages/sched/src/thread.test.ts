import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY, FIRST_THREAD_ID, NO_CORE, NO_DEADLINE, PRIORITY_LEVELS, Thread, ThreadIds, ThreadState, stateName } from './index';

beforeEach(() => resetMachine());

describe('Thread', () => {
  it('ids start at 100 and increase', () => {
    const ids = new ThreadIds();
    expect(FIRST_THREAD_ID).toBe(100);
    expect([ids.next(), ids.next(), ids.next()]).toEqual([100, 101, 102]);
    expect(ids.peek()).toBe(103);
  });

  it('starts Ready, unqueued, with no deadline', () => {
    const t = new Thread(100, 'main', DEFAULT_PRIORITY, NO_CORE);
    expect(t.state).toBe(ThreadState.Ready);
    expect(t.priority).toBe(8);
    expect(PRIORITY_LEVELS).toBe(16);
    expect(t.queuedOn).toBe(NO_CORE);
    expect(t.wakeDeadline).toBe(NO_DEADLINE);
    expect(t.isPinned()).toBe(false);
    expect(t.canRunOn(3)).toBe(true);
    t.account(1500);
    t.account(500);
    expect(t.cpuTimeNs).toBe(2000);
  });

  it('pinned threads run only on their core', () => {
    const t = new Thread(101, 'irq', 15, 2);
    expect(t.isPinned()).toBe(true);
    expect(t.core).toBe(2);
    expect(t.canRunOn(2)).toBe(true);
    expect(t.canRunOn(1)).toBe(false);
  });

  it('rejects priorities outside 0..15 and negative cpu time', () => {
    expect(catchPanic(() => new Thread(1, 'x', 16, NO_CORE))).toBe('thread priority out of range 0..15');
    expect(catchPanic(() => new Thread(1, 'x', -1, NO_CORE))).toBe('thread priority out of range 0..15');
    expect(catchPanic(() => new Thread(1, 'x', 0, -2))).toBe('thread pinned to a negative core');
    expect(catchPanic(() => new Thread(1, 'x', 0, NO_CORE).account(-1))).toBe('negative cpu time');
  });

  it('names its states for ps', () => {
    expect([0, 1, 2, 3, 4, 9].map(stateName)).toEqual(['ready', 'running', 'blocked', 'sleeping', 'exited', 'unknown']);
  });
});
