/**
 * @unishyper/sched: threads on every core, in the kernel dialect.
 *
 * - Thread control block, states, priorities 0..15, ids from 100 (thread.ts).
 * - Per-core run queues: FIFO per priority + bitmap, stealing (run-queue.ts).
 * - Placement on the least-loaded core, victim choice (placement.ts).
 * - Timer queue by deadline, FIFO among equals (timer-queue.ts).
 * - ps snapshot records (snapshot.ts).
 * - The scheduler: the thread API (scheduler.ts), dispatching, idle, timers
 *   and wake-ups (dispatch.ts), the lock (sched-lock.ts, critical.ts), wait
 *   queues (wait-queue.ts), the spinlocks each core holds and breaking them
 *   when their holder stops (held-locks.ts).
 */
export {
  ThreadState, PRIORITY_LEVELS, MIN_PRIORITY, MAX_PRIORITY, DEFAULT_PRIORITY, NO_CORE, NO_DEADLINE, FIRST_THREAD_ID,
  Thread, ThreadIds, stateName, checkPriority,
} from './thread.js';
export { RunQueue } from './run-queue.js';
export { chooseCore, place, pickVictim, stealFor, totalReady } from './placement.js';
export { TimerQueue, msToNs, usToNs } from './timer-queue.js';
export { ThreadInfo, newSnapshotBuffer, releaseSnapshotBuffer, takeSnapshot } from './snapshot.js';
export {
  JoinResult, exitThread, initScheduler, initSchedulerOn, join, joinResult, kill, listThreads, schedulerCores, secondaryMain,
  sleepMs, sleepNs, sleepUs, spawn, spawnPinned, threadCount, threadIsLive, threadStart, wake, yieldNow,
} from './scheduler';
export { currentThread, currentThreadId, resetScheduler, thisCoreIndex } from './cores';
export { preemptIfPending, schedLock, schedUnlock } from './critical';
export type { BreakableLock } from './breakable-lock';
export { MAX_HELD_SPINLOCKS } from './breakable-lock';
export { spinLockReleased, spinLockTaken } from './held-locks';
export { SGI_RESCHEDULE, TIME_SLICE_NS } from './dispatch';
export { ABNORMAL_EXIT_VALUE, ThreadEnd } from './tasks';
export { STACK_BYTES } from './stacks';
export { WaitQueue } from './wait-queue';
export {
  STACK_GUARD_BYTES, STACK_SLOT_BYTES, STACK_USABLE_BYTES, STACK_CHUNK_BYTES, SLOTS_PER_CHUNK,
  allocStack, freeStack, stacksInUse, stackCapacity, initStackPool, arenaStart, arenaSlots, slotBase, slotOfBase,
} from './stack-pool';
export { registerThreadCommands } from './commands';
export { addPowerOffHook, runPowerOffHooks } from './power-hooks';
export { ThreadShellHost } from './shell-host';
