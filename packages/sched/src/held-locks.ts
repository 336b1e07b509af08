/**
 * The spinlocks each core holds, and what happens when their holder stops.
 *
 * Others spin until a spinlock's holder unlocks, so the holder must keep
 * running: while a core holds spinlocks, its running thread is not
 * preempted (the count is checked where preemption happens: afterIrq and
 * reschedPending) and a kill waits until the last one is released. So
 * every spinlock a core holds is its running thread's, and a yield is a
 * no-op. When that thread stops running anyway — it panics or faults
 * inside the critical section, returns without unlocking, or blocks or
 * sleeps (a bug) — schedule() breaks each lock it holds before switching
 * away: the lock is released and marked poisoned, and says so, so the
 * other cores go on.
 */
import { panic } from '@unishyper/rt';
import { BreakableLock, MAX_HELD_SPINLOCKS } from './breakable-lock';
import { Core, locksHeld, schedulerStarted, setLocksHeld, thisCore } from './cores';
import { Thread, ThreadState } from './thread';

/** Records that this core took spinlock `l` (call with the lock held). */
export function spinLockTaken(l: BreakableLock): void {
  if (!schedulerStarted()) return;
  const c = thisCore();
  const n = locksHeld(c);
  if (n >= MAX_HELD_SPINLOCKS) panic('more than 8 spinlocks held at once on one core');
  c.held.set(n, l);
  setLocksHeld(c, n + 1);
}

/** Records that this core released spinlock `l` (nested locks may be released in any order). */
export function spinLockReleased(l: BreakableLock): void {
  if (!schedulerStarted()) return;
  const c = thisCore();
  const n = locksHeld(c);
  let i = n - 1;
  while (i >= 0 && c.held.get(i) !== l) i--;
  if (i < 0) return panic('spinlock released on a core that does not hold it');
  for (let j = i; j < n - 1; j++) c.held.set(j, c.held.get(j + 1));
  c.held.set(n - 1, null);
  setLocksHeld(c, n - 1);
}

/** Breaks every spinlock core `c` holds: its running thread `t` is switching away (scheduler lock held). */
export function breakHeldLocks(c: Core, t: Thread): void {
  const ended = t.state === ThreadState.Exited;
  for (let i = locksHeld(c) - 1; i >= 0; i--) {
    const l = c.held.get(i);
    c.held.set(i, null);
    if (l !== null) l.breakFor(t.id, ended);
  }
  setLocksHeld(c, 0);
}
