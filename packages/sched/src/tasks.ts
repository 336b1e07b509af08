/**
 * The scheduler's record of each spawned thread (a Task: the Thread plus
 * what only the scheduler needs), found by thread id. Ids are handed out in
 * order from FIRST_THREAD_ID and never reused; the table is a Vec indexed by
 * id - FIRST_THREAD_ID whose slot is emptied when the thread is joined, so a
 * joined thread costs 8 bytes. Guarded by the scheduler lock.
 */
import { allocBytes, freeBytes, panic, release, Vec } from '@unishyper/rt';
import { FIRST_THREAD_ID, Thread, ThreadState } from './thread';
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
    this.thread.spSlot = allocBytes(8, 8);
  }
}

let table: Vec<Task | null> | null = null;

function all(): Vec<Task | null> {
  const t = table;
  if (t === null) return panic('scheduler used before initScheduler');
  return t;
}

/** Starts the table with the main thread's task (id FIRST_THREAD_ID). */
export function initTasks(main: Task): void {
  const t = new Vec<Task | null>(main);
  t.push(main);
  table = t;
}

/** The id the next spawned thread gets. */
export function nextThreadId(): number {
  return FIRST_THREAD_ID + all().len();
}

export function addTask(t: Task): void {
  if (t.thread.id !== nextThreadId()) panic('task added out of id order');
  all().push(t);
}

/** The live (not yet joined) task of thread `id`, or null. */
export function findTask(id: number): Task | null {
  const list = all();
  const i = id - FIRST_THREAD_ID;
  if (i < 0 || i >= list.len()) return null;
  return list.get(i);
}

export function taskOf(t: Thread): Task {
  const task = findTask(t.id);
  if (task === null) return panic('thread has no task record');
  return task;
}

/** Empties the slot of a joined thread; its memory is freed by freeTask after the lock is dropped. */
export function forgetTask(t: Task): void {
  all().set(t.thread.id - FIRST_THREAD_ID, null);
}

/** Frees what a joined task owned except its stack (the caller frees that). */
export function freeTask(t: Task): void {
  freeBytes(t.thread.spSlot);
  const body = t.body;
  if (body !== null) release(body);
  release(t.thread);
  release(t);
}

/** Slots of the task table (one per id handed out); `taskInSlot` walks them. */
export function taskSlots(): number {
  return all().len();
}

/** The live task with id FIRST_THREAD_ID + `slot`, or null. */
export function taskInSlot(slot: number): Task | null {
  return all().get(slot);
}

/** Number of spawned-and-not-joined threads, main included. */
export function liveTaskCount(): number {
  const list = all();
  let n = 0;
  for (let i = 0; i < list.len(); i++) if (list.get(i) !== null) n++;
  return n;
}

export function isExited(t: Task): boolean {
  return t.thread.state === ThreadState.Exited;
}
