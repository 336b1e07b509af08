/**
 * The scheduler, first step: threads on the boot core, switched
 * cooperatively. Policy: the highest-priority ready thread runs; equal
 * priorities take turns at yield(); a thread runs until it yields, sleeps,
 * blocks in join() or exits, or until its time slice (TIME_SLICE_NS) ends
 * while another ready thread of at least its priority waits: then the timer
 * interrupt preempts it. Timing is tickless: the virtual timer is armed for
 * the earliest of the next wake deadline and the running slice's end, and
 * only when one exists; a core with nothing ready waits in wfi. Queues are
 * shared with the timer interrupt, so every queue operation runs with IRQs
 * masked. Each thread has its own 16 KiB stack from the kernel heap
 * and a saved context (hal-aarch64 contextSwitch). The spawned closure is
 * owned by the thread and released when it is joined.
 *
 * Not yet: preemption by the timer, sleep, other cores, guard pages, fault
 * isolation (see README).
 */
import { contextInit, contextSwitch, irqDisable, irqEnable, irqRestore, irqSave, nowNs, nsToTicks, setAfterIrqHook, setTimerHandler, timerCancel, timerSetDeadline } from '@unishyper/hal-aarch64';
import { allocBytes, freeBytes, load64, num, panic, release, store64, u64, Vec, wfi } from '@unishyper/rt';
import { RunQueue } from './run-queue';
import { DEFAULT_PRIORITY, FIRST_THREAD_ID, NO_CORE, Thread, ThreadState } from './thread';
import { TimerQueue } from './timer-queue';

export const STACK_BYTES = 16384;
/** How long a thread runs before an equal-priority ready thread gets the core. */
export const TIME_SLICE_NS = 10_000_000;

/** What the scheduler keeps per thread besides its queue state. */
class Task {
  /** Address of the saved stack pointer while the thread is switched out. */
  readonly spSlot: number;
  exitValue = 0;
  joiner: Thread | null = null;
  joined = false;
  /** The wait queue the thread is blocked on, if any. */
  waitingOn: WaitQueue | null = null;
  /** Set when a timed wait ended by its deadline. */
  timedOut = false;

  constructor(
    readonly thread: Thread,
    readonly body: (() => number) | null,
    readonly stack: number,
  ) {
    this.spSlot = allocBytes(8, 8);
  }
}

let tasks: Vec<Task> | null = null;
let queue: RunQueue | null = null;
let current: Thread | null = null;
let sleepers: TimerQueue | null = null;
/** Set by the timer interrupt; acted on after the interrupt is acknowledged. */
let needResched = false;

function all(): Vec<Task> {
  const t = tasks;
  if (t === null) panic('scheduler used before initScheduler');
  return t;
}

function taskOf(t: Thread): Task {
  return all().get(t.id - FIRST_THREAD_ID);
}

function runQueue(): RunQueue {
  const q = queue;
  if (q === null) panic('scheduler used before initScheduler');
  return q;
}

/** Makes the running flow of control thread 100 ("main"). */
export function initScheduler(): void {
  const main = new Thread(FIRST_THREAD_ID, 'main', DEFAULT_PRIORITY, NO_CORE);
  main.state = ThreadState.Running;
  main.core = 0;
  const t = new Task(main, null, 0);
  tasks = new Vec<Task>(t);
  tasks.push(t);
  queue = new RunQueue(0);
  sleepers = new TimerQueue();
  current = main;
  setTimerHandler(() => wakeSleepers());
  setAfterIrqHook(() => preemptIfNeeded());
}

/** After an interrupt: switch if the timer said another thread should run now. */
function preemptIfNeeded(): void {
  if (!needResched) return;
  needResched = false;
  // An interrupt taken while the core idles inside switchAway (the current
  // thread blocked or sleeping) needs no preemption: the idle loop picks the woken thread.
  if (currentThread().state !== ThreadState.Running) return;
  yieldNow();
}

function timerQueue(): TimerQueue {
  const q = sleepers;
  if (q === null) panic('scheduler used before initScheduler');
  return q;
}

/** Timer interrupt: every sleeper whose deadline passed becomes ready; re-arm for the next. */
function wakeSleepers(): void {
  const q = runQueue();
  timerQueue().expire(nowNs(), (t) => {
    const task = taskOf(t);
    const wq = task.waitingOn;
    if (wq !== null) {
      wq.remove(t);
      task.waitingOn = null;
      task.timedOut = true;
    }
    t.state = ThreadState.Ready;
    q.enqueue(t);
  });
  if (q.length() !== 0 && q.highestPriority() >= currentThread().priority) needResched = true;
  armTimer();
}

/** Arms the timer for the next wake deadline or the end of the running slice, whichever is first. */
function armTimer(): void {
  let next = timerQueue().nextDeadline();
  if (runQueue().length() !== 0) {
    const sliceEnd = nowNs() + TIME_SLICE_NS;
    if (next < 0 || sliceEnd < next) next = sliceEnd;
  }
  if (next < 0) timerCancel();
  else timerSetDeadline(nsToTicks(next));
}

export function currentThread(): Thread {
  const c = current;
  if (c === null) panic('scheduler used before initScheduler');
  return c;
}

/** Starts `body` as a new ready thread; returns its id. */
export function spawn(name: string, priority: number, body: () => number): number {
  const list = all();
  const id = FIRST_THREAD_ID + list.len();
  const thread = new Thread(id, name, priority, NO_CORE);
  thread.core = 0;
  const stack = allocBytes(STACK_BYTES, 16);
  const task = new Task(thread, body, stack);
  store64(task.spSlot, u64(contextInit(stack + STACK_BYTES, id)));
  list.push(task);
  const saved = irqSave();
  runQueue().enqueue(thread);
  armTimer();
  irqRestore(saved);
  return id;
}

/**
 * Runs the next ready thread; the current one must already be queued,
 * blocked, sleeping or exited. Called with IRQs masked. With nothing ready,
 * the core waits in wfi (still masked, so no wake-up is lost: a pending
 * interrupt ends wfi, then is taken in the brief unmasked window).
 */
function switchAway(): void {
  const prev = currentThread();
  const q = runQueue();
  let next = q.dequeue();
  while (next === null) {
    if (prev.state === ThreadState.Running) return;
    if (timerQueue().length() === 0) panic('deadlock: every thread is blocked and none sleeps');
    wfi();
    irqEnable();
    irqDisable();
    next = q.dequeue();
  }
  if (next === prev) {
    prev.state = ThreadState.Running;
    return;
  }
  next.state = ThreadState.Running;
  current = next;
  armTimer();
  contextSwitch(taskOf(prev).spSlot, num(load64(taskOf(next).spSlot)));
}

/** Lets another ready thread of the same or higher priority run. */
export function yieldNow(): void {
  const me = currentThread();
  const q = runQueue();
  const saved = irqSave();
  if (q.length() !== 0 && q.highestPriority() >= me.priority) {
    me.state = ThreadState.Ready;
    q.enqueue(me);
    switchAway();
  }
  irqRestore(saved);
}

/** Sleeps at least `ns` nanoseconds of counter time (no busy-wait: other threads run, or the core waits in wfi). */
export function sleepNs(ns: number): void {
  if (ns <= 0) return yieldNow();
  const me = currentThread();
  const saved = irqSave();
  me.state = ThreadState.Sleeping;
  timerQueue().insert(me, nowNs() + ns);
  armTimer();
  switchAway();
  irqRestore(saved);
}

export function sleepUs(us: number): void {
  sleepNs(us * 1000);
}

export function sleepMs(ms: number): void {
  sleepNs(ms * 1000000);
}

/** Ends the current thread with `value` (returned by join). */
export function exitThread(value: number): never {
  const me = currentThread();
  if (me.id === FIRST_THREAD_ID) panic('main cannot exit through exitThread; return from main');
  irqSave();
  const task = taskOf(me);
  task.exitValue = value;
  me.state = ThreadState.Exited;
  const j = task.joiner;
  if (j !== null) {
    j.state = ThreadState.Ready;
    runQueue().enqueue(j);
  }
  switchAway();
  return panic('an exited thread was resumed');
}

/** Waits for thread `id` to exit and returns its value; frees its stack and closure. */
export function join(id: number): number {
  const list = all();
  const index = id - FIRST_THREAD_ID;
  if (index <= 0 || index >= list.len()) panic('join: no such thread');
  const task = list.get(index);
  if (task.joined) panic('join: thread already joined');
  const me = currentThread();
  if (task.thread === me) panic('join: a thread cannot join itself');
  const saved = irqSave();
  if (task.thread.state !== ThreadState.Exited) {
    if (task.joiner !== null) panic('join: thread already has a joiner');
    task.joiner = me;
    me.state = ThreadState.Blocked;
    switchAway();
  }
  irqRestore(saved);
  task.joined = true;
  freeBytes(task.stack);
  const body = task.body;
  if (body !== null) release(body);
  return task.exitValue;
}

/**
 * First code of every spawned thread (native/context.S's trampoline).
 * @export hal_thread_start
 */
export function threadStart(id: number): void {
  // The first switch into a thread happens with IRQs masked.
  irqEnable();
  const body = all().get(id - FIRST_THREAD_ID).body;
  exitThread(body === null ? 0 : body());
}

/**
 * Threads blocked until another thread (or an interrupt handler) wakes them,
 * in FIFO order: what packages/sync's mutex, semaphore, condition variable
 * and channel are built on. Linked through Thread.next/prev (a blocked thread
 * is on no run queue). A wait may have a timeout.
 */
export class WaitQueue {
  private head: Thread | null = null;
  private tail: Thread | null = null;
  private count = 0;

  length(): number {
    return this.count;
  }

  /**
   * Blocks the current thread until wakeOne/wakeAll picks it, or until
   * `timeoutNs` has passed (timeoutNs < 0: no timeout). True when woken,
   * false on timeout. Callers re-check their condition after waking.
   */
  wait(timeoutNs: number): boolean {
    const me = currentThread();
    const task = taskOf(me);
    const saved = irqSave();
    this.append(me);
    task.waitingOn = this;
    task.timedOut = false;
    me.state = ThreadState.Blocked;
    if (timeoutNs >= 0) {
      timerQueue().insert(me, nowNs() + timeoutNs);
      armTimer();
    }
    switchAway();
    const woken = !task.timedOut;
    irqRestore(saved);
    return woken;
  }

  /** Makes the longest waiter ready; false when nobody waits. */
  wakeOne(): boolean {
    const saved = irqSave();
    const t = this.head;
    if (t !== null) {
      this.remove(t);
      const task = taskOf(t);
      task.waitingOn = null;
      if (t.inTimerQueue) timerQueue().remove(t);
      t.state = ThreadState.Ready;
      runQueue().enqueue(t);
    }
    irqRestore(saved);
    return t !== null;
  }

  /** Makes every waiter ready; returns how many. */
  wakeAll(): number {
    let n = 0;
    while (this.wakeOne()) n++;
    return n;
  }

  private append(t: Thread): void {
    t.next = null;
    t.prev = this.tail;
    const last = this.tail;
    if (last === null) this.head = t;
    else last.next = t;
    this.tail = t;
    this.count++;
  }

  /** Unlinks `t` (called with IRQs masked). */
  remove(t: Thread): void {
    const p = t.prev;
    const n = t.next;
    if (p === null) this.head = n;
    else p.next = n;
    if (n === null) this.tail = p;
    else n.prev = p;
    t.next = null;
    t.prev = null;
    this.count--;
  }
}
