import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '@unishyper/codegen/testing';
import { msToNs, NO_CORE, NO_DEADLINE, RunQueue, Thread, ThreadState, TimerQueue, usToNs } from './index';

beforeEach(() => resetMachine());

function threads(n: number, first = 100): Thread[] {
  const out: Thread[] = [];
  for (let i = 0; i < n; i++) out.push(new Thread(first + i, 't', 8, NO_CORE));
  return out;
}

describe('TimerQueue', () => {
  it('1000 threads with the same deadline all wake, in insertion order', () => {
    const tq = new TimerQueue();
    const ts = threads(1000);
    for (const t of ts) tq.insert(t, 5_000_000);
    tq.check();
    expect(tq.length()).toBe(1000);
    expect(tq.nextDeadline()).toBe(5_000_000);
    expect(ts.every((t) => t.state === ThreadState.Sleeping)).toBe(true);
    expect(tq.expire(4_999_999, () => { throw new Error('woke early'); })).toBe(0);
    const woken: number[] = [];
    const rq = new RunQueue(0);
    expect(tq.expire(5_000_000, (t) => { woken.push(t.id); rq.enqueue(t); })).toBe(1000);
    expect(woken).toEqual(ts.map((t) => t.id));
    expect(tq.length()).toBe(0);
    expect(tq.nextDeadline()).toBe(NO_DEADLINE);
    expect(rq.length()).toBe(1000);
    expect(ts.every((t) => t.state === ThreadState.Ready && !t.inTimerQueue && t.wakeDeadline === NO_DEADLINE)).toBe(true);
    tq.check();
  });

  it('orders mixed deadlines, FIFO among equals, and wakes only what is due', () => {
    const tq = new TimerQueue();
    const [a, b, c, d, e] = threads(5);
    tq.insert(a!, 300);
    tq.insert(b!, 100);
    tq.insert(c!, 300);
    tq.insert(d!, 200);
    tq.insert(e!, 100);
    tq.check();
    expect([0, 1, 2, 3, 4].map((i) => tq.at(i).id)).toEqual([101, 104, 103, 100, 102]);
    expect(tq.nextDeadline()).toBe(100);
    const woken: number[] = [];
    expect(tq.expire(250, (t) => woken.push(t.id))).toBe(3);
    expect(woken).toEqual([101, 104, 103]);
    expect(tq.nextDeadline()).toBe(300);
  });

  it('removes from head, middle and tail (kill, cancelled timeouts)', () => {
    const tq = new TimerQueue();
    const ts = threads(6);
    ts.forEach((t, i) => tq.insert(t, (i % 3) * 10)); // deadlines 0,10,20,0,10,20
    expect(tq.remove(ts[0]!)).toBe(true); // head
    expect(tq.remove(ts[4]!)).toBe(true); // middle
    expect(tq.remove(ts[5]!)).toBe(true); // tail
    expect(tq.remove(ts[5]!)).toBe(false);
    expect(ts[5]!.inTimerQueue).toBe(false);
    tq.check();
    const woken: number[] = [];
    tq.expire(1000, (t) => woken.push(t.id));
    expect(woken).toEqual([103, 101, 102]);
    // a removed thread can sleep again
    tq.insert(ts[0]!, 7);
    expect(tq.popDue(7)).toBe(ts[0]);
    expect(tq.popDue(7)).toBe(null);
  });

  it('keeps a blocked-with-timeout thread Blocked until it expires', () => {
    const tq = new TimerQueue();
    const t = new Thread(100, 'w', 8, NO_CORE);
    t.state = ThreadState.Blocked;
    tq.insert(t, 10);
    expect(t.state).toBe(ThreadState.Blocked);
    tq.expire(10, () => {});
    expect(t.state).toBe(ThreadState.Ready);
  });

  it('refuses double insertion and negative deadlines; converts ms and us', () => {
    const tq = new TimerQueue();
    const t = new Thread(100, 'w', 8, NO_CORE);
    tq.insert(t, 1);
    expect(catchPanic(() => tq.insert(t, 2))).toBe('thread is already on the timer queue');
    expect(catchPanic(() => tq.insert(new Thread(101, 'x', 8, NO_CORE), -1))).toBe('negative timer deadline');
    expect(catchPanic(() => tq.at(1))).toBe('timer queue index out of range');
    expect(msToNs(3)).toBe(3_000_000);
    expect(usToNs(3)).toBe(3_000);
    expect(catchPanic(() => msToNs(-1))).toBe('negative sleep');
  });

  it('agrees with a reference model (stable sort by deadline) under random operations', () => {
    const rng = new Rng(4242);
    const tq = new TimerQueue();
    const all = threads(300);
    let model: Array<{ t: Thread; d: number; seq: number }> = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 20000; step++) {
      const op = rng.below(10);
      if (op < 5) {
        const t = all[rng.below(all.length)]!;
        if (!t.inTimerQueue) {
          // few distinct deadlines so equal ones are common
          const d = now + rng.below(8) * 50;
          tq.insert(t, d);
          model.push({ t, d, seq: seq++ });
        }
      } else if (op < 7) {
        const t = all[rng.below(all.length)]!;
        const i = model.findIndex((m) => m.t === t);
        expect(tq.remove(t)).toBe(i >= 0);
        if (i >= 0) model.splice(i, 1);
      } else {
        now += rng.below(120);
        model.sort((x, y) => x.d - y.d || x.seq - y.seq);
        const due = model.filter((m) => m.d <= now).map((m) => m.t.id);
        model = model.filter((m) => m.d > now);
        const woken: number[] = [];
        tq.expire(now, (t) => woken.push(t.id));
        expect(woken).toEqual(due);
      }
      expect(tq.length()).toBe(model.length);
      const min = model.reduce((acc, m) => (acc < 0 || m.d < acc ? m.d : acc), -1);
      expect(tq.nextDeadline()).toBe(min);
      if (step % 101 === 0) tq.check();
    }
  });
});
