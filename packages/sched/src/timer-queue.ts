/**
 * The timer queue: sleeping threads ordered by absolute deadline (ns), FIFO
 * among equal deadlines.
 *
 * A doubly linked list through `Thread.timerNext/timerPrev`, sorted by
 * deadline. Insertion walks from the tail to the last thread whose deadline
 * is <= the new one and links after it, so equal deadlines keep insertion
 * order and a burst of sleeps with the same deadline (or later and later
 * deadlines, the usual case) costs O(1) each. The original keyed its timer
 * list by deadline alone, so two threads with one deadline collided and one
 * was lost; here the thread itself is the node, so nothing can be dropped.
 *
 * `nextDeadline()` is the head's deadline (for a tickless one-shot timer),
 * `expire(now, wake)` unlinks every thread with deadline <= now in order and
 * hands each to `wake`; `remove` cancels a sleep (kill, timeout cancelled by
 * a wake-up). Nothing allocates.
 *
 * Next step if lists get long: a hierarchical timer wheel or a pairing heap
 * keyed by (deadline, sequence); the interface stays.
 */
import { panic } from '@unishyper/rt';
import { NO_DEADLINE, Thread, ThreadState } from './thread.js';

export class TimerQueue {
  private head: Thread | null;
  private tail: Thread | null;
  private count: number;

  constructor() {
    this.head = null;
    this.tail = null;
    this.count = 0;
  }

  length(): number {
    return this.count;
  }

  /** The earliest deadline, or NO_DEADLINE (-1) when empty. */
  nextDeadline(): number {
    return this.head === null ? NO_DEADLINE : this.head.wakeDeadline;
  }

  /** Queues `t` to wake at `deadline` (absolute ns, >= 0) and marks it Sleeping. */
  insert(t: Thread, deadline: number): void {
    if (t.inTimerQueue) panic('thread is already on the timer queue');
    if (deadline < 0) panic('negative timer deadline');
    t.wakeDeadline = deadline;
    t.inTimerQueue = true;
    if (t.state !== ThreadState.Blocked) t.state = ThreadState.Sleeping;
    let after = this.tail;
    while (after !== null && after.wakeDeadline > deadline) after = after.timerPrev;
    const before = after === null ? this.head : after.timerNext;
    t.timerPrev = after;
    t.timerNext = before;
    if (after === null) this.head = t;
    else after.timerNext = t;
    if (before === null) this.tail = t;
    else before.timerPrev = t;
    this.count++;
  }

  /** Cancels `t`'s timer; false if it was not queued. Leaves its state alone. */
  remove(t: Thread): boolean {
    if (!t.inTimerQueue) return false;
    this.unlink(t);
    return true;
  }

  /** Unlinks and returns the earliest thread due at `now`, or null. */
  popDue(now: number): Thread | null {
    const t = this.head;
    if (t === null || t.wakeDeadline > now) return null;
    this.unlink(t);
    return t;
  }

  /**
   * Wakes every thread with deadline <= now, earliest first and FIFO among
   * equals: each is unlinked, marked Ready and passed to `wake` (which
   * enqueues it). Returns how many woke.
   */
  expire(now: number, wake: (t: Thread) => void): number {
    let n = 0;
    let t = this.popDue(now);
    while (t !== null) {
      t.state = ThreadState.Ready;
      wake(t);
      n++;
      t = this.popDue(now);
    }
    return n;
  }

  /** The i-th queued thread in wake order (O(i); for tests and ps). */
  at(i: number): Thread {
    let t = this.head;
    for (let k = 0; k < i && t !== null; k++) t = t.timerNext;
    if (i < 0 || t === null) panic('timer queue index out of range');
    return t!;
  }

  /** Checks order, links and count; panics on the first broken invariant. */
  check(): void {
    let n = 0;
    let prev: Thread | null = null;
    let t = this.head;
    while (t !== null) {
      if (t.timerPrev !== prev) panic('timer queue back link broken');
      if (!t.inTimerQueue) panic('timer queue holds an unflagged thread');
      if (prev !== null && prev.wakeDeadline > t.wakeDeadline) panic('timer queue out of order');
      n++;
      prev = t;
      t = t.timerNext;
    }
    if (this.tail !== prev) panic('timer queue tail is not the last thread');
    if (n !== this.count) panic('timer queue count is wrong');
  }

  private unlink(t: Thread): void {
    const prev = t.timerPrev;
    const next = t.timerNext;
    if (prev === null) this.head = next;
    else prev.timerNext = next;
    if (next === null) this.tail = prev;
    else next.timerPrev = prev;
    t.timerPrev = null;
    t.timerNext = null;
    t.inTimerQueue = false;
    t.wakeDeadline = NO_DEADLINE;
    this.count--;
  }
}

/** Milliseconds to nanoseconds (sleep(ms)). */
export function msToNs(ms: number): number {
  if (ms < 0) panic('negative sleep');
  return ms * 1000000;
}

/** Microseconds to nanoseconds (sleep(us)). */
export function usToNs(us: number): number {
  if (us < 0) panic('negative sleep');
  return us * 1000;
}
