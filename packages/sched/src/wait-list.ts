/**
 * The FIFO of threads blocked on one wait queue, linked through
 * Thread.next/prev (a blocked thread is on no run queue). Only the list:
 * blocking and waking are in wait-queue.ts. Guarded by the scheduler lock.
 */
import { Thread } from './thread';

export class WaitList {
  protected head: Thread | null = null;
  private tail: Thread | null = null;
  private count = 0;

  length(): number {
    return this.count;
  }

  first(): Thread | null {
    return this.head;
  }

  append(t: Thread): void {
    t.next = null;
    t.prev = this.tail;
    const last = this.tail;
    if (last === null) this.head = t;
    else last.next = t;
    this.tail = t;
    this.count++;
  }

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
