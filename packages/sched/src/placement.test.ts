import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '@unishyper/codegen/testing';
import { makeQueues } from '../test/util';
import { chooseCore, NO_CORE, pickVictim, place, stealFor, Thread, ThreadIds, totalReady } from './index';

beforeEach(() => resetMachine());

describe('placement', () => {
  it('spreads new threads over idle cores, lowest id first on ties', () => {
    const qs = makeQueues(4);
    const ids = new ThreadIds();
    const cores: number[] = [];
    for (let i = 0; i < 8; i++) cores.push(place(qs, new Thread(ids.next(), 't', 8, NO_CORE)));
    expect(cores).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
  });

  it('goes to the least-loaded core, counting the running thread', () => {
    const qs = makeQueues(3);
    qs.get(0).current = new Thread(100, 'main', 8, NO_CORE);
    qs.get(1).enqueue(new Thread(101, 'a', 8, NO_CORE));
    qs.get(1).enqueue(new Thread(102, 'b', 8, NO_CORE));
    // loads 1, 2, 0
    expect(chooseCore(qs, new Thread(103, 'c', 8, NO_CORE))).toBe(2);
    qs.get(2).current = new Thread(104, 'd', 8, NO_CORE);
    qs.get(2).enqueue(new Thread(105, 'e', 8, NO_CORE));
    // loads 1, 2, 2
    expect(chooseCore(qs, new Thread(106, 'f', 8, NO_CORE))).toBe(0);
  });

  it('honours pinning whatever the load', () => {
    const qs = makeQueues(2);
    for (let i = 0; i < 5; i++) place(qs, new Thread(100 + i, 'p', 8, 1));
    expect(qs.get(1).length()).toBe(5);
    expect(qs.get(0).length()).toBe(0);
    expect(catchPanic(() => chooseCore(qs, new Thread(200, 'x', 8, 2)))).toBe('thread pinned to a core that does not exist');
  });

  it('picks the other core with the most stealable threads', () => {
    const qs = makeQueues(4);
    qs.get(1).enqueue(new Thread(100, 'a', 8, NO_CORE));
    for (let i = 0; i < 3; i++) qs.get(2).enqueue(new Thread(101 + i, 'b', 8, NO_CORE));
    for (let i = 0; i < 5; i++) qs.get(3).enqueue(new Thread(110 + i, 'pinned', 8, 3));
    expect(pickVictim(qs, 0)).toBe(2);
    expect(pickVictim(qs, 2)).toBe(1);
    const empty = makeQueues(2);
    expect(pickVictim(empty, 0)).toBe(-1);
    expect(stealFor(empty, 0)).toBe(null);
  });

  it('stealing moves the highest-priority movable thread to the thief', () => {
    const qs = makeQueues(2);
    qs.get(0).current = new Thread(99, 'busy', 8, NO_CORE);
    qs.get(0).enqueue(new Thread(100, 'low', 2, NO_CORE));
    qs.get(0).enqueue(new Thread(101, 'high', 12, NO_CORE));
    qs.get(0).enqueue(new Thread(102, 'pinned', 15, 0));
    const t = stealFor(qs, 1)!;
    expect(t.id).toBe(101);
    expect(t.core).toBe(1);
    expect(t.queuedOn).toBe(1);
    expect(qs.get(1).peek()).toBe(t);
    expect(stealFor(qs, 1)!.id).toBe(100);
    expect(stealFor(qs, 1)).toBe(null); // only the pinned one is left
    qs.get(0).check();
    qs.get(1).check();
  });

  it('no core idles while another has movable ready threads (random model)', () => {
    const rng = new Rng(777);
    const n = 4;
    const qs = makeQueues(n);
    const ids = new ThreadIds();
    const live: Thread[] = [];
    for (let step = 0; step < 5000; step++) {
      const op = rng.below(4);
      if (op === 0 || live.length === 0) {
        const pin = rng.below(5) === 0 ? rng.below(n) : NO_CORE;
        const t = new Thread(ids.next(), 't', rng.below(16), pin);
        place(qs, t);
        live.push(t);
      } else if (op === 1) {
        // a core finishes its slice: requeue current, pick next
        const c = rng.below(n);
        const q = qs.get(c);
        if (q.current !== null) q.enqueue(q.current);
        q.current = q.dequeue();
        if (q.current === null && stealFor(qs, c) !== null) q.current = q.dequeue();
      } else if (op === 2) {
        // the running thread exits
        const c = rng.below(n);
        const q = qs.get(c);
        if (q.current !== null) live.splice(live.indexOf(q.current), 1);
        q.current = q.dequeue();
        if (q.current === null && stealFor(qs, c) !== null) q.current = q.dequeue();
      } else {
        // idle cores look for work
        for (let c = 0; c < n; c++) {
          const q = qs.get(c);
          if (q.current === null) {
            q.current = q.dequeue();
            if (q.current === null && stealFor(qs, c) !== null) q.current = q.dequeue();
          }
        }
      }
      // invariant after each idle pass: an idle core means nothing movable is waiting anywhere
      if (op === 3) {
        for (let c = 0; c < n; c++) {
          if (qs.get(c).current === null) {
            expect(qs.get(c).length()).toBe(0);
            for (let o = 0; o < n; o++) expect(qs.get(o).stealable()).toBe(0);
          }
        }
      }
      let running = 0;
      for (let c = 0; c < n; c++) {
        qs.get(c).check();
        const cur = qs.get(c).current;
        if (cur !== null) {
          running++;
          expect(cur.canRunOn(c)).toBe(true);
        }
      }
      expect(totalReady(qs) + running).toBe(live.length);
    }
  });
});

describe('placement across started and idle cores', () => {
  it('prefers the core a thread last ran on among equally loaded cores', () => {
    const qs = makeQueues(4);
    const t = new Thread(100, 'woken', 8, NO_CORE);
    t.core = 2;
    expect(chooseCore(qs, t)).toBe(2);
    qs.get(2).current = new Thread(101, 'busy', 8, NO_CORE);
    expect(chooseCore(qs, t)).toBe(0);
  });

  it('never places on a core that is not online', () => {
    const qs = makeQueues(3);
    qs.get(0).current = new Thread(100, 'main', 8, NO_CORE);
    qs.get(1).online = false;
    const t = new Thread(101, 't', 8, NO_CORE);
    t.core = 1;
    expect(chooseCore(qs, t)).toBe(2);
    qs.get(2).online = false;
    expect(chooseCore(qs, t)).toBe(0);
    qs.get(0).online = false;
    expect(catchPanic(() => chooseCore(qs, t))).toBe('no online core to place a thread on');
  });

  it('does not steal from a core that idles (it is about to run its thread)', () => {
    const qs = makeQueues(3);
    qs.get(1).enqueue(new Thread(100, 'a', 8, NO_CORE));
    qs.get(1).idling = true;
    expect(pickVictim(qs, 0)).toBe(-1);
    expect(stealFor(qs, 0)).toBeNull();
    qs.get(1).idling = false;
    expect(pickVictim(qs, 0)).toBe(1);
  });
});
