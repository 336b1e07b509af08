/**
 * @unishyper/sched: scheduler policy, in the kernel dialect.
 *
 * - Thread control block, states, priorities 0..15, ids from 100 (thread.ts).
 * - Per-core run queues: FIFO per priority + bitmap, stealing (run-queue.ts).
 * - Placement on the least-loaded core, victim choice (placement.ts).
 * - Timer queue by deadline, FIFO among equals (timer-queue.ts).
 * - ps snapshot (snapshot.ts).
 *
 * Pure data structures: no context switch, no interrupts yet.
 */
export {
  ThreadState, PRIORITY_LEVELS, MIN_PRIORITY, MAX_PRIORITY, DEFAULT_PRIORITY, NO_CORE, NO_DEADLINE, FIRST_THREAD_ID,
  Thread, ThreadIds, stateName, checkPriority,
} from './thread.js';
export { RunQueue } from './run-queue.js';
export { chooseCore, place, pickVictim, stealFor, totalReady } from './placement.js';
export { TimerQueue, msToNs, usToNs } from './timer-queue.js';
export { ThreadInfo, newSnapshotBuffer, releaseSnapshotBuffer, takeSnapshot } from './snapshot.js';
export { STACK_BYTES, TIME_SLICE_NS, WaitQueue, currentThread, exitThread, initScheduler, join, sleepMs, sleepNs, sleepUs, spawn, threadStart, yieldNow } from './scheduler';
