// The per-core spinlock bookkeeping under Node (one core, no switching):
// counting, release in any order, preemption held off while a lock is held,
// the nesting limit, and breaking what a stopping thread holds.
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BreakableLock } from './breakable-lock';
import { locksHeld, reschedPending, resetScheduler, thisCore } from './cores';
import { breakHeldLocks, spinLockReleased, spinLockTaken } from './held-locks';
import { initScheduler } from './scheduler';
import { ThreadState } from './thread';

class FakeLock implements BreakableLock {
  broken: string[] = [];
  constructor(readonly name: string) {}
  breakFor(holderId: number, ended: boolean): void {
    this.broken.push(`${this.name} by ${holderId} ${ended ? 'ended' : 'stopped'}`);
  }
}

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

describe('held spinlocks', () => {
  it('are counted per core and may be released in any order', () => {
    const a = new FakeLock('a');
    const b = new FakeLock('b');
    spinLockTaken(a);
    spinLockTaken(b);
    expect(locksHeld(thisCore())).toBe(2);
    spinLockReleased(a);
    expect(locksHeld(thisCore())).toBe(1);
    spinLockReleased(b);
    expect(locksHeld(thisCore())).toBe(0);
    expect(catchPanic(() => spinLockReleased(a))).toBe('spinlock released on a core that does not hold it');
  });

  it('hold off a pending preemption until the last one is released', () => {
    const a = new FakeLock('a');
    thisCore().setNeedResched(true);
    expect(reschedPending()).toBe(true);
    spinLockTaken(a);
    expect(reschedPending()).toBe(false);
    spinLockReleased(a);
    expect(reschedPending()).toBe(true);
    thisCore().setNeedResched(false);
  });

  it('nest at most 8 deep', () => {
    const locks: FakeLock[] = [];
    for (let i = 0; i < 8; i++) {
      locks.push(new FakeLock(`l${i}`));
      spinLockTaken(locks[i]!);
    }
    expect(catchPanic(() => spinLockTaken(new FakeLock('ninth')))).toBe('more than 8 spinlocks held at once on one core');
    for (const l of locks) spinLockReleased(l);
  });

  it('are broken newest first when their holder stops, and the count is reset', () => {
    const a = new FakeLock('a');
    const b = new FakeLock('b');
    spinLockTaken(a);
    spinLockTaken(b);
    const c = thisCore();
    const me = c.current;
    me.state = ThreadState.Exited;
    breakHeldLocks(c, me);
    expect(b.broken).toEqual([`b by ${me.id} ended`]);
    expect(a.broken).toEqual([`a by ${me.id} ended`]);
    expect(locksHeld(c)).toBe(0);
    me.state = ThreadState.Running;
    spinLockTaken(a);
    me.state = ThreadState.Blocked;
    breakHeldLocks(c, me);
    expect(a.broken[1]).toBe(`a by ${me.id} stopped`);
    me.state = ThreadState.Running;
  });
});
