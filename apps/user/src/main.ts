// apps/user: the original's `make user` demo, on every core. A producer and
// a consumer per core pass values through a ring guarded by semaphores,
// workers add to a mutex-protected counter, sleepers wake on time, and one
// thread dereferences an unmapped address on purpose: it is reported and
// ended while the others finish. `nx run user:qemu` boots it with -smp 4.
import { nowUs } from '@unishyper/hal-aarch64';
import { HeapStats, readKernelHeapStats } from '@unishyper/mm';
import { FixedArray, kprint, load64, release } from '@unishyper/rt';
import { ABNORMAL_EXIT_VALUE, initScheduler, join, schedulerCores, sleepMs, spawn, spawnPinned } from '@unishyper/sched';
import { currentCore, Mutex, Semaphore, UNBOUNDED } from '@unishyper/sync';

const ITEMS = 1000;
const RING = 16;
const WORKERS = 8;
const INCREMENTS = 10_000;
/** 1 + 2 + ... + ITEMS. */
const ITEMS_SUM = 500_500;

// What threads update lives at module level (a spawned closure copies its creator's locals).
let produced = 0;
let consumedSum = 0;
let counter = 0;
let ringHead = 0;
let ringTail = 0;

/** Producer/consumer through a ring of RING slots: `free` counts empty slots, `full` filled ones. */
function producerConsumer(): boolean {
  const ring = new FixedArray<number>(RING, 0);
  const free = new Semaphore('free', RING, RING);
  const full = new Semaphore('full', 0, UNBOUNDED);
  const guard = new Mutex('ring');
  const producer = spawnPinned(1, 'producer', 8, () => {
    for (let i = 1; i <= ITEMS; i++) {
      free.acquire();
      guard.lock();
      ring.set(ringHead, i);
      ringHead = (ringHead + 1) % RING;
      produced++;
      guard.unlock();
      full.release();
    }
    return currentCore();
  });
  const consumer = spawnPinned(2, 'consumer', 8, () => {
    for (let i = 1; i <= ITEMS; i++) {
      full.acquire();
      guard.lock();
      consumedSum += ring.get(ringTail);
      ringTail = (ringTail + 1) % RING;
      guard.unlock();
      free.release();
    }
    return currentCore();
  });
  const pc = join(producer);
  const cc = join(consumer);
  kprint`producer on core ${pc} made ${produced}; consumer on core ${cc} summed ${consumedSum} (expected ${ITEMS_SUM})\n`;
  release(ring);
  return produced === ITEMS && consumedSum === ITEMS_SUM;
}

/** WORKERS threads, spread over the cores, each add INCREMENTS under one mutex. */
function mutexCounter(): boolean {
  const m = new Mutex('counter');
  const ids = new FixedArray<number>(WORKERS, 0);
  for (let w = 0; w < WORKERS; w++) {
    ids.set(w, spawn('worker', 8, () => {
      for (let i = 0; i < INCREMENTS; i++) {
        m.lock();
        counter++;
        m.unlock();
      }
      return currentCore();
    }));
  }
  let cores = 0;
  for (let w = 0; w < WORKERS; w++) cores = cores | (1 << join(ids.get(w)));
  kprint`counter ${counter} (expected ${WORKERS * INCREMENTS}); workers finished on cores mask ${cores}\n`;
  release(ids);
  return counter === WORKERS * INCREMENTS;
}

/** Sleepers of 5, 10 and 20 ms: each wakes no earlier than asked. */
function sleepers(): boolean {
  const ids = new FixedArray<number>(3, 0);
  for (let s = 0; s < 3; s++) {
    const ms = 5 << s;
    ids.set(s, spawn('sleeper', 8, () => {
      const t0 = nowUs();
      sleepMs(ms);
      return nowUs() - t0 >= ms * 1000 ? 1 : 0;
    }));
  }
  let onTime = 0;
  for (let s = 0; s < 3; s++) onTime += join(ids.get(s));
  kprint`sleepers: ${onTime} of 3 woke no earlier than asked\n`;
  release(ids);
  return onTime === 3;
}

/** A thread that reads an unmapped address: reported, ended alone, joined with ABNORMAL_EXIT_VALUE. */
function faultingThread(): boolean {
  const before = new HeapStats();
  const after = new HeapStats();
  readKernelHeapStats(before);
  const bad = spawn('faulty', 8, () => (load64(0x10_0000_0000) === 0n ? 0 : 1));
  const value = join(bad);
  readKernelHeapStats(after);
  kprint`faulty thread joined with ${value}; heap in use before ${before.used}, after ${after.used}\n`;
  const ok = value === ABNORMAL_EXIT_VALUE && before.used === after.used;
  release(before);
  release(after);
  return ok;
}

export function main(): number {
  initScheduler();
  kprint`\nUnishyper user demo: scheduler on ${schedulerCores()} core(s)\n`;
  const ok = producerConsumer() && mutexCounter() && sleepers() && faultingThread();
  kprint`user demo ${ok ? 'passed' : 'FAILED'}\n`;
  return ok ? 0 : 1;
}
