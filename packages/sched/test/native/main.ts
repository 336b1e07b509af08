// The sched policy as a dialect program: run queues, placement, stealing,
// the timer queue and a ps snapshot, driven by a fixed pseudo-random
// workload. Natively (gcc, clang, host sanitizers) and under Node it must
// print the same lines.
import { FixedArray, kprint, mulu32, release, u32, Vec } from '@unishyper/rt';
import {
  NO_CORE, PRIORITY_LEVELS, RunQueue, Thread, ThreadIds, ThreadInfo, ThreadState, TimerQueue,
  newSnapshotBuffer, pickVictim, place, releaseSnapshotBuffer, stateName, stealFor, takeSnapshot, totalReady,
} from '../../src/index';

const CORES = 4;

let rngState: u32 = u32(2463534242);

/** xorshift32 in [0, n). */
function rand(n: number): number {
  let x = rngState;
  x = u32(x ^ (x << 13));
  x = u32(x ^ (x >>> 17));
  x = u32(x ^ (x << 5));
  rngState = x;
  return x % n;
}

let hash: u32 = u32(2166136261);

function mix(v: number): void {
  hash = mulu32(hash ^ v, 16777619);
}

function priorities(): void {
  using q = new RunQueue(0);
  const none = new Thread(0, '', 0, NO_CORE);
  using all = new Vec<Thread>(none);
  for (let p = 0; p < PRIORITY_LEVELS; p++) {
    const t = new Thread(100 + p, 'p', (p * 7) % PRIORITY_LEVELS, NO_CORE);
    all.push(t);
    q.enqueue(t);
  }
  q.check();
  kprint`levels ${q.levels()} highest ${q.highestPriority()}\n`;
  kprint`order`;
  let t = q.dequeue();
  while (t !== null) {
    kprint` ${t.priority}`;
    t = q.dequeue();
  }
  kprint`\n`;
  // round-robin among three equals (and one lower thread that never runs)
  for (let i = 0; i < 3; i++) {
    const e = new Thread(200 + i, 'rr', 5, NO_CORE);
    all.push(e);
    q.enqueue(e);
  }
  q.enqueue(all.get(0));
  kprint`round-robin`;
  for (let slice = 0; slice < 7; slice++) {
    const r = q.dequeue()!;
    kprint` ${r.id}`;
    q.enqueue(r);
  }
  kprint` lower still queued: ${all.get(0).queuedOn === 0}\n`;
  for (let i = 0; i < all.len(); i++) q.remove(all.get(i));
  q.check();
  for (let i = 0; i < all.len(); i++) release(all.get(i));
  release(none);
}

function timers(): void {
  const tq = new TimerQueue();
  using rq = new RunQueue(0);
  const none = new Thread(0, '', 0, NO_CORE);
  using ts = new Vec<Thread>(none);
  for (let i = 0; i < 1000; i++) {
    const t = new Thread(100 + i, 'sleeper', 8, NO_CORE);
    ts.push(t);
    tq.insert(t, 5000);
  }
  tq.check();
  let inOrder = true;
  let expected = 100;
  let woke = tq.expire(4999, (t: Thread) => {
    inOrder = false;
    rq.enqueue(t);
  });
  woke = woke + tq.expire(5000, (t: Thread) => {
    if (t.id !== expected) inOrder = false;
    expected++;
    rq.enqueue(t);
  });
  kprint`equal deadlines: woke ${woke} in order ${inOrder} ready ${rq.length()} left ${tq.length()}\n`;
  while (rq.dequeue() !== null) {}

  // mixed deadlines with removal
  for (let i = 0; i < 20; i++) tq.insert(ts.get(i), (i % 4) * 100);
  tq.remove(ts.get(0));
  tq.remove(ts.get(19));
  tq.remove(ts.get(10));
  tq.check();
  kprint`next ${tq.nextDeadline()} queued ${tq.length()}\n`;
  for (let now = 0; now <= 300; now += 150) {
    kprint`expire ${now}:`;
    tq.expire(now, (t: Thread) => {
      kprint` ${t.id}`;
    });
    kprint`\n`;
  }
  kprint`next ${tq.nextDeadline()}\n`;
  for (let i = 0; i < ts.len(); i++) release(ts.get(i));
  release(none);
  release(tq);
}

function smp(): void {
  const qs = new FixedArray<RunQueue>(CORES, new RunQueue(0));
  for (let c = 1; c < CORES; c++) qs.set(c, new RunQueue(c));
  const ids = new ThreadIds();
  const none = new Thread(0, '', 0, NO_CORE);
  using threads = new Vec<Thread>(none);
  kprint`placed`;
  for (let i = 0; i < 10; i++) {
    const pin = i % 5 === 4 ? 2 : NO_CORE;
    const t = new Thread(ids.next(), 'worker', rand(16), pin);
    threads.push(t);
    kprint` ${place(qs, t)}`;
  }
  kprint`\n`;
  let steals = 0;
  let exited = 0;
  let switches = 0;
  for (let step = 0; step < 2200; step++) {
    const c = rand(CORES);
    const q = qs.get(c);
    const op = rand(16);
    if (op === 3 && q.current !== null) {
      const dead = q.current!;
      exited++;
      dead.state = ThreadState.Exited;
      q.current = null;
    } else if (op < 3 && step < 800 && threads.len() < 150) {
      const pin = rand(6) === 0 ? rand(CORES) : NO_CORE;
      const t = new Thread(ids.next(), 'worker', rand(16), pin);
      threads.push(t);
      place(qs, t);
    } else {
      const cur = q.current;
      if (cur !== null) {
        cur.account(1000 + rand(1000));
        cur.state = ThreadState.Ready;
        q.enqueue(cur);
      }
      let next = q.dequeue();
      if (next === null && stealFor(qs, c) !== null) {
        steals++;
        next = q.dequeue();
      }
      if (next !== null) {
        next.state = ThreadState.Running;
        switches++;
        mix(next.id);
        mix(c);
      }
      q.current = next;
    }
    if (step % 500 === 0) {
      for (let k = 0; k < CORES; k++) qs.get(k).check();
    }
  }
  let loads = 0;
  for (let c = 0; c < CORES; c++) {
    kprint`core ${c}: load ${qs.get(c).load()} ready ${qs.get(c).length()} stealable ${qs.get(c).stealable()}\n`;
    loads += qs.get(c).load();
  }
  kprint`threads ${threads.len()} loads ${loads} ready ${totalReady(qs)} exited ${exited} steals ${steals} switches ${switches} hash ${hash}\n`;
  kprint`victim for 0: ${pickVictim(qs, 0)}\n`;

  const buf = newSnapshotBuffer(5);
  const n = takeSnapshot(threads, buf);
  kprint`ps (${n} threads)\n`;
  for (let i = 0; i < buf.length; i++) {
    const r: ThreadInfo = buf.get(i);
    kprint`${r.id} ${r.name} ${stateName(r.state)} prio ${r.priority} core ${r.core} cpu ${r.cpuTimeNs}\n`;
  }
  releaseSnapshotBuffer(buf);

  for (let c = 0; c < CORES; c++) freeQueue(qs.get(c));
  release(qs);
  for (let i = 0; i < threads.len(); i++) release(threads.get(i));
  release(none);
}

function freeQueue(q: RunQueue): void {
  while (q.dequeue() !== null) {}
  q.current = null;
  {
    using d = q;
  }
  release(q);
}

export function main(): number {
  priorities();
  timers();
  smp();
  kprint`done\n`;
  return 0;
}
