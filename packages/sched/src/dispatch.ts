/**
 * Dispatching: which thread a core runs next, the switch itself, the idle
 * loop, per-core timers and slices, wake-ups across cores, and ending a
 * thread. Everything here runs with IRQs masked and the scheduler lock held
 * (sched-lock.ts), except the interrupt entry points, which take it.
 *
 * Policy:
 * - A core runs the highest-priority thread of its own run queue; with none,
 *   it steals the most urgent movable thread of the busiest other core
 *   that is not idle (an idle core was just told to run it); with none
 *   either, it runs its idle thread, which waits in wfi.
 * - A thread made ready (spawned, woken, timed out) goes to the least loaded
 *   core it may run on, preferring the core it last ran on among equals
 *   (warm cache). That core is told with a reschedule interrupt (SGI 1)
 *   when it is another core; it then preempts if the new thread has a higher
 *   priority, or arms its time slice if it has the same one.
 * - Tickless: each core's timer is armed for the earlier of its next sleeper
 *   deadline and the end of the running slice, and only when one exists.
 *   A switch only records the counter (the slice's start); it never
 *   reprograms the timer, which keeps a yield short.
 */
import { contextSwitch, irqDisable, irqEnable, irqController, nowTicks, nsToTicks, timerCancel, timerFrequency, timerSetDeadline } from '@unishyper/hal-aarch64';
import { FixedArray, panic, wfi } from '@unishyper/rt';
import { allCores, Core, locksHeld, setRunning, thisCore, thisCoreIndex } from './cores';
import { breakHeldLocks } from './held-locks';
import { lockSched, unlockSched } from './sched-lock';
import { RunQueue } from './run-queue';
import { chooseCore, stealFor } from './placement';
import { ABNORMAL_EXIT_VALUE, findTask, taskInSlot, taskOf, taskSlots, ThreadEnd } from './tasks';
import { NO_CORE, Thread, ThreadState } from './thread';

/** The inter-processor interrupt that asks a core to look at its run queue again. */
export const SGI_RESCHEDULE = 1;
/** How long a thread runs before an equal-priority ready thread gets the core. */
export const TIME_SLICE_NS = 10_000_000;

let sliceTicks = 0;
let queues: FixedArray<RunQueue> | null = null;

export function initDispatch(q: FixedArray<RunQueue>): void {
  queues = q;
  // Without a timer (Node tests) there is no preemption to time.
  sliceTicks = timerFrequency() === 0 ? 0 : nsToTicks(TIME_SLICE_NS);
}

function runQueues(): FixedArray<RunQueue> {
  const q = queues;
  if (q === null) return panic('scheduler used before initScheduler');
  return q;
}

/**
 * Gives the core to the next thread. The current thread's state must
 * already say why it stops (queued Ready, Blocked, Sleeping or Exited).
 * Returns when something switches back to it, possibly on another core:
 * callers must not reuse a Core they looked up before.
 */
export function schedule(c: Core): void {
  const prev = c.current;
  // A spinlock holder that blocks, sleeps or ends: its spinlocks cannot wait for it (held-locks.ts).
  if (locksHeld(c) !== 0) breakHeldLocks(c, prev);
  // A thread killed while it ran on this core ends as soon as it stops running.
  if (prev.killRequested && prev !== c.idle && prev.state !== ThreadState.Exited) finishLocked(c, prev, ABNORMAL_EXIT_VALUE, ThreadEnd.Killed);
  let next = c.queue.dequeue();
  if (next === null) next = steal(c);
  if (next === null) next = c.idle;
  if (next === prev) {
    prev.state = ThreadState.Running;
    return;
  }
  switchTo(c, prev, next);
}

/** Moves the most urgent thread core `c` may run from the busiest busy core to `c`, and takes it. */
function steal(c: Core): Thread | null {
  return stealFor(runQueues(), c.index) !== null ? c.queue.dequeue() : null;
}

/** Runs `next` on core `c` in place of `prev` (whose state says why it stops). */
export function switchTo(c: Core, prev: Thread, next: Thread): void {
  const now = nowTicks();
  prev.cpuTicks += now - c.sliceStart;
  c.sliceStart = now;
  next.state = ThreadState.Running;
  next.core = c.index;
  setRunning(c, next);
  c.queue.current = next === c.idle ? null : next;
  contextSwitch(prev.spSlot, next.spSlot, next.stackLimit);
}

/**
 * The idle thread of every core: runs whatever becomes ready, otherwise
 * waits in wfi with the lock dropped. Entered with the lock held and IRQs
 * masked; IRQs stay masked around wfi, so an interrupt that arrives between
 * the last check and wfi still ends wfi (it is pending), and is then taken
 * in the short unmasked window.
 */
export function idleLoop(): never {
  for (;;) {
    const c = thisCore();
    let next = c.queue.dequeue();
    if (next === null) next = steal(c);
    if (next !== null) {
      switchTo(c, c.idle, next);
      continue;
    }
    c.queue.idling = true;
    unlockSched();
    wfi();
    irqEnable();
    irqDisable();
    lockSched();
    thisCore().queue.idling = false;
  }
}

/** Arms core `c`'s timer (the calling core's own) for `ticks` unless it is armed earlier. */
export function armTimerAt(c: Core, ticks: number): void {
  if (c.armedFor >= 0 && c.armedFor <= ticks) return;
  c.armedFor = ticks;
  timerSetDeadline(ticks);
}

/** Puts `t` to sleep on this core's timer queue until `deadline` (ticks). */
export function sleepUntil(c: Core, t: Thread, deadline: number): void {
  c.sleepers.insert(t, deadline);
  t.timerCore = c.index;
  armTimerAt(c, deadline);
}

/** Takes `t` off the timer queue it is on (a wake-up before its deadline). */
export function cancelSleep(t: Thread): void {
  if (!t.inTimerQueue) return;
  allCores().get(t.timerCore).sleepers.remove(t);
  t.timerCore = NO_CORE;
}

/** Makes `t` (on no queue) ready on the best core and tells that core. */
export function makeReady(t: Thread): void {
  const core = chooseCore(runQueues(), t);
  runQueues().get(core).enqueue(t);
  kick(core);
}

/** Tells core `core` its run queue changed: directly if it is this core, else by SGI. */
function kick(core: number): void {
  if (core === thisCoreIndex()) reconsider(allCores().get(core));
  else irqController().sendSgi(core, SGI_RESCHEDULE);
}

/**
 * On core `c` (the calling core): decides whether the running thread must
 * give way at the end of the interrupt, or its slice must be timed.
 */
function reconsider(c: Core): void {
  const cur = c.current;
  if (cur === c.idle) return;
  if (cur.killRequested) {
    c.setNeedResched(true);
    return;
  }
  const hp = c.queue.highestPriority();
  if (hp > cur.priority) c.setNeedResched(true);
  else if (hp === cur.priority) armTimerAt(c, c.sliceStart + sliceTicks);
}

/** The reschedule SGI's handler. */
export function onRescheduleIrq(): void {
  lockSched();
  reconsider(thisCore());
  unlockSched();
}

/** The timer interrupt: wake due sleepers, end an expired slice, re-arm. */
export function onTimerIrq(): void {
  lockSched();
  const c = thisCore();
  c.armedFor = -1;
  const now = nowTicks();
  let t = c.sleepers.popDue(now);
  while (t !== null) {
    t.timerCore = NO_CORE;
    const task = findTask(t.id);
    if (task !== null) {
      const wq = task.waitingOn;
      if (wq !== null) {
        wq.remove(t);
        task.waitingOn = null;
        task.timedOut = true;
      }
    }
    makeReady(t);
    t = c.sleepers.popDue(now);
  }
  const cur = c.current;
  if (cur !== c.idle && c.queue.length() !== 0) {
    const hp = c.queue.highestPriority();
    if (hp > cur.priority || (hp === cur.priority && now - c.sliceStart >= sliceTicks)) c.setNeedResched(true);
  }
  let next = c.sleepers.nextDeadline();
  if (!c.needResched() && cur !== c.idle && c.queue.length() !== 0 && c.queue.highestPriority() === cur.priority) {
    const sliceEnd = c.sliceStart + sliceTicks;
    if (next < 0 || sliceEnd < next) next = sliceEnd;
  }
  if (next >= 0) armTimerAt(c, next);
  else timerCancel();
  unlockSched();
}

/** After every interrupt (IRQs masked): preempt or end the running thread if asked to. */
export function afterIrq(): void {
  // A spinlock holder keeps the core until it unlocks (held-locks.ts); needResched stays set until then.
  const c = thisCore();
  if (!c.needResched() || locksHeld(c) !== 0) return;
  preemptLocal();
}

/**
 * Gives up the core because needResched is set: from the end of an
 * interrupt, or from thread code that just made a more urgent thread ready
 * on this core. IRQs masked, lock not held.
 */
export function preemptLocal(): void {
  lockSched();
  const c = thisCore();
  c.setNeedResched(false);
  const me = c.current;
  if (me !== c.idle) {
    if (me.killRequested) finishLocked(c, me, ABNORMAL_EXIT_VALUE, ThreadEnd.Killed);
    if (me.state === ThreadState.Running) {
      c.queue.enqueue(me);
      schedule(c);
    }
  }
  unlockSched();
}

/**
 * Ends thread `t` (not running anywhere, or the calling core's current
 * thread) with `value`; `how` is a ThreadEnd. Its joiner and any thread
 * blocked on a lock it held become ready. When `t` runs here, the core
 * switches away for good and this never returns.
 */
export function finishLocked(c: Core, t: Thread, value: number, how: number): void {
  const task = taskOf(t);
  task.exitValue = value;
  task.how = how;
  if (task.joining >= 0) {
    const target = findTask(task.joining);
    if (target !== null && target.joiner === t) target.joiner = null;
    task.joining = -1;
  }
  const wq = task.waitingOn;
  if (wq !== null) {
    wq.remove(t);
    task.waitingOn = null;
  }
  cancelSleep(t);
  if (t.queuedOn !== NO_CORE) runQueues().get(t.queuedOn).remove(t);
  const running = t === c.current;
  t.state = ThreadState.Exited;
  // An exiting thread no longer loads its core: the joiner may be placed right here.
  if (running) c.queue.current = null;
  const j = task.joiner;
  if (j !== null) makeReady(j);
  wakeWaitersFor(t.id);
  if (running) {
    schedule(c);
    panic('an exited thread was resumed');
  }
}

/** Wakes every thread blocked on a lock that thread `id` held (it ended: the lock is theirs to take over). */
function wakeWaitersFor(id: number): void {
  for (let slot = 0; slot < taskSlots(); slot++) {
    const task = taskInSlot(slot);
    if (task === null) continue;
    const w = task.thread;
    const wq = task.waitingOn;
    if (w.waitsFor !== id || w.state !== ThreadState.Blocked || wq === null) continue;
    wq.remove(w);
    task.waitingOn = null;
    cancelSleep(w);
    makeReady(w);
  }
}
