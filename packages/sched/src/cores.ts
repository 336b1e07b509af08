/**
 * Per-core scheduler state, and how a core finds its own.
 *
 * Each core's TPIDR_EL1 holds the address of a small per-core block of
 * 32-bit words: [0] the core's index, [4] the id of the thread it runs
 * (ids stay below 2^32), [8] 1 when the running thread should give up the
 * core, [12] how many spinlocks the core holds (held-locks.ts: while any
 * are held, the running thread is not preempted), and the 64-bit word [16]
 * the address of the running thread's clean-up slot (rt_cleanup.h reads it
 * there: rt's CLEANUP_SLOT_OFFSET). Reading one is an `mrs` and a
 * load, which keeps `currentThreadId()` (every mutex operation) and the
 * "preempt now?" check at the end of every critical section short.
 */
import { CLEANUP_SLOT_OFFSET, FixedArray, load32, num, panic, readSysreg, store32, store64, u32, u64, writeSysreg } from '@unishyper/rt';
import { BreakableLock, MAX_HELD_SPINLOCKS } from './breakable-lock';
import { RunQueue } from './run-queue';
import { Thread } from './thread';
import { TimerQueue } from './timer-queue';

const BLOCK_CORE = 0;
const BLOCK_THREAD_ID = 4;
const BLOCK_NEED_RESCHED = 8;
const BLOCK_LOCKS_HELD = 12;
const BLOCK_CLEANUP_SLOT = CLEANUP_SLOT_OFFSET; // where rt_cleanup.h looks
/** Bytes of a per-core block. */
export const CORE_BLOCK_BYTES = 24;

export class Core {
  readonly queue: RunQueue;
  readonly sleepers: TimerQueue = new TimerQueue();
  /** The thread running here; `idle` when nothing else is. */
  current: Thread;
  /** Counter value when `current` started its slice (and its CPU time accounting). */
  sliceStart = 0;
  /** Counter value the core's timer is armed for, or -1 when it is off. */
  armedFor = -1;
  /** The spinlocks this core holds, oldest first; the count is in the block (locksHeld). */
  readonly held: FixedArray<BreakableLock | null>;

  /** Asks the running thread to give up the core (at the end of the interrupt or critical section). */
  setNeedResched(v: boolean): void {
    store32(this.block + BLOCK_NEED_RESCHED, u32(v ? 1 : 0));
  }

  needResched(): boolean {
    return load32(this.block + BLOCK_NEED_RESCHED) !== 0;
  }

  constructor(
    readonly index: number,
    readonly idle: Thread,
    /** Address of the core's TPIDR_EL1 block. */
    readonly block: number,
  ) {
    this.queue = new RunQueue(this.index);
    this.held = new FixedArray<BreakableLock | null>(MAX_HELD_SPINLOCKS, null);
    this.queue.online = false;
    this.current = this.idle;
  }
}

let cores: FixedArray<Core> | null = null;

export function setCores(c: FixedArray<Core>): void {
  cores = c;
}

export function allCores(): FixedArray<Core> {
  const c = cores;
  if (c === null) return panic('scheduler used before initScheduler');
  return c;
}

/** Forgets the scheduler (Node tests start it afresh on a reset machine). */
export function resetScheduler(): void {
  cores = null;
}

/** Whether initScheduler has run. */
export function schedulerStarted(): boolean {
  return cores !== null;
}

/** Points this core's TPIDR_EL1 at its block (once per core, before it schedules). */
export function enterCore(c: Core): void {
  store32(c.block + BLOCK_CORE, u32(c.index));
  store32(c.block + BLOCK_NEED_RESCHED, u32(0));
  store32(c.block + BLOCK_LOCKS_HELD, u32(0));
  store32(c.block + BLOCK_THREAD_ID, u32(c.current.id));
  store64(c.block + BLOCK_CLEANUP_SLOT, u64(c.current.cleanupSlot));
  writeSysreg('TPIDR_EL1', u64(c.block));
}

/**
 * This core's block address, 0 before enterCore. Masked to the 48-bit
 * address space: then gcc sees it fits a number and num() needs no check
 * (this is on every switch and every mutex operation).
 */
function blockAddress(): number {
  return num(u64(readSysreg('TPIDR_EL1') & 0xffffffffffffn));
}

/** The calling core's index (0 before the scheduler set its block up). */
export function thisCoreIndex(): number {
  const block = blockAddress();
  return block === 0 ? 0 : load32(block + BLOCK_CORE);
}

export function thisCore(): Core {
  return allCores().get(thisCoreIndex());
}

/** Records `t` as the thread this core runs (on every switch). */
export function setRunning(c: Core, t: Thread): void {
  const block = c.block; // read once: the stores below could alias c as far as gcc knows
  c.current = t;
  store32(block + BLOCK_THREAD_ID, u32(t.id));
  store64(block + BLOCK_CLEANUP_SLOT, u64(t.cleanupSlot));
}

/** The id of the thread running on this core: one register read and one load. */
export function currentThreadId(): number {
  return load32(blockAddress() + BLOCK_THREAD_ID);
}

/**
 * Whether this core's running thread was asked to give up the core and may
 * (it holds no spinlock); false before the scheduler runs.
 */
export function reschedPending(): boolean {
  const block = blockAddress();
  return block !== 0 && load32(block + BLOCK_NEED_RESCHED) !== 0 && load32(block + BLOCK_LOCKS_HELD) === 0;
}

/** How many spinlocks core `c` holds. */
export function locksHeld(c: Core): number {
  return load32(c.block + BLOCK_LOCKS_HELD);
}

export function setLocksHeld(c: Core, n: number): void {
  store32(c.block + BLOCK_LOCKS_HELD, u32(n));
}

export function currentThread(): Thread {
  return thisCore().current;
}
