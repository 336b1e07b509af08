/**
 * The network thread: one per interface. It runs the stack's `poll` (the
 * device's received frames, then the timers) and sleeps until the device
 * says something arrived (`netEvent`, from its interrupt handler or, for the
 * in-memory wire, from the sending thread) or until the stack's next timer,
 * whichever comes first. Socket calls on other threads never wait for it to
 * transmit; a blocking receive sleeps on its socket and is woken by the
 * poll that queues a datagram for it.
 *
 * No wake-up is lost: `netEvent` sets `pending` and wakes under the
 * scheduler lock, and the thread checks `pending` and goes to sleep under
 * the same lock. A poll that used its whole receive budget is followed by
 * another at once: the device may hold its interrupt off until its queue
 * is emptied (virtio-net does).
 */
import { nowMs } from '@unishyper/hal-aarch64';
import { join, schedLock, schedUnlock, spawn, spawnPinned, WaitQueue } from '@unishyper/sched';
import { NetNotify } from './net-device';
import { NetStack } from './stack';

export class NetThread implements NetNotify {
  private readonly wq: WaitQueue = new WaitQueue();
  private pending = false;
  private stopping = false;
  threadId = -1;
  /** The longest sleep without an event, for devices that cannot interrupt (ms). */
  maxSleepMs = 100;
  polls = 0;

  constructor(readonly stack: NetStack) {}

  /** Called by the device (any context): wakes the thread. */
  netEvent(): void {
    const s = schedLock();
    this.pending = true;
    this.wq.wakeOneLocked();
    schedUnlock(s);
  }

  /** Spawns the thread (on `core`, or anywhere when core < 0); its id. */
  start(core: number, priority: number): number {
    const me: NetThread = this;
    this.stack.realClock = true;
    this.threadId = core < 0 ? spawn('net', priority, () => me.run()) : spawnPinned(core, 'net', priority, () => me.run());
    return this.threadId;
  }

  /** Asks the thread to end and waits for it. */
  stop(): void {
    const s = schedLock();
    this.stopping = true;
    this.wq.wakeOneLocked();
    schedUnlock(s);
    if (this.threadId >= 0) join(this.threadId);
    this.threadId = -1;
  }

  run(): number {
    for (;;) {
      const now = nowMs();
      const frames = this.stack.poll(now);
      this.polls++;
      const next = this.stack.nextTimerMs;
      let waitMs = this.maxSleepMs;
      if (next >= 0 && next - now < waitMs) waitMs = next - now < 0 ? 0 : next - now;
      // A poll cut short by its budget left frames, and a device may keep its interrupt off until it is emptied: poll again.
      if (frames >= this.stack.rxBudget()) waitMs = 0;
      const s = schedLock();
      if (this.stopping) {
        schedUnlock(s);
        return 0;
      }
      if (!this.pending && waitMs > 0) this.wq.waitLocked(waitMs * 1_000_000);
      this.pending = false;
      schedUnlock(s);
    }
  }
}
