/**
 * Placement and balancing across cores.
 *
 * - `chooseCore`: a pinned thread goes to its core. Any other thread goes to
 *   the online core with the smallest load (ready threads + the running
 *   one); among equals, the core it last ran on (warm cache), else the
 *   lowest core id. Lowest id rather than a rotating cursor: the choice is
 *   deterministic (tests, reproducible boots) and spreading still happens,
 *   because each placement raises the chosen core's load before the next one.
 * - `pickVictim`: for an idle core, the other core with the most stealable
 *   ready threads (ties to the lowest id), or -1, skipping cores that idle
 *   (an idle core was just told about its new thread and is about to run
 *   it). Any single stealable thread is enough: it waits behind a running
 *   thread while the thief idles.
 * - `stealFor`: pickVictim + RunQueue.steal + enqueue on the thief.
 */
import { FixedArray, panic } from '@unishyper/rt';
import { RunQueue } from './run-queue.js';
import { NO_CORE, Thread } from './thread.js';

/** The core a new (or newly woken, unqueued) thread should be enqueued on. */
export function chooseCore(queues: FixedArray<RunQueue>, t: Thread): number {
  const n = queues.length;
  if (n === 0) panic('no cores to place a thread on');
  if (t.pinnedCore !== NO_CORE) {
    if (t.pinnedCore >= n) panic('thread pinned to a core that does not exist');
    return t.pinnedCore;
  }
  let best = t.core >= 0 && t.core < n && queues.get(t.core).online ? t.core : -1;
  let bestLoad = best >= 0 ? queues.get(best).load() : 0;
  for (let c = 0; c < n; c++) {
    const q = queues.get(c);
    if (!q.online) continue;
    const l = q.load();
    if (best < 0 || l < bestLoad) {
      best = c;
      bestLoad = l;
    }
  }
  if (best < 0) panic('no online core to place a thread on');
  return best;
}

/** Chooses a core for `t` and enqueues it there; returns the core. */
export function place(queues: FixedArray<RunQueue>, t: Thread): number {
  const c = chooseCore(queues, t);
  queues.get(c).enqueue(t);
  return c;
}

/** The other core with the most stealable ready threads, or -1 if none has any. */
export function pickVictim(queues: FixedArray<RunQueue>, thief: number): number {
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < queues.length; c++) {
    if (c === thief || queues.get(c).idling) continue;
    const s = queues.get(c).stealable();
    if (s > bestCount) {
      best = c;
      bestCount = s;
    }
  }
  return best;
}

/** Moves one thread from the best victim to `thief`'s queue; returns it, or null if nothing can move. */
export function stealFor(queues: FixedArray<RunQueue>, thief: number): Thread | null {
  const v = pickVictim(queues, thief);
  if (v < 0) return null;
  const t = queues.get(v).steal(thief);
  if (t === null) return null;
  queues.get(thief).enqueue(t);
  return t;
}

/** Total ready threads over all queues. */
export function totalReady(queues: FixedArray<RunQueue>): number {
  let n = 0;
  for (let c = 0; c < queues.length; c++) n += queues.get(c).length();
  return n;
}
