/**
 * A per-core run queue: one FIFO of ready threads per priority level, plus a
 * bitmap of the non-empty levels.
 *
 * The FIFOs are circular doubly linked lists threaded through
 * `Thread.next/prev` (a level's tail is its head's `prev`), so enqueue,
 * dequeue and remove are O(1) and never allocate (they run with interrupts
 * masked, in the tick and in wake-ups), and a yield (`rotate`) is a few
 * pointer moves: the yielder takes its successor's place in the ring, which
 * is the tail once the head moves past it. Bit p of `bitmap` is set
 * iff level p is non-empty, so the highest ready priority is
 * `31 - clz32(bitmap)`: one instruction (CLZ) instead of a scan of 16 heads.
 *
 * Policy: the highest non-empty level runs first; within a level, threads run
 * in FIFO order, and a preempted or yielding thread is enqueued at the tail,
 * which is round-robin among equals.
 *
 * Work stealing (`steal`) takes the oldest thread of the highest level that
 * may run on the thief (unpinned, or pinned to it). Reason: the thief is
 * idle, so the stolen thread runs at once; taking the most urgent waiting
 * thread means no higher-priority thread keeps waiting behind a busy core
 * while a lower one runs on an idle core (a cross-core priority inversion),
 * and taking the head keeps the FIFO order of the rest. Linux prefers
 * cache-cold tasks; with no cache model yet, priority correctness wins.
 *
 * The queue also records the thread running on its core (`current`, not on
 * the queue), so that `load()` = ready + running is what placement compares.
 */
import { clz32, FixedArray, panic, release } from '@unishyper/rt';
import { NO_CORE, PRIORITY_LEVELS, Thread, ThreadState, checkPriority } from './thread.js';

/** Links `t` into a ring between `before` and `after` (neighbours, or the same thread). */
function linkBetween(t: Thread, before: Thread, after: Thread): void {
  t.prev = before;
  t.next = after;
  before.next = t;
  after.prev = t;
}

export class RunQueue {
  readonly core: number;
  /** The oldest thread of each level; the newest is its `prev`. */
  private heads: FixedArray<Thread | null>;
  private bitmap: number;
  private count: number;
  /** Queued threads that are not pinned (the candidates for stealing). */
  private movable: number;
  /** The thread running on this core, or null when idle. */
  current: Thread | null;
  /** Whether the core runs the scheduler (placement skips cores not yet started). */
  online: boolean;
  /** True while the core's idle loop waits in wfi: it was told about its new thread, so thieves leave it alone. */
  idling: boolean;

  constructor(core: number) {
    if (core < 0) panic('run queue for a negative core');
    this.core = core;
    this.heads = new FixedArray<Thread | null>(PRIORITY_LEVELS, null);
    this.bitmap = 0;
    this.count = 0;
    this.movable = 0;
    this.current = null;
    this.online = true;
    this.idling = false;
  }

  /** Ready threads on the queue. */
  length(): number {
    return this.count;
  }

  /** Queued threads that another core may steal. */
  stealable(): number {
    return this.movable;
  }

  /** Ready threads plus the running one: what placement balances. */
  load(): number {
    return this.current !== null ? this.count + 1 : this.count;
  }

  /** Bit p set iff priority level p has a ready thread. */
  levels(): number {
    return this.bitmap;
  }

  /** Number of threads on level `p` (O(n); for tests and ps). */
  levelLength(p: number): number {
    const head = this.heads.get(checkPriority(p));
    if (head === null) return 0;
    let n = 1;
    for (let t = head.next!; t !== head; t = t.next!) n++;
    return n;
  }

  /** The highest ready priority, or -1 when empty. */
  highestPriority(): number {
    return this.bitmap === 0 ? -1 : 31 - clz32(this.bitmap);
  }

  /** Appends `t` to the tail of its level (round-robin among equals) and marks it Ready on this core. */
  enqueue(t: Thread): void {
    if (t.queuedOn !== NO_CORE) panic('thread is already on a run queue');
    if (!t.canRunOn(this.core)) panic('thread enqueued on a core it is not pinned to');
    if (t.state === ThreadState.Exited) panic('exited thread enqueued');
    checkPriority(t.priority);
    this.linkTail(t);
  }

  /** Puts `t` at the head of its level (a thread preempted by a higher one keeps its turn). */
  enqueueFront(t: Thread): void {
    this.enqueue(t);
    // The ring's tail becomes its head by moving the head back one.
    this.heads.set(t.priority, t);
  }

  /** Removes and returns the oldest thread of the highest level, or null. */
  dequeue(): Thread | null {
    if (this.bitmap === 0) return null;
    const t = this.heads.get(31 - clz32(this.bitmap))!;
    this.unlink(t);
    return t;
  }

  /**
   * yield in one step: `t` (the thread running on this core, on no queue)
   * goes to the tail of its level, and the oldest thread of the highest
   * level comes off and is returned; `t` itself, still Running, when it is
   * alone at the top. The same as enqueue(t) then dequeue(), without the
   * checks enqueue makes for threads arriving from elsewhere.
   */
  rotate(t: Thread): Thread {
    const p = t.priority;
    if (this.bitmap >>> p > 1) {
      // A more urgent level: t waits at the tail of its own.
      this.linkTail(t);
      return this.dequeue()!;
    }
    const next = this.heads.get(p);
    if (next === null) {
      t.state = ThreadState.Running;
      return t;
    }
    // t takes next's place in the ring; the head moves to next's successor.
    const after = next.next!;
    if (after === next) {
      t.next = t;
      t.prev = t;
    } else {
      linkBetween(t, next.prev!, after);
    }
    this.heads.set(p, t.next);
    next.next = null;
    next.prev = null;
    next.queuedOn = NO_CORE;
    this.markReady(t);
    // One in, one out: the stealable count changes only if exactly one of them is pinned.
    if (t.pinnedCore !== next.pinnedCore) this.movable += t.pinnedCore === NO_CORE ? 1 : -1;
    return next;
  }

  /** The thread `dequeue` would return, left in place. */
  peek(): Thread | null {
    if (this.bitmap === 0) return null;
    return this.heads.get(31 - clz32(this.bitmap));
  }

  /** Removes `t` from this queue; false if it is not on it. */
  remove(t: Thread): boolean {
    if (t.queuedOn !== this.core) return false;
    this.unlink(t);
    return true;
  }

  /**
   * Takes the oldest thread of the highest level that may run on `thief`
   * (skipping threads pinned here), or null. The caller enqueues it on the
   * thief's queue.
   */
  steal(thief: number): Thread | null {
    if (this.movable === 0 && thief !== this.core) return null;
    let bits = this.bitmap;
    while (bits !== 0) {
      const p = 31 - clz32(bits);
      const head = this.heads.get(p)!;
      let t = head;
      do {
        if (t.canRunOn(thief)) {
          this.unlink(t);
          return t;
        }
        t = t.next!;
      } while (t !== head);
      bits = bits & ~(1 << p);
    }
    return null;
  }

  /** Changes the priority of `t`, moving it to the tail of its new level if it is queued here. */
  setPriority(t: Thread, p: number): void {
    checkPriority(p);
    if (t.queuedOn === this.core) {
      this.unlink(t);
      t.priority = p;
      this.enqueue(t);
    } else {
      if (t.queuedOn !== NO_CORE) panic('setPriority on another core\'s run queue');
      t.priority = p;
    }
  }

  /** Checks every invariant (bitmap, links, counts); panics on the first broken one. */
  check(): void {
    let total = 0;
    let movable = 0;
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      const head = this.heads.get(p);
      const bit = (this.bitmap >>> p) & 1;
      if ((head === null) !== (bit === 0)) panic('run queue bitmap disagrees with a level');
      if (head === null) continue;
      let t = head;
      do {
        const next = t.next;
        if (next === null || t.prev === null) panic('run queue ring is not closed');
        if (next.prev !== t) panic('run queue back link broken');
        if (t.priority !== p) panic('thread on the wrong priority level');
        if (t.queuedOn !== this.core) panic('thread on a run queue it does not name');
        if (t.state !== ThreadState.Ready) panic('queued thread is not Ready');
        total++;
        if (total > this.count) panic('run queue count is wrong');
        if (t.pinnedCore === NO_CORE) movable++;
        t = next;
      } while (t !== head);
    }
    if ((this.bitmap & ~0xffff) !== 0) panic('run queue bitmap has bits above level 15');
    if (total !== this.count) panic('run queue count is wrong');
    if (movable !== this.movable) panic('run queue stealable count is wrong');
  }

  /** Appends `t` at the tail of its level: just before the head in the ring. */
  private linkTail(t: Thread): void {
    const p = t.priority;
    const head = this.heads.get(p);
    if (head === null) {
      t.next = t;
      t.prev = t;
      this.heads.set(p, t);
      this.bitmap = this.bitmap | (1 << p);
    } else {
      linkBetween(t, head.prev!, head);
    }
    this.markReady(t);
    this.count++;
    if (t.pinnedCore === NO_CORE) this.movable++;
  }

  /** `t` is now queued here, Ready. */
  private markReady(t: Thread): void {
    t.queuedOn = this.core;
    t.core = this.core;
    t.state = ThreadState.Ready;
  }

  private unlink(t: Thread): void {
    const p = t.priority;
    const next = t.next!;
    if (next === t) {
      this.heads.set(p, null);
      this.bitmap = this.bitmap & ~(1 << p);
    } else {
      const prev = t.prev!;
      prev.next = next;
      next.prev = prev;
      if (this.heads.get(p) === t) this.heads.set(p, next);
    }
    t.next = null;
    t.prev = null;
    t.queuedOn = NO_CORE;
    this.count--;
    if (t.pinnedCore === NO_CORE) this.movable--;
  }

  [Symbol.dispose](): void {
    release(this.heads);
  }
}
