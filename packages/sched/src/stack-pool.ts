/**
 * Thread stacks with an unmapped guard page below each one.
 *
 * Layout. The arena runs from the first 2 MiB boundary after the kernel heap
 * (hal's freeRamStart) to the end of RAM (at most 4 GiB, the identity map).
 * It is cut into 2 MiB chunks of 64 slots of 32 KiB:
 *
 *   slot s:  [s, s + 4 KiB)           guard page, unmapped
 *            [s + 4 KiB, s + 32 KiB)  the stack: base = s + 4 KiB,
 *                                     STACK_USABLE_BYTES = 28 KiB
 *
 * A stack grows down from base + STACK_USABLE_BYTES; running below base
 * touches its own guard page (the top of the next lower slot's stack is on
 * the other side), so the store faults instead of corrupting a neighbour,
 * and hal's vector reports a stack overflow (the scheduler sets each
 * thread's base as the core's stack limit). A frame larger than 4 KiB could
 * still step over the guard page: the compiler would need stack probes
 * (-fstack-clash-protection) for that.
 *
 * Preparation is lazy: a chunk is split into pages (hal splitBlock, with
 * every slot's first page left out) only when the slots before it are all
 * handed out. The split's break-before-make leaves the chunk unmapped for a
 * moment, which is harmless because nothing uses a fresh chunk. So an
 * allocation costs a few loads and stores, and one in 64 also a split: a
 * 4 KiB table from the kernel heap, 512 entries, one broadcast TLB
 * invalidation (microseconds). Freed stacks go on a LIFO free list threaded
 * through their first word (still mapped; their guard page stays unmapped)
 * and are reused first. A bitmap of slots in use makes double and foreign
 * frees exact. All of it is under one spinlock taken with IRQs masked, so
 * every core may allocate and free.
 */
import { acquireLockWord, coreNumber, freeRamStart, releaseLockWord, currentBoard, irqRestore, irqSave, splitBlock } from '@unishyper/hal-aarch64';
import { allocBytes, FixedArray, idiv, load64, num, panic, release, store64, StrBuf, u32, u64 } from '@unishyper/rt';

/** The unmapped page below each stack. */
export const STACK_GUARD_BYTES = 4096;
/** A slot: guard page plus stack. */
export const STACK_SLOT_BYTES = 32768;
/** Bytes a thread may use: [base, base + STACK_USABLE_BYTES). */
export const STACK_USABLE_BYTES = STACK_SLOT_BYTES - STACK_GUARD_BYTES;
/** The unit the arena is prepared in: one level-2 block of the page tables. */
export const STACK_CHUNK_BYTES = 0x20_0000;
export const SLOTS_PER_CHUNK = 64;
const MAP_END = 0x1_0000_0000;

// ---- slot arithmetic ----

/** The first 2 MiB boundary at or above `addr`: where an arena starting at `addr` begins. */
export function arenaStart(addr: number): number {
  const r = addr % STACK_CHUNK_BYTES;
  return r === 0 ? addr : addr + (STACK_CHUNK_BYTES - r);
}

/** Slots in whole chunks of [start, end). */
export function arenaSlots(start: number, end: number): number {
  if (end <= start) return 0;
  return idiv(end - start, STACK_CHUNK_BYTES) * SLOTS_PER_CHUNK;
}

/** The base (lowest usable address) of slot `slot`. */
export function slotBase(arena: number, slot: number): number {
  return arena + slot * STACK_SLOT_BYTES + STACK_GUARD_BYTES;
}

/** The slot whose base is `base`, or -1 when `base` is no slot base among the first `slots`. */
export function slotOfBase(arena: number, slots: number, base: number): number {
  const off = base - arena - STACK_GUARD_BYTES;
  if (off < 0 || off % STACK_SLOT_BYTES !== 0) return -1;
  const slot = idiv(off, STACK_SLOT_BYTES);
  return slot < slots ? slot : -1;
}

// ---- the pool ----

/** A free lock word (plain store: only ever run before other cores use the pool). */
function newLockWord(): number {
  const w = allocBytes(8, 8);
  store64(w, u64(0));
  return w;
}

// A module initialiser runs once on the boot core before anything else, so
// the lock word needs no lock of its own. It uses rt only: programs that
// import the package without the pool (Linux user-mode tests) need no hal
// native code.
let lockWord = newLockWord();
let arena = 0;
/** Slots in the arena (0: not set up yet). */
let capacity = 0;
/** Slots [0, prepared) have their guard pages; [fresh, prepared) were never handed out. */
let prepared = 0;
let fresh = 0;
/** First slot of the free list, -1 when empty; each links the next at its base. */
let freeHead = -1;
let inUse = 0;
let used: FixedArray<u32> | null = null;

function lock(): number {
  const saved = irqSave();
  if (!acquireLockWord(lockWord, coreNumber() + 1)) {
    releaseLockWord(lockWord);
    panic('stack pool used re-entrantly on one core');
  }
  return saved;
}

function unlock(saved: number): void {
  releaseLockWord(lockWord);
  irqRestore(saved);
}

function usedMap(): FixedArray<u32> {
  const m = used;
  if (m === null) panic('stack pool used before its arena was set up');
  return m;
}

function isUsed(slot: number): boolean {
  return (usedMap().get(slot >>> 5) & (1 << (slot & 31))) !== 0;
}

function setUsed(slot: number, on: boolean): void {
  const m = usedMap();
  const w = m.get(slot >>> 5);
  const bit = 1 << (slot & 31);
  m.set(slot >>> 5, u32(on ? w | bit : w & ~bit));
}

/** Panics with `what` and an address, after releasing the lock. */
function fail(saved: number, what: string, addr: number): never {
  unlock(saved);
  const b = new StrBuf(160);
  b.push(what);
  b.pushHex(addr);
  return panic(b.toString());
}

/** Makes whole 2 MiB chunks of [start, end) the arena; false when there is no such chunk. */
function setArena(start: number, end: number): boolean {
  const first = arenaStart(start);
  const slots = arenaSlots(first, end);
  if (slots === 0) return false;
  arena = first;
  capacity = slots;
  const old = used;
  if (old !== null) release(old);
  used = new FixedArray<u32>(idiv(capacity + 31, 32), u32(0));
  prepared = 0;
  fresh = 0;
  freeHead = -1;
  return true;
}

/**
 * The default arena: free RAM after the kernel heap, up to the end of RAM
 * (or of the identity map). False when there is none to take (before
 * kernelStart, or under Node).
 */
function setDefaultArena(): boolean {
  const board = currentBoard();
  const start = freeRamStart();
  if (board === null || start === 0) return false;
  const ramEnd = board.ramBase() + board.ramSize();
  return setArena(start, ramEnd < MAP_END ? ramEnd : MAP_END);
}

/**
 * Makes [start, end) (whole 2 MiB chunks of it, mapped as 2 MiB blocks,
 * unused by anything else) the arena instead of the default one. For tests
 * and boards that reserve RAM themselves; call before the first allocStack.
 * Calling it again starts a new, empty pool (as initKernelHeap does: stacks
 * of the old one must no longer be used), with a new lock word (under Node
 * a machine reset reuses the old one's memory).
 */
export function initStackPool(start: number, end: number): void {
  lockWord = newLockWord();
  inUse = 0;
  if (!setArena(start, end)) panic('initStackPool: the range holds no whole 2 MiB chunk');
}

/** Gives the next chunk its page table with every slot's guard page unmapped. */
function prepareChunk(): void {
  splitBlock(arena + idiv(prepared, SLOTS_PER_CHUNK) * STACK_CHUNK_BYTES, STACK_SLOT_BYTES);
  prepared += SLOTS_PER_CHUNK;
}

/**
 * A guarded stack: returns its base; the thread may use
 * [base, base + STACK_USABLE_BYTES), and [base - 4096, base) is unmapped.
 * The memory is not cleared. Running out of arena panics.
 */
export function allocStack(): number {
  const saved = lock();
  if (capacity === 0 && !setDefaultArena()) fail(saved, 'stack pool: no free RAM for thread stacks (before kernelStart, or under Node without initStackPool); free RAM from ', freeRamStart());
  let slot = freeHead;
  if (slot >= 0) {
    const next = num(load64(slotBase(arena, slot))) - 1;
    if (next !== -1 && (next < 0 || next >= fresh || isUsed(next))) fail(saved, 'stack pool corruption: bad free-list link in the stack at ', slotBase(arena, slot));
    freeHead = next;
  } else {
    if (fresh === prepared) {
      if (prepared === capacity) fail(saved, 'out of thread stacks: every slot of the arena is in use, arena at ', arena);
      prepareChunk();
    }
    slot = fresh;
    fresh++;
  }
  setUsed(slot, true);
  inUse++;
  unlock(saved);
  return slotBase(arena, slot);
}

/**
 * Returns the stack at `base` (as allocStack gave it) for reuse; its guard
 * page stays unmapped. A double free or an address that is no stack base of
 * the pool panics, changing nothing.
 */
export function freeStack(base: number): void {
  const saved = lock();
  const slot = capacity === 0 ? -1 : slotOfBase(arena, fresh, base);
  if (slot < 0) fail(saved, 'freeStack: not a thread stack of the pool: ', base);
  if (!isUsed(slot)) fail(saved, 'freeStack: double free of the thread stack at ', base);
  setUsed(slot, false);
  store64(base, u64(freeHead + 1));
  freeHead = slot;
  inUse--;
  unlock(saved);
}

/** Stacks handed out and not freed. */
export function stacksInUse(): number {
  return inUse;
}

/** Stacks the arena can hold in all (0 before the first allocStack or initStackPool). */
export function stackCapacity(): number {
  return capacity;
}
