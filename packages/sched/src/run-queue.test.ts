import { catchPanic, expectNoLeaks, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '@unishyper/codegen/testing';
import { NO_CORE, PRIORITY_LEVELS, RunQueue, Thread, ThreadIds, ThreadState } from './index';

beforeEach(() => resetMachine());

function drain(q: RunQueue): number[] {
  const out: number[] = [];
  for (let t = q.dequeue(); t !== null; t = q.dequeue()) out.push(t.id);
  q.check();
  return out;
}

describe('RunQueue', () => {
  it('runs higher priorities first', () => {
    const q = new RunQueue(0);
    const ids = new ThreadIds();
    for (const p of [3, 15, 0, 8, 12, 1]) q.enqueue(new Thread(ids.next(), 't', p, NO_CORE));
    q.check();
    expect(q.length()).toBe(6);
    expect(q.highestPriority()).toBe(15);
    const order: number[] = [];
    for (let t = q.dequeue(); t !== null; t = q.dequeue()) order.push(t.priority);
    expect(order).toEqual([15, 12, 8, 3, 1, 0]);
    expect(q.highestPriority()).toBe(-1);
  });

  it('round-robins among equal priorities (requeue at the tail)', () => {
    const q = new RunQueue(0);
    for (let i = 0; i < 3; i++) q.enqueue(new Thread(100 + i, 't', 8, NO_CORE));
    q.enqueue(new Thread(200, 'low', 2, NO_CORE));
    const ran: number[] = [];
    for (let slice = 0; slice < 9; slice++) {
      const t = q.dequeue()!;
      expect(t.queuedOn).toBe(NO_CORE);
      ran.push(t.id);
      q.enqueue(t); // preempted: back to the tail of its level
      q.check();
    }
    expect(ran).toEqual([100, 101, 102, 100, 101, 102, 100, 101, 102]);
  });

  it('enqueueFront keeps a preempted thread first in its level', () => {
    const q = new RunQueue(0);
    const a = new Thread(100, 'a', 5, NO_CORE);
    const b = new Thread(101, 'b', 5, NO_CORE);
    q.enqueue(b);
    q.enqueueFront(a);
    q.check();
    expect(drain(q)).toEqual([100, 101]);
  });

  it('keeps the bitmap exact at every level 0..15', () => {
    const q = new RunQueue(0);
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      const t = new Thread(100 + p, 't', p, NO_CORE);
      q.enqueue(t);
      expect(q.levels()).toBe(1 << p);
      expect(q.highestPriority()).toBe(p);
      expect(q.levelLength(p)).toBe(1);
      q.check();
      expect(q.dequeue()).toBe(t);
      expect(q.levels()).toBe(0);
    }
    // All levels at once, then emptied one at a time from the top and by remove().
    const ts: Thread[] = [];
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      ts.push(new Thread(200 + p, 't', p, NO_CORE), new Thread(300 + p, 't', p, NO_CORE));
    }
    for (const t of ts) q.enqueue(t);
    expect(q.levels()).toBe(0xffff);
    for (let p = PRIORITY_LEVELS - 1; p >= 0; p--) {
      expect(q.highestPriority()).toBe(p);
      expect(q.remove(ts[2 * p + 1]!)).toBe(true); // the tail
      expect(q.levels()).toBe((1 << (p + 1)) - 1);
      expect(q.dequeue()!.id).toBe(200 + p);
      expect(q.levels()).toBe((1 << p) - 1);
      q.check();
    }
    expect(q.length()).toBe(0);
  });

  it('removes from the head, middle and tail of a level', () => {
    const q = new RunQueue(1);
    const ts = [0, 1, 2, 3, 4].map((i) => new Thread(100 + i, 't', 4, NO_CORE));
    for (const t of ts) q.enqueue(t);
    expect(q.remove(ts[2]!)).toBe(true);
    expect(q.remove(ts[0]!)).toBe(true);
    expect(q.remove(ts[4]!)).toBe(true);
    expect(q.remove(ts[4]!)).toBe(false);
    q.check();
    expect(drain(q)).toEqual([101, 103]);
  });

  it('counts load with the running thread', () => {
    const q = new RunQueue(0);
    expect(q.load()).toBe(0);
    q.current = new Thread(100, 'main', 8, NO_CORE);
    q.enqueue(new Thread(101, 'a', 8, NO_CORE));
    expect(q.load()).toBe(2);
    expect(q.length()).toBe(1);
  });

  it('steals the oldest thread of the highest level, skipping pinned threads', () => {
    const q = new RunQueue(0);
    const pinnedHigh = new Thread(100, 'pinned', 15, 0);
    const a = new Thread(101, 'a', 10, NO_CORE);
    const b = new Thread(102, 'b', 10, NO_CORE);
    const low = new Thread(103, 'low', 1, NO_CORE);
    for (const t of [low, pinnedHigh, a, b]) q.enqueue(t);
    expect(q.stealable()).toBe(3);
    expect(q.steal(1)).toBe(a);
    expect(q.steal(1)).toBe(b);
    expect(q.steal(1)).toBe(low);
    expect(q.steal(1)).toBe(null);
    expect(q.stealable()).toBe(0);
    expect(q.length()).toBe(1);
    q.check();
    expect(q.dequeue()).toBe(pinnedHigh);
  });

  it('changes priority of a queued thread', () => {
    const q = new RunQueue(0);
    const a = new Thread(100, 'a', 3, NO_CORE);
    const b = new Thread(101, 'b', 7, NO_CORE);
    q.enqueue(a);
    q.enqueue(b);
    q.setPriority(a, 9);
    q.check();
    expect(drain(q)).toEqual([100, 101]);
  });

  it('refuses misuse', () => {
    const q = new RunQueue(0);
    const t = new Thread(100, 'a', 3, NO_CORE);
    q.enqueue(t);
    expect(catchPanic(() => q.enqueue(t))).toBe('thread is already on a run queue');
    expect(catchPanic(() => q.enqueue(new Thread(101, 'p', 3, 2)))).toBe('thread enqueued on a core it is not pinned to');
    const dead = new Thread(102, 'd', 3, NO_CORE);
    dead.state = ThreadState.Exited;
    expect(catchPanic(() => q.enqueue(dead))).toBe('exited thread enqueued');
    expect(catchPanic(() => new RunQueue(-1))).toBe('run queue for a negative core');
  });

  it('frees its level arrays on dispose', () => {
    resetMachine();
    {
      using q = new RunQueue(0);
      q.enqueue(new Thread(100, 'a', 3, NO_CORE));
    }
    expectNoLeaks({ fixedArrays: true });
  });

  it('agrees with a reference model under random operations', () => {
    const rng = new Rng(12345);
    const q = new RunQueue(0);
    const model: Thread[][] = Array.from({ length: PRIORITY_LEVELS }, () => []);
    const all: Thread[] = [];
    for (let i = 0; i < 200; i++) all.push(new Thread(100 + i, 't', rng.below(16), NO_CORE));
    for (let step = 0; step < 20000; step++) {
      const op = rng.below(10);
      if (op < 4) {
        const t = all[rng.below(all.length)]!;
        if (t.queuedOn === NO_CORE) {
          q.enqueue(t);
          model[t.priority]!.push(t);
        }
      } else if (op < 7) {
        const t = q.dequeue();
        let expected: Thread | null = null;
        for (let p = PRIORITY_LEVELS - 1; p >= 0; p--) if (model[p]!.length > 0) { expected = model[p]!.shift()!; break; }
        expect(t).toBe(expected);
      } else if (op < 8) {
        const t = all[rng.below(all.length)]!;
        const i = model[t.priority]!.indexOf(t);
        expect(q.remove(t)).toBe(i >= 0);
        if (i >= 0) model[t.priority]!.splice(i, 1);
      } else if (op < 9) {
        const t = all[rng.below(all.length)]!;
        const np = rng.below(16);
        const i = model[t.priority]!.indexOf(t);
        if (i >= 0) {
          model[t.priority]!.splice(i, 1);
          model[np]!.push(t);
        }
        q.setPriority(t, np);
      } else {
        const t = q.steal(1);
        let expected: Thread | null = null;
        for (let p = PRIORITY_LEVELS - 1; p >= 0; p--) if (model[p]!.length > 0) { expected = model[p]!.shift()!; break; }
        expect(t).toBe(expected);
      }
      if (step % 97 === 0) q.check();
      let bits = 0;
      let n = 0;
      for (let p = 0; p < PRIORITY_LEVELS; p++) if (model[p]!.length > 0) { bits |= 1 << p; n += model[p]!.length; }
      expect(q.levels()).toBe(bits);
      expect(q.length()).toBe(n);
    }
    q.check();
  });
});

describe('RunQueue.rotate (yield)', () => {
  it('gives the same queue and result as enqueue then dequeue, on random queues', () => {
    const rng = new Rng(99);
    for (let round = 0; round < 300; round++) {
      resetMachine();
      const a = new RunQueue(0);
      const b = new RunQueue(0);
      const n = rng.below(6);
      for (let i = 0; i < n; i++) {
        const prio = rng.below(16);
        const pin = rng.below(3) === 0 ? 0 : NO_CORE;
        a.enqueue(new Thread(100 + i, 'a', prio, pin));
        b.enqueue(new Thread(100 + i, 'b', prio, pin));
      }
      const prio = rng.below(16);
      const pin = rng.below(2) === 0 ? 0 : NO_CORE;
      const ta = new Thread(200, 'me', prio, pin);
      const tb = new Thread(200, 'me', prio, pin);
      a.enqueue(ta);
      const fromA = a.dequeue()!;
      const fromB = b.rotate(tb);
      a.check();
      b.check();
      expect(fromB.id).toBe(fromA.id);
      // Alone at the top, the yielder keeps running; otherwise it waits, Ready, on the queue.
      expect(tb.state).toBe(fromB === tb ? ThreadState.Running : ThreadState.Ready);
      expect(b.length()).toBe(a.length());
      expect(b.stealable()).toBe(a.stealable());
      const orderA: number[] = [];
      const orderB: number[] = [];
      for (let t = a.dequeue(); t !== null; t = a.dequeue()) orderA.push(t.id);
      for (let t = b.dequeue(); t !== null; t = b.dequeue()) orderB.push(t.id);
      expect(orderB).toEqual(orderA);
    }
  });
});
