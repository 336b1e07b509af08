/**
 * Channel<T>: a bounded multi-producer multi-consumer queue between threads.
 *
 * Policy: a ring buffer of `capacity` slots over a FixedArray<T>, FIFO.
 * `send` sleeps while the buffer is full, `recv` while it is empty, each on
 * its own FIFO wait queue (packages/sched WaitQueue); every send wakes one
 * receiver and every receive wakes one sender, which retry (no hand-off).
 * `trySend`/`tryRecv` never sleep; timed variants give up at their deadline
 * (counter time). Values are copied into the buffer: for object values the
 * channel does not own them, the receiver takes them over. Received values
 * come back through an out parameter (`out.set(0, v)`) so that every T,
 * including numbers, can say "nothing" without a sentinel. Check-then-sleep
 * runs under the scheduler lock, so no wake-up is lost on any core. For thread
 * code only. Disposing of a channel releases its buffer and panics while a
 * thread still waits on it.
 */
import { nowNs } from '@unishyper/hal-aarch64';
import { FixedArray, release } from '@unishyper/rt';
import { currentThread, schedLock, schedUnlock, WaitQueue } from '@unishyper/sched';
import { misuse } from './misuse';
import { timeLeft } from './timeout';

export class Channel<T> {
  private readonly slots: FixedArray<T>;
  private head = 0;
  private count = 0;
  private readonly notFull: WaitQueue = new WaitQueue();
  private readonly notEmpty: WaitQueue = new WaitQueue();

  /** A channel holding up to `capacity` (>= 1) values; `fill` initialises empty slots. */
  constructor(readonly name: string, readonly capacity: number, private readonly fill: T) {
    if (this.capacity < 1) misuse('channel', this.name, currentThread(), 'created a channel with capacity below 1', -1, false);
    this.slots = new FixedArray<T>(this.capacity, this.fill);
  }

  /** Values buffered now. */
  len(): number {
    return this.count;
  }

  /** Threads sleeping in send() and recv(). */
  waitingSenders(): number {
    return this.notFull.length();
  }

  waitingReceivers(): number {
    return this.notEmpty.length();
  }

  /** Puts `v` in the buffer if there is room; true when sent. */
  trySend(v: T): boolean {
    return this.sendTimeout(v, 0);
  }

  /** Puts `v` in the buffer, sleeping while it is full. */
  send(v: T): void {
    this.sendTimeout(v, -1);
  }

  /** Puts `v` in the buffer, sleeping at most `timeoutNs` (< 0: no limit) for room; false on timeout (`v` not sent). */
  sendTimeout(v: T, timeoutNs: number): boolean {
    const saved = schedLock();
    let sent = true;
    let deadline = -1;
    while (this.count === this.capacity) {
      const left = timeLeft(timeoutNs, deadline);
      if (left === 0) {
        sent = false;
        break;
      }
      if (timeoutNs > 0 && deadline < 0) deadline = nowNs() + left;
      this.notFull.waitLocked(left);
    }
    if (sent) {
      this.slots.set((this.head + this.count) % this.capacity, v);
      this.count++;
      this.notEmpty.wakeOneLocked();
    }
    schedUnlock(saved);
    return sent;
  }

  /** Takes the oldest value into `out.get(0)` if there is one; true when received. */
  tryRecv(out: FixedArray<T>): boolean {
    return this.recvTimeout(out, 0);
  }

  /** Takes the oldest value, sleeping while the buffer is empty. */
  recv(): T {
    const saved = schedLock();
    while (this.count === 0) this.notEmpty.waitLocked(-1);
    const v = this.take();
    schedUnlock(saved);
    return v;
  }

  /** Takes the oldest value into `out.get(0)`, sleeping at most `timeoutNs` (< 0: no limit); false on timeout (`out` untouched). */
  recvTimeout(out: FixedArray<T>, timeoutNs: number): boolean {
    const saved = schedLock();
    let got = true;
    let deadline = -1;
    while (this.count === 0) {
      const left = timeLeft(timeoutNs, deadline);
      if (left === 0) {
        got = false;
        break;
      }
      if (timeoutNs > 0 && deadline < 0) deadline = nowNs() + left;
      this.notEmpty.waitLocked(left);
    }
    if (got) out.set(0, this.take());
    schedUnlock(saved);
    return got;
  }

  /** Removes the oldest value (count > 0, scheduler lock held) and wakes a sender. */
  private take(): T {
    const v = this.slots.get(this.head);
    this.slots.set(this.head, this.fill);
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.notFull.wakeOneLocked();
    return v;
  }

  [Symbol.dispose](): void {
    if (this.notFull.length() + this.notEmpty.length() !== 0) misuse('channel', this.name, currentThread(), 'disposed of a channel threads still wait on', -1, false);
    release(this.slots);
  }
}
