/**
 * The thread API: start the scheduler on the board's cores, spawn (free or
 * pinned), yield, sleep, exit, join, kill, wake, and a ps listing. The
 * dispatching itself (which thread runs where, switching, idling, timers)
 * is dispatch.ts; the lock rules are sched-lock.ts.
 *
 * Threads: each has its own stack (stacks.ts) and a saved context
 * (hal-aarch64 contextSwitch). The spawned closure is owned by the thread
 * and released when it is joined, with its stack and records. A thread
 * that panics or faults (CPU exception, stack overflow) is ended alone: the
 * report names it, its joiner gets ABNORMAL_EXIT_VALUE (and
 * `joinResult().how` says why), threads blocked on a mutex it held are woken
 * to take it over, and every other thread and the kernel go on. The main
 * thread (id 100, the app's main) and the scheduler's own code are not
 * isolated: a panic there ends the run, as before.
 */
import {
  currentBoard, irqRestore, irqSave, initCpuInterrupts, initOverflowStack, interruptsReady, releaseKernelHeapAfterPanic, irqDisable, irqEnable, irqController, nowTicks, nsToTicks, registerIrq,
  setAfterIrqHook, setFaultHook, setPanicHook, setTimerHandler, startSecondaryCore, ticksToNs, contextInit,
} from '@unishyper/hal-aarch64';
import { allocBytes, cleanupSlot, dmb, FixedArray, kprint, panic, runCleanups, store64, u64 } from '@unishyper/rt';
import { allCores, Core, CORE_BLOCK_BYTES, currentThread, enterCore, locksHeld, schedulerStarted, setCores, thisCore } from './cores';
import { schedLock, schedUnlock } from './critical';
import { afterIrq, finishLocked, idleLoop, initDispatch, makeReady, onRescheduleIrq, onTimerIrq, schedule, sleepUntil, switchTo, cancelSleep, SGI_RESCHEDULE } from './dispatch';
import { RunQueue } from './run-queue';
import { initSchedLock, lockSched, lockSchedOn, schedLockHolder, unlockSched } from './sched-lock';
import { ThreadInfo } from './snapshot';
import { freeThreadStack, allocThreadStack, STACK_BYTES } from './stacks';
import { ABNORMAL_EXIT_VALUE, addTask, allocSwitchSlots, findTask, forgetTask, freeTask, initTasks, isExited, liveTaskCount, nextThreadId, Task, taskInSlot, taskOf, taskSlots, ThreadEnd } from './tasks';
import { checkPriority, DEFAULT_PRIORITY, FIRST_THREAD_ID, MIN_PRIORITY, NO_CORE, Thread, ThreadState } from './thread';

/** Stack of each core's idle thread (it also takes the interrupts of an idle core). */
const IDLE_STACK_BYTES = 16384;
/** How long initScheduler waits for a secondary core to come online (counter-independent spins). */
const ONLINE_SPIN_LIMIT = 200_000_000;

/** Starts the scheduler on every core the board has; the caller becomes thread 100 ("main") on core 0. */
export function initScheduler(): void {
  initSchedulerOn(0);
}

/**
 * Starts the scheduler on `cores` cores (0: all the board has): secondary
 * cores are started with PSCI CPU_ON and idle until threads are placed on
 * them. Waits until every started core is online.
 */
export function initSchedulerOn(cores: number): void {
  if (schedulerStarted()) panic('initScheduler: the scheduler is already running');
  const board = currentBoard();
  const available = board === null ? 1 : board.cpuCount();
  const count = cores <= 0 || cores > available ? available : cores;
  initSchedLock();
  const main = new Thread(FIRST_THREAD_ID, 'main', DEFAULT_PRIORITY, NO_CORE);
  // Main keeps the clean-up chain it started with: its `using` scopes may span this call.
  main.cleanupSlot = cleanupSlot();
  main.state = ThreadState.Running;
  main.core = 0;
  initTasks(new Task(main, null, 0));
  const list = new FixedArray<Core>(count, newCore(0));
  for (let i = 1; i < count; i++) list.set(i, newCore(i));
  const queues = new FixedArray<RunQueue>(count, list.get(0).queue);
  for (let i = 1; i < count; i++) queues.set(i, list.get(i).queue);
  setCores(list);
  initDispatch(queues);
  const boot = list.get(0);
  boot.current = main;
  boot.queue.current = main;
  enterCore(boot);
  initOverflowStack();
  boot.sliceStart = nowTicks();
  boot.queue.online = true;
  // The boot core's idle thread gets a fresh context; a secondary's idle thread is the context CPU_ON starts.
  const idleStack = allocBytes(IDLE_STACK_BYTES, 16);
  store64(boot.idle.spSlot, u64(contextInit(idleStack + IDLE_STACK_BYTES, 0)));
  setTimerHandler(() => onTimerIrq());
  setAfterIrqHook(() => afterIrq());
  // Under Node tests there is no interrupt controller: one core, no preemption.
  if (interruptsReady()) registerIrq(SGI_RESCHEDULE, (irq: number) => onRescheduleIrq());
  setPanicHook(() => endFaultingThread(ThreadEnd.Panicked));
  setFaultHook((frame: number, kind: number) => endFaultingThread(ThreadEnd.Faulted));
  for (let i = 1; i < count; i++) {
    const stack = allocBytes(IDLE_STACK_BYTES, 16);
    const rc = startSecondaryCore(i, stack + IDLE_STACK_BYTES);
    if (rc !== 0) kprint`sched: core ${i} did not start (PSCI CPU_ON returned ${rc})\n`;
  }
  for (let i = 1; i < count; i++) {
    const c = list.get(i);
    let spins = 0;
    while (!c.queue.online && spins < ONLINE_SPIN_LIMIT) {
      dmb();
      spins++;
    }
    if (!c.queue.online) kprint`sched: core ${i} did not come online; running without it\n`;
  }
}

function newCore(index: number): Core {
  const idle = new Thread(index, 'idle', MIN_PRIORITY, index);
  idle.spSlot = allocSwitchSlots(idle);
  return new Core(index, idle, allocBytes(CORE_BLOCK_BYTES, 8));
}

/**
 * A secondary core's first TypeScript code (after PSCI CPU_ON and boot.S):
 * it becomes the core's idle thread.
 * @export hal_secondary_main
 */
export function secondaryMain(core: number): void {
  const c = allCores().get(core);
  enterCore(c);
  irqDisable();
  initCpuInterrupts();
  initOverflowStack();
  lockSched();
  c.sliceStart = nowTicks();
  c.queue.online = true;
  dmb();
  idleLoop();
}

/**
 * First code of every spawned thread and of the boot core's idle thread
 * (native/context.S's trampoline). A new context is entered by a switch, so
 * the scheduler lock is held and IRQs are masked.
 * @export hal_thread_start
 */
export function threadStart(id: number): void {
  if (id < FIRST_THREAD_ID) idleLoop();
  const body = taskOf(currentThread()).body;
  unlockSched();
  irqEnable();
  exitThread(body === null ? 0 : body());
}


/** Starts `body` as a new ready thread on the least loaded core; returns its id. */
export function spawn(name: string, priority: number, body: () => number): number {
  return spawnOn(NO_CORE, name, priority, body);
}

/** Starts `body` as a new thread that only ever runs on core `core`. */
export function spawnPinned(core: number, name: string, priority: number, body: () => number): number {
  if (core < 0 || core >= allCores().length) {
    kprint`spawnPinned: core ${core} does not exist (cores 0-${allCores().length - 1})\n`;
    panic('spawnPinned: no such core');
  }
  return spawnOn(core, name, priority, body);
}

function spawnOn(core: number, name: string, priority: number, body: () => number): number {
  checkPriority(priority);
  const stack = allocThreadStack();
  const saved = schedLock();
  const id = nextThreadId();
  const thread = new Thread(id, name, priority, core);
  const task = new Task(thread, body, stack);
  thread.stackLimit = stack;
  store64(thread.spSlot, u64(contextInit(stack + STACK_BYTES, id)));
  addTask(task);
  makeReady(thread);
  schedUnlock(saved);
  return id;
}

/** Lets another ready thread of the same or higher priority on this core run. */
export function yieldNow(): void {
  const saved = irqSave();
  const c = thisCore();
  const me = c.current;
  // A first look without the lock: with nothing of our priority or higher ready here, yielding is a
  // no-op (a thread made ready meanwhile is not lost: its core is told by SGI as usual); so is it
  // while this core holds a spinlock, which keeps the core like a preemption would (held-locks.ts).
  if (c.queue.levels() >>> me.priority === 0 || locksHeld(c) !== 0) {
    irqRestore(saved);
    return;
  }
  lockSchedOn(c.index);
  if (me.killRequested) {
    // Killed from another core: schedule() ends it.
    c.queue.enqueue(me);
    schedule(c);
  } else {
    const next = c.queue.rotate(me);
    if (next !== me) switchTo(c, me, next);
  }
  schedUnlock(saved);
}

/** Sleeps at least `ns` nanoseconds of counter time (no busy-wait: other threads run, or the core waits in wfi). */
export function sleepNs(ns: number): void {
  if (ns <= 0) return yieldNow();
  const saved = schedLock();
  const c = thisCore();
  const me = c.current;
  sleepUntil(c, me, nowTicks() + nsToTicks(ns));
  schedule(c);
  schedUnlock(saved);
}

export function sleepUs(us: number): void {
  sleepNs(us * 1000);
}

export function sleepMs(ms: number): void {
  sleepNs(ms * 1000000);
}

/** Ends the current thread with `value` (returned by join). */
export function exitThread(value: number): never {
  const saved = schedLock();
  const c = thisCore();
  const me = c.current;
  if (me.id === FIRST_THREAD_ID) {
    schedUnlock(saved);
    return panic('main cannot exit through exitThread; return from main');
  }
  finishLocked(c, me, value, ThreadEnd.Returned);
  return panic('an exited thread was resumed');
}

/** How a joined thread ended: its value and a ThreadEnd. */
export class JoinResult {
  constructor(
    readonly value: number,
    readonly how: number,
  ) {}
}

/**
 * Waits for thread `id` to end and returns its exit value
 * (ABNORMAL_EXIT_VALUE if it panicked, faulted or was killed); frees its
 * stack, closure and records.
 */
export function join(id: number): number {
  const task = joinTask(id);
  const value = task.how === ThreadEnd.Returned ? task.exitValue : ABNORMAL_EXIT_VALUE;
  freeTask(task);
  return value;
}

/** join() that also says how the thread ended. The caller releases the result. */
export function joinResult(id: number): JoinResult {
  const task = joinTask(id);
  const r = new JoinResult(task.exitValue, task.how);
  freeTask(task);
  return r;
}

function joinTask(id: number): Task {
  const saved = schedLock();
  const c = thisCore();
  const me = c.current;
  const task = findTask(id);
  if (task === null || id === FIRST_THREAD_ID || task.thread === me || task.joiner !== null) {
    schedUnlock(saved);
    if (task === null || id === FIRST_THREAD_ID) kprint`join: thread ${id} does not exist or was already joined\n`;
    else if (task.thread === me) kprint`join: thread ${id} tried to join itself\n`;
    else kprint`join: thread ${id} already has a joiner\n`;
    return panic('join: cannot join that thread');
  }
  if (!isExited(task)) {
    task.joiner = me;
    taskOf(me).joining = id;
    me.state = ThreadState.Blocked;
    schedule(c);
    taskOf(me).joining = -1;
  }
  forgetTask(task);
  schedUnlock(saved);
  if (task.stack !== 0) {
    // A thread that ended inside `using` scopes (panic, fault, kill, exitThread) left their records on its stack.
    const n = runCleanups(task.thread.cleanupSlot, task.stack, task.stack + STACK_BYTES);
    if (n > 0) kprint`join: thread ${id} ended inside ${n} \`using\` scope(s); their objects are disposed of\n`;
    freeThreadStack(task.stack);
  }
  return task;
}

/**
 * Ends thread `id` (its joiner gets ABNORMAL_EXIT_VALUE, how Killed). A
 * thread running on another core ends at its next interrupt, which this
 * call sends. False when there is no such live thread; the main thread
 * cannot be killed. Killing the calling thread does not return.
 */
export function kill(id: number): boolean {
  const saved = schedLock();
  const c = thisCore();
  const task = findTask(id);
  if (task === null || id === FIRST_THREAD_ID || isExited(task)) {
    schedUnlock(saved);
    return false;
  }
  const t = task.thread;
  if (t !== c.current && t.state === ThreadState.Running) {
    t.killRequested = true;
    irqController().sendSgi(t.core, SGI_RESCHEDULE);
  } else {
    finishLocked(c, t, ABNORMAL_EXIT_VALUE, ThreadEnd.Killed);
  }
  schedUnlock(saved);
  return true;
}

/**
 * Makes a sleeping thread, or one blocked on a wait queue, ready now (the
 * shell's `run`): a sleep ends early, a wait returns as if woken. False if
 * the thread is not sleeping or waiting.
 */
export function wake(id: number): boolean {
  const saved = schedLock();
  const task = findTask(id);
  let woke = false;
  if (task !== null) {
    const t = task.thread;
    const wq = task.waitingOn;
    if (t.state === ThreadState.Sleeping) {
      cancelSleep(t);
      makeReady(t);
      woke = true;
    } else if (t.state === ThreadState.Blocked && wq !== null) {
      wq.remove(t);
      task.waitingOn = null;
      cancelSleep(t);
      makeReady(t);
      woke = true;
    }
  }
  schedUnlock(saved);
  return woke;
}

/**
 * Copies id, name, state, priority, core and CPU time of every live
 * (not yet joined) thread into `out`, in id order; returns how many there
 * are (more than out.length: truncated). Allocates nothing.
 */
export function listThreads(out: FixedArray<ThreadInfo>): number {
  const saved = schedLock();
  let n = 0;
  for (let slot = 0; slot < taskSlots(); slot++) {
    const task = taskInSlot(slot);
    if (task === null) continue;
    if (n < out.length) {
      const t = task.thread;
      const info = out.get(n);
      info.copyFrom(t);
      info.cpuTimeNs = ticksToNs(t.cpuTicks);
    }
    n++;
  }
  schedUnlock(saved);
  sortById(out, n < out.length ? n : out.length);
  return n;
}

/** Insertion sort of the first `n` records by id (the table is in slot order). */
function sortById(out: FixedArray<ThreadInfo>, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = out.get(i);
    let j = i - 1;
    while (j >= 0 && out.get(j).id > x.id) {
      out.set(j + 1, out.get(j));
      j--;
    }
    out.set(j + 1, x);
  }
}

/** Whether thread `id` exists and has not ended. Call inside schedLock() for an answer that stays true. */
export function threadIsLive(id: number): boolean {
  const task = findTask(id);
  return task !== null && !isExited(task);
}

/** Spawned threads not yet joined, main included. */
export function threadCount(): number {
  const saved = schedLock();
  const n = liveTaskCount();
  schedUnlock(saved);
  return n;
}

/** Cores the scheduler runs on. */
export function schedulerCores(): number {
  return allCores().length;
}

/**
 * The panic and fault hooks: ends the current thread alone when that is
 * safe (a spawned thread, outside the scheduler's critical sections);
 * otherwise returns and the run ends.
 */
function endFaultingThread(how: number): void {
  if (!schedulerStarted()) return;
  irqDisable();
  const c = thisCore();
  const me = c.current;
  if (me === c.idle || me.id === FIRST_THREAD_ID || schedLockHolder() === c.index) return;
  kprint`*** thread ${me.id} "${me.name}" ${how === ThreadEnd.Panicked ? 'panicked' : 'faulted'} on core ${c.index}: ending it; the kernel and other threads go on\n`;
  // A panic inside a heap call (double free, corrupt block) is found before the heap changes.
  releaseKernelHeapAfterPanic();
  lockSched();
  finishLocked(thisCore(), me, ABNORMAL_EXIT_VALUE, how);
}
