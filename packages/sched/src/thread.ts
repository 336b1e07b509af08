/**
 * The thread control block, as far as the scheduler policy needs it.
 *
 * A `Thread` carries its identity (id, name), its scheduling state and
 * priority, where it may run (pinned core or -1) and where it is (current
 * core), its accounted CPU time, its wake deadline while sleeping, and the
 * intrusive links of the two queues it can be on: a run queue (`next`/`prev`,
 * owner `queuedOn`) and the timer queue (`timerNext`/`timerPrev`, flag
 * `inTimerQueue`). The links are separate because a thread blocked with a
 * timeout sits on a wait queue and on the timer queue at once (the wait
 * queues of packages/sync will reuse `next`/`prev`). Queues never allocate:
 * enqueue and dequeue only rewrite these fields.
 *
 * Priorities are 0..15, higher runs first, default 8. Ids come from a
 * `ThreadIds` counter that starts at 100 (the original's main thread is 100).
 */
import { panic } from '@unishyper/rt';

/** Scheduling states (a const-object enum: `ThreadState.Ready` folds to 0). */
export const ThreadState = {
  Ready: 0,
  Running: 1,
  Blocked: 2,
  Sleeping: 3,
  Exited: 4,
} as const;

/** Number of priority levels; valid priorities are 0..PRIORITY_LEVELS-1. */
export const PRIORITY_LEVELS = 16;
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 15;
export const DEFAULT_PRIORITY = 8;
/** `pinnedCore`/`core`/`queuedOn` value meaning "none". */
export const NO_CORE = -1;
/** `wakeDeadline` value meaning "not sleeping". */
export const NO_DEADLINE = -1;
/** The first id handed out (the main thread's, as in the original). */
export const FIRST_THREAD_ID = 100;

/** The name `ps` prints for a state. */
export function stateName(state: number): string {
  switch (state) {
    case ThreadState.Ready:
      return 'ready';
    case ThreadState.Running:
      return 'running';
    case ThreadState.Blocked:
      return 'blocked';
    case ThreadState.Sleeping:
      return 'sleeping';
    case ThreadState.Exited:
      return 'exited';
  }
  return 'unknown';
}

/** Panics unless `p` is a valid priority. */
export function checkPriority(p: number): number {
  if (p < MIN_PRIORITY || p > MAX_PRIORITY) panic('thread priority out of range 0..15');
  return p;
}

export class Thread {
  readonly id: number;
  readonly name: string;
  /** One of `ThreadState`. */
  state: number;
  /** 0..15, higher runs first. Change it only while the thread is on no run queue (see `RunQueue.setPriority`). */
  priority: number;
  /** The only core the thread may run on, or NO_CORE. */
  pinnedCore: number;
  /** The core the thread last ran or was placed on, or NO_CORE before placement. */
  core: number;
  /** CPU time consumed, in nanoseconds. */
  cpuTimeNs: number;
  /** Absolute wake time in ns while on the timer queue, else NO_DEADLINE. */
  wakeDeadline: number;

  /** Run-queue (or wait-queue) links. */
  next: Thread | null;
  prev: Thread | null;
  /** Core id of the run queue holding the thread, or NO_CORE. */
  queuedOn: number;

  /** Timer-queue links. */
  timerNext: Thread | null;
  timerPrev: Thread | null;
  inTimerQueue: boolean;
  /** The core whose timer queue holds the thread while `inTimerQueue`. */
  timerCore: number;

  /** Scheduler bookkeeping (scheduler.ts): address of the saved stack pointer while switched out (0 before set-up). */
  spSlot: number;
  /** Lowest address a trap frame may be pushed to on the thread's stack (0: unchecked). */
  stackLimit: number;
  /**
   * Address of the thread's clean-up slot: the head of its chain of `using`
   * records (rt_cleanup.h), which the per-core block points at while it runs.
   */
  cleanupSlot: number;
  /** CPU time in counter ticks, counted at each switch (listThreads reports it in ns; `cpuTimeNs`/`account` are the policy model's). */
  cpuTicks: number;
  /** Set by kill() while the thread runs on another core: it ends at its next interrupt. */
  killRequested: boolean;
  /** While blocked on a lock: the id of the thread holding it (its end wakes this one), else -1. */
  waitsFor: number;

  constructor(id: number, name: string, priority: number, pinnedCore: number) {
    this.id = id;
    this.name = name;
    this.state = ThreadState.Ready;
    this.priority = checkPriority(priority);
    if (pinnedCore < NO_CORE) panic('thread pinned to a negative core');
    this.pinnedCore = pinnedCore;
    this.core = pinnedCore;
    this.cpuTimeNs = 0;
    this.wakeDeadline = NO_DEADLINE;
    this.next = null;
    this.prev = null;
    this.queuedOn = NO_CORE;
    this.timerNext = null;
    this.timerPrev = null;
    this.inTimerQueue = false;
    this.timerCore = NO_CORE;
    this.spSlot = 0;
    this.stackLimit = 0;
    this.cleanupSlot = 0;
    this.cpuTicks = 0;
    this.killRequested = false;
    this.waitsFor = -1;
  }

  isPinned(): boolean {
    return this.pinnedCore !== NO_CORE;
  }

  /** Whether the thread may run on `core`. */
  canRunOn(core: number): boolean {
    return this.pinnedCore === NO_CORE || this.pinnedCore === core;
  }

  /** Adds `ns` of CPU time (called at each switch-out and tick). */
  account(ns: number): void {
    if (ns < 0) panic('negative cpu time');
    this.cpuTimeNs = this.cpuTimeNs + ns;
  }
}

/** Hands out thread ids: 100, 101, ... (never reused; ids fit easily in 2^53). */
export class ThreadIds {
  private nextId: number;

  constructor() {
    this.nextId = FIRST_THREAD_ID;
  }

  next(): number {
    const id = this.nextId;
    this.nextId = this.nextId + 1;
    return id;
  }

  /** The id the next call returns. */
  peek(): number {
    return this.nextId;
  }
}
