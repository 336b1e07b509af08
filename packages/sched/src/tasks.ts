/**
 * The scheduler's record of each spawned thread (a Task: the Thread plus
 * what only the scheduler needs), found by thread id. Ids are handed out in
 * order from FIRST_THREAD_ID and never reused. Guarded by the scheduler lock.
 */
import { allocBytes, FixedArray, freeBytes, panic, release, store64, u64 } from '@unishyper/rt';
import { FIRST_THREAD_ID, Thread, ThreadIds, ThreadState } from './thread';
import { WaitList } from './wait-list';

/** How a thread ended (`JoinResult.how`). */
export const ThreadEnd = {
  Returned: 0,
  Panicked: 1,
  Faulted: 2,
  Killed: 3,
} as const;

/** What join() returns for a thread that panicked, faulted or was killed. */
export const ABNORMAL_EXIT_VALUE = -1;

export class Task {
  exitValue = 0;
  how: number = ThreadEnd.Returned;
  /** The thread blocked in join() on this one. */
  joiner: Thread | null = null;
  /** The id this thread is joining, or -1. */
  joining = -1;
  /** The wait queue the thread is blocked on, if any. */
  waitingOn: WaitList | null = null;
  /** Set when a timed wait ended by its deadline. */
  timedOut = false;

  constructor(
    readonly thread: Thread,
    readonly body: (() => number) | null,
    /** Lowest usable address of the thread's stack (0: not owned, e.g. main's boot stack). */
    readonly stack: number,
  ) {
    this.thread.spSlot = allocSwitchSlots(this.thread);
  }
}

/**
 * One 16-byte allocation for thread `t`'s two words the assembly and rt
 * reach by address: its saved sp (returned: the spSlot) and, at +8, its
 * empty clean-up slot (unless it already has one: main uses the boot slot).
 */
export function allocSwitchSlots(t: Thread): number {
  const slots = allocBytes(16, 8);
  store64(slots, u64(0));
  store64(slots + 8, u64(0));
  if (t.cleanupSlot === 0) t.cleanupSlot = slots + 8;
  return slots;
}

/**
 * Live tasks by id: an open-addressed table (linear probing, slot = id mod
 * capacity, which spreads sequential ids perfectly), doubled when half full
 * and never shrunk. Joined threads leave it (backward-shift deletion, no
 * tombstones), so it grows with the most threads alive at once, not with
 * the number ever spawned.
 */
const INITIAL_SLOTS = 64;
let slots: FixedArray<Task | null> | null = null;
let live = 0;
let ids = new ThreadIds();

function table(): FixedArray<Task | null> {
  const t = slots;
  if (t === null) return panic('scheduler used before initScheduler');
  return t;
}

/** Starts the table with the main thread's task (id FIRST_THREAD_ID). */
export function initTasks(main: Task): void {
  slots = new FixedArray<Task | null>(INITIAL_SLOTS, null);
  live = 0;
  release(ids);
  ids = new ThreadIds();
  addTask(main);
}

/** The id the next spawned thread gets. */
export function nextThreadId(): number {
  return ids.peek();
}

export function addTask(t: Task): void {
  if (t.thread.id !== ids.next()) panic('task added out of id order');
  if (2 * (live + 1) > table().length) grow();
  place(table(), t);
  live++;
}

function place(tab: FixedArray<Task | null>, t: Task): void {
  let i = t.thread.id % tab.length;
  while (tab.get(i) !== null) i = (i + 1) % tab.length;
  tab.set(i, t);
}

function grow(): void {
  const old = table();
  const bigger = new FixedArray<Task | null>(old.length * 2, null);
  for (let i = 0; i < old.length; i++) {
    const t = old.get(i);
    if (t !== null) place(bigger, t);
  }
  slots = bigger;
  release(old);
}

function slotOf(id: number): number {
  const tab = table();
  let i = id % tab.length;
  for (;;) {
    const t = tab.get(i);
    if (t === null) return -1;
    if (t.thread.id === id) return i;
    i = (i + 1) % tab.length;
  }
}

/** The live (not yet joined) task of thread `id`, or null. */
export function findTask(id: number): Task | null {
  if (id < FIRST_THREAD_ID) return null;
  const i = slotOf(id);
  return i < 0 ? null : table().get(i);
}

export function taskOf(t: Thread): Task {
  const task = findTask(t.id);
  if (task === null) return panic('thread has no task record');
  return task;
}

/** Removes a joined thread's task; its memory is freed by freeTask after the lock is dropped. */
export function forgetTask(t: Task): void {
  const tab = table();
  let hole = slotOf(t.thread.id);
  if (hole < 0) return;
  tab.set(hole, null);
  live--;
  // Backward shift: move later entries of the probe run into the hole when their home allows it.
  let i = (hole + 1) % tab.length;
  for (;;) {
    const u = tab.get(i);
    if (u === null) return;
    const home = u.thread.id % tab.length;
    const dHole = (hole - home + tab.length) % tab.length;
    const dNow = (i - home + tab.length) % tab.length;
    if (dHole < dNow) {
      tab.set(hole, u);
      tab.set(i, null);
      hole = i;
    }
    i = (i + 1) % tab.length;
  }
}

/** Frees what a joined task owned except its stack (the caller frees that). */
export function freeTask(t: Task): void {
  freeBytes(t.thread.spSlot);
  const body = t.body;
  if (body !== null) release(body);
  release(t.thread);
  release(t);
}

/** Slots of the task table; `taskInSlot` walks them (slot order, not id order). */
export function taskSlots(): number {
  return table().length;
}

/** The live task in slot `slot`, or null. */
export function taskInSlot(slot: number): Task | null {
  return table().get(slot);
}

/** Number of spawned-and-not-joined threads, main included. */
export function liveTaskCount(): number {
  return live;
}

export function isExited(t: Task): boolean {
  return t.thread.state === ThreadState.Exited;
}
