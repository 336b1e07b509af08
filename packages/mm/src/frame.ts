/**
 * The physical frame allocator: a binary buddy allocator over 4 KiB frames
 * of one physical range, with its metadata inside that range.
 *
 * Blocks are 2^order frames (order 0..MAX_ORDER) and naturally aligned in
 * physical address (a block of order k starts at a multiple of 4 KiB * 2^k),
 * so any block of order >= k satisfies an alignment of 2^k frames and a
 * block's buddy is found with one remainder. Free blocks of each order are
 * on a doubly linked list threaded through the free frames themselves; a
 * bitmap of non-empty orders finds the smallest usable order with one
 * count-trailing-zeros.
 *
 * `alloc(count, alignFrames)` takes the smallest block of order
 * K = max(ceil(log2 count), log2 alignFrames), splits larger blocks down to
 * it, then gives back the part of it beyond `count` frames: the allocation
 * is kept as pieces whose orders are the set bits of `count` (3 frames = an
 * order-1 piece and an order-0 piece), so no frames are wasted on rounding.
 * `free(addr, count)` frees the pieces and merges each with its buddy while
 * the buddy is a free block of the same order.
 *
 * Layout of the range [base, base + size):
 *
 *   f = base rounded up to 4 KiB: the control block
 *     +0   u32 CTL_MAGIC
 *     +8   u64 address of frame 0 (f itself)
 *     +16  u64 end of the last whole frame
 *     +24  u64 first allocatable frame (after the metadata frames)
 *     +32  u64 used frames      +40 u64 live allocations
 *     +48  u64 allocations ever +56 u64 frees ever
 *     +64  u64 free blocks      +72 u32 bitmap of non-empty orders
 *     +80  u64 list heads, one per order
 *     +328     scratch for panic messages (192 bytes)
 *     +520 u8  state of every frame of the range, one byte each
 *   the metadata frames are reserved; the allocatable frames follow.
 *
 * Frame states: STATE_INTERIOR (0, inside a block), STATE_RESERVED
 * (metadata), or a block head: HEAD | order, plus ALLOC for allocated
 * pieces and START for the first piece of an allocation. This is what makes
 * frees exact: freeing an address that is not the start of an allocation,
 * a free block (double free), or with a count that is not the allocation's
 * panics and changes nothing.
 *
 * A free block's first frame holds +0 u64 next, +8 u64 previous (0 = none),
 * +16 u32 FREE_MAGIC, +20 u32 order; they are checked whenever a block
 * leaves a list, so stray writes into free frames are reported as
 * corruption instead of being followed.
 */
import { ctz32, clz32, idiv, load32, load8, memset, panic, store32, store8 } from '@unishyper/rt';
import { msgBegin, msgHex, msgNum, msgStr, msgText } from './message.js';
import { addWord, isPow2, rdWord, roundDown, roundUp, wrWord } from './word.js';

/** Bytes in a frame. */
export const FRAME_SIZE = 4096;
/** Largest block order: 2^30 frames (4 TiB). */
export const FRAME_MAX_ORDER = 30;

const MAX_ORDER = 30;
const CTL_MAGIC = 0x5944_5542; // "BUDY" in memory
const F_MAGIC = 0;
const F_BASE = 8;
const F_END = 16;
const F_FIRST = 24;
const F_USED = 32;
const F_LIVE = 40;
const F_ALLOCS = 48;
const F_FREES = 56;
const F_FREE_BLOCKS = 64;
const F_ORDER_MAP = 72;
const F_HEADS = 80;
const F_MSG = 328;
const MSG_BYTES = 192;
const F_MAP = 520;

const STATE_INTERIOR = 0;
const STATE_RESERVED = 0x1f;
const HEAD = 0x80;
const ALLOC = 0x40;
const START = 0x20;
const ORDER_MASK = 0x1f;

const FREE_MAGIC = 0xf4ee_f4a3;

// ---- frame states --------------------------------------------------------------

function stateAt(f: number, a: number): number {
  return load8(f + F_MAP + idiv(a - f, FRAME_SIZE));
}

function setState(f: number, a: number, s: number): void {
  store8(f + F_MAP + idiv(a - f, FRAME_SIZE), s);
}

/** Bytes in a block of order `o`. */
function blockBytes(o: number): number {
  return FRAME_SIZE * (1 << o);
}

function corrupt(f: number, what: string, a: number): never {
  msgBegin(f + F_MSG, MSG_BYTES, 'frame allocator corruption: ');
  msgStr(what);
  msgStr(' at ');
  msgHex(a);
  panic(msgText());
}

// ---- free lists -------------------------------------------------------------------

function headAddr(f: number, o: number): number {
  return f + F_HEADS + o * 8;
}

function pushFree(f: number, a: number, o: number): void {
  setState(f, a, HEAD | o);
  const head = rdWord(headAddr(f, o));
  wrWord(a, head);
  wrWord(a + 8, 0);
  store32(a + 16, FREE_MAGIC);
  store32(a + 20, o);
  if (head !== 0) wrWord(head + 8, a);
  wrWord(headAddr(f, o), a);
  store32(f + F_ORDER_MAP, load32(f + F_ORDER_MAP) | (1 << o));
  addWord(f + F_FREE_BLOCKS, 1);
}

/** Whether `a` is a free block of order `o` with an intact record. */
function isFreeBlock(f: number, a: number, o: number): boolean {
  if (a < rdWord(f + F_FIRST) || a >= rdWord(f + F_END) || a % blockBytes(o) !== 0) return false;
  return stateAt(f, a) === (HEAD | o) && load32(a + 16) === FREE_MAGIC && load32(a + 20) === o;
}

function removeFree(f: number, a: number, o: number): void {
  if (!isFreeBlock(f, a, o)) corrupt(f, 'damaged free block', a);
  const next = rdWord(a);
  const prev = rdWord(a + 8);
  if (next !== 0 && (!isFreeBlock(f, next, o) || rdWord(next + 8) !== a)) corrupt(f, 'damaged free-list link of the block', a);
  if (prev === 0 ? rdWord(headAddr(f, o)) !== a : !isFreeBlock(f, prev, o) || rdWord(prev) !== a) {
    corrupt(f, 'damaged free-list link of the block', a);
  }
  if (prev === 0) wrWord(headAddr(f, o), next);
  else wrWord(prev, next);
  if (next !== 0) wrWord(next + 8, prev);
  if (next === 0 && prev === 0) store32(f + F_ORDER_MAP, load32(f + F_ORDER_MAP) & ~(1 << o));
  store32(a + 16, 0);
  addWord(f + F_FREE_BLOCKS, -1);
}

/** Frees the block (a, o), merging it with its buddy while the buddy is free and of the same order. */
function releaseBlock(f: number, a: number, o: number): void {
  const first = rdWord(f + F_FIRST);
  const end = rdWord(f + F_END);
  let b = a;
  let k = o;
  while (k < MAX_ORDER) {
    const sz = blockBytes(k);
    const buddy = b % (2 * sz) === 0 ? b + sz : b - sz;
    if (buddy < first || buddy + sz > end || stateAt(f, buddy) !== (HEAD | k)) break;
    removeFree(f, buddy, k);
    if (buddy < b) {
      setState(f, b, STATE_INTERIOR);
      b = buddy;
    } else {
      setState(f, buddy, STATE_INTERIOR);
    }
    k++;
  }
  pushFree(f, b, k);
}

// ---- the allocator --------------------------------------------------------------------

/**
 * Makes the whole 4 KiB frames of [base, base + size) a frame allocator:
 * the first frames hold its metadata (about 1 byte per frame), the rest are
 * free. Returns the control block's address, which the other functions
 * take. Needs no heap.
 */
export function frameInit(base: number, size: number): number {
  if (base <= 0 || size <= 0) panic('frame range must have a positive base and size');
  const f = roundUp(base, FRAME_SIZE);
  const end = roundDown(base + size, FRAME_SIZE);
  if (end <= f) panic('frame range too small: it holds no whole frame');
  const frames = idiv(end - f, FRAME_SIZE);
  const metaFrames = idiv(F_MAP + frames + FRAME_SIZE - 1, FRAME_SIZE);
  if (metaFrames >= frames) panic('frame range too small: no frame left after the metadata');
  const first = f + metaFrames * FRAME_SIZE;
  memset(f, 0, F_MAP + frames);
  memset(f + F_MAP, STATE_RESERVED, metaFrames);
  store32(f + F_MAGIC, CTL_MAGIC);
  wrWord(f + F_BASE, f);
  wrWord(f + F_END, end);
  wrWord(f + F_FIRST, first);
  // The largest naturally aligned blocks that tile [first, end).
  let a = first;
  while (a < end) {
    let o = MAX_ORDER;
    while (o > 0 && (a % blockBytes(o) !== 0 || a + blockBytes(o) > end)) o--;
    pushFree(f, a, o);
    a += blockBytes(o);
  }
  return f;
}

function checkCtl(f: number): void {
  if (f === 0 || load32(f + F_MAGIC) !== CTL_MAGIC) panic('not a frame allocator control block');
}

/**
 * `count` contiguous frames whose address is a multiple of `alignFrames`
 * frames (a power of two), or 0 when no free block is large enough. The
 * frames are not cleared. `count < 1` or a bad alignment panics.
 */
export function frameAlloc(f: number, count: number, alignFrames: number): number {
  checkCtl(f);
  if (count < 1) {
    msgBegin(f + F_MSG, MSG_BYTES, 'invalid frame count ');
    msgNum(count);
    panic(msgText());
  }
  if (!isPow2(alignFrames)) {
    msgBegin(f + F_MSG, MSG_BYTES, 'invalid frame alignment ');
    msgNum(alignFrames);
    msgStr(' (a power of two)');
    panic(msgText());
  }
  if (count > 1 << MAX_ORDER) return 0;
  let k = 0;
  while (1 << k < count) k++;
  while (1 << k < alignFrames) k++;
  const avail = load32(f + F_ORDER_MAP) & (-1 << k);
  if (avail === 0) return 0;
  let o = ctz32(avail);
  const a = rdWord(headAddr(f, o));
  removeFree(f, a, o);
  setState(f, a, STATE_INTERIOR);
  // Split down to order k: the upper halves go back to their lists.
  while (o > k) {
    o--;
    pushFree(f, a + blockBytes(o), o);
  }
  // Keep `count` frames of the order-k block as pieces (the set bits of
  // count, largest first); give back the rest.
  let cur = a;
  let rest = count;
  let flag = START;
  while (rest > 0) {
    if (rest === 1 << o) {
      setState(f, cur, HEAD | ALLOC | flag | o);
      break;
    }
    o--;
    const half = 1 << o;
    if (rest <= half) {
      pushFree(f, cur + blockBytes(o), o);
    } else {
      setState(f, cur, HEAD | ALLOC | flag | o);
      flag = 0;
      cur += blockBytes(o);
      rest -= half;
    }
  }
  addWord(f + F_USED, count);
  addWord(f + F_LIVE, 1);
  addWord(f + F_ALLOCS, 1);
  return a;
}

function badFree(f: number, addr: number, why: string): never {
  msgBegin(f + F_MSG, MSG_BYTES, 'invalid free of frames at ');
  msgHex(addr);
  msgStr(': ');
  msgStr(why);
  panic(msgText());
}

/** The head of the block (free or allocated piece) that contains the frame `a`. */
function blockContaining(f: number, a: number): number {
  const first = rdWord(f + F_FIRST);
  for (let o = 1; o <= MAX_ORDER; o++) {
    const c = a - (a % blockBytes(o));
    if (c < first) break;
    const s = stateAt(f, c);
    if ((s & HEAD) !== 0 && c + blockBytes(s & ORDER_MASK) > a) return c;
  }
  corrupt(f, 'frame outside any block', a);
}

/** Frames in the allocation that starts at `a` (an allocated START piece). */
function allocationFrames(f: number, a: number): number {
  const end = rdWord(f + F_END);
  let cur = a;
  let total = 0;
  let s = stateAt(f, cur);
  for (;;) {
    const o = s & ORDER_MASK;
    total += 1 << o;
    cur += blockBytes(o);
    if (cur >= end) break;
    s = stateAt(f, cur);
    if ((s & (HEAD | ALLOC | START)) !== (HEAD | ALLOC)) break;
  }
  return total;
}

/**
 * Returns the `count` frames at `addr` (exactly as allocated). Panics
 * `double free of frames at <addr>` or `invalid free of frames at <addr>: ...`
 * (not a frame of this allocator, not the start of an allocation, or a count
 * that differs from the allocation's), and then nothing has changed.
 */
export function frameFree(f: number, addr: number, count: number): void {
  checkCtl(f);
  const first = rdWord(f + F_FIRST);
  const end = rdWord(f + F_END);
  if (addr % FRAME_SIZE !== 0 || addr < first || addr >= end) badFree(f, addr, 'not a frame of this allocator');
  const s = stateAt(f, addr);
  const owner = (s & HEAD) !== 0 ? addr : blockContaining(f, addr);
  if ((stateAt(f, owner) & ALLOC) === 0) {
    msgBegin(f + F_MSG, MSG_BYTES, 'double free of frames at ');
    msgHex(addr);
    panic(msgText());
  }
  if ((s & (HEAD | START)) !== (HEAD | START)) badFree(f, addr, 'not the start of an allocation');
  const have = allocationFrames(f, addr);
  if (count !== have) {
    msgBegin(f + F_MSG, MSG_BYTES, 'invalid free of frames at ');
    msgHex(addr);
    msgStr(': ');
    msgNum(count);
    msgStr(' frames given, the allocation has ');
    msgNum(have);
    panic(msgText());
  }
  let cur = addr;
  let rest = count;
  while (rest > 0) {
    const o = stateAt(f, cur) & ORDER_MASK;
    const next = cur + blockBytes(o);
    releaseBlock(f, cur, o);
    cur = next;
    rest -= 1 << o;
  }
  addWord(f + F_USED, -count);
  addWord(f + F_LIVE, -1);
  addWord(f + F_FREES, 1);
}

/** Frames in the largest free block (the largest `count` that alloc(count, 1) satisfies now). */
export function frameLargestFree(f: number): number {
  checkCtl(f);
  const map = load32(f + F_ORDER_MAP);
  if (map === 0) return 0;
  return 1 << (31 - clz32(map));
}

/**
 * Frame allocator statistics, in frames of FRAME_SIZE bytes.
 *
 * - `totalFrames`: allocatable frames (the range's whole frames minus the
 *   metadata frames); `usedFrames + freeFrames === totalFrames` always.
 * - `usedFrames`: frames in live allocations (exactly the counts asked for).
 * - `freeFrames`: frames in free blocks.
 * - `largestFree`: frames in the largest free block (a power of two), the
 *   largest `count` that `alloc(count, 1)` satisfies now.
 * - `liveAllocations`, `totalAllocations`, `totalFrees`: as for the heap.
 * - `freeBlocks`: number of free buddy blocks.
 */
export class FrameStats {
  totalFrames = 0;
  usedFrames = 0;
  freeFrames = 0;
  largestFree = 0;
  liveAllocations = 0;
  totalAllocations = 0;
  totalFrees = 0;
  freeBlocks = 0;
}

/** Fills `out` with the statistics of the allocator `f` (allocates nothing). */
export function frameReadStats(f: number, out: FrameStats): void {
  checkCtl(f);
  out.totalFrames = idiv(rdWord(f + F_END) - rdWord(f + F_FIRST), FRAME_SIZE);
  out.usedFrames = rdWord(f + F_USED);
  out.freeFrames = out.totalFrames - out.usedFrames;
  out.largestFree = frameLargestFree(f);
  out.liveAllocations = rdWord(f + F_LIVE);
  out.totalAllocations = rdWord(f + F_ALLOCS);
  out.totalFrees = rdWord(f + F_FREES);
  out.freeBlocks = rdWord(f + F_FREE_BLOCKS);
}

/**
 * Walks the frame states and the free lists and panics
 * `frame allocator corruption: ...` at the first inconsistency (blocks that
 * do not tile the range, a misaligned block, a free block missing from its
 * list, two free buddies of the same order left unmerged, counters that
 * disagree). Returns the number of blocks (free and allocated pieces).
 * O(frames); meant for tests and debugging commands.
 */
export function frameCheck(f: number): number {
  checkCtl(f);
  const first = rdWord(f + F_FIRST);
  const end = rdWord(f + F_END);
  for (let a = f; a < first; a += FRAME_SIZE) {
    if (stateAt(f, a) !== STATE_RESERVED) corrupt(f, 'metadata frame not reserved', a);
  }
  let a = first;
  let blocks = 0;
  let freeBlocks = 0;
  let used = 0;
  let live = 0;
  while (a < end) {
    const s = stateAt(f, a);
    if ((s & HEAD) === 0) corrupt(f, 'frame outside any block', a);
    const o = s & ORDER_MASK;
    if (o > MAX_ORDER || a % blockBytes(o) !== 0 || a + blockBytes(o) > end) corrupt(f, 'misplaced block', a);
    for (let i = 1; i < 1 << o; i++) {
      if (stateAt(f, a + i * FRAME_SIZE) !== STATE_INTERIOR) corrupt(f, 'block overlaps another', a);
    }
    if ((s & ALLOC) !== 0) {
      used += 1 << o;
      if ((s & START) !== 0) live++;
    } else {
      if ((s & START) !== 0 || !isFreeBlock(f, a, o)) corrupt(f, 'damaged free block', a);
      const sz = blockBytes(o);
      const buddy = a % (2 * sz) === 0 ? a + sz : a - sz;
      if (o < MAX_ORDER && buddy >= first && buddy + sz <= end && stateAt(f, buddy) === (HEAD | o)) corrupt(f, 'free buddies not merged', a);
      freeBlocks++;
    }
    blocks++;
    a += blockBytes(o);
  }
  let listed = 0;
  let orderMap = 0;
  for (let o = 0; o <= MAX_ORDER; o++) {
    let p = rdWord(headAddr(f, o));
    let back = 0;
    if (p !== 0) orderMap = orderMap | (1 << o);
    while (p !== 0) {
      if (!isFreeBlock(f, p, o) || rdWord(p + 8) !== back) corrupt(f, 'damaged free-list link of the block', p);
      listed++;
      if (listed > freeBlocks) corrupt(f, 'free lists hold more blocks than the range', p);
      back = p;
      p = rdWord(p);
    }
  }
  if (load32(f + F_ORDER_MAP) !== orderMap >>> 0) corrupt(f, 'order bitmap disagrees with the lists', f);
  if (listed !== freeBlocks || rdWord(f + F_FREE_BLOCKS) !== freeBlocks) corrupt(f, 'free block count disagrees with the lists', f);
  if (rdWord(f + F_USED) !== used || rdWord(f + F_LIVE) !== live) corrupt(f, 'usage counters disagree with the blocks', f);
  return blocks;
}

/**
 * A frame allocator over [base, base + size) with its metadata inside the
 * range. The object is only a handle (the control block address); the
 * functions above are the same allocator without any object.
 */
export class FrameAllocator {
  /** Address of the control block (the first frame of the range). */
  readonly ctl: number;

  constructor(base: number, size: number) {
    this.ctl = frameInit(base, size);
  }

  /** `count` frames aligned to `alignFrames` frames (a power of two), or 0. */
  alloc(count: number, alignFrames: number): number {
    return frameAlloc(this.ctl, count, alignFrames);
  }

  /** Frees `count` frames at `addr`, exactly as allocated; panics on a double or invalid free. */
  free(addr: number, count: number): void {
    frameFree(this.ctl, addr, count);
  }

  /** Frames in the largest free block. */
  largestFree(): number {
    return frameLargestFree(this.ctl);
  }

  /** A new statistics snapshot (allocated with `new`; see readStats to reuse one). */
  stats(): FrameStats {
    const s = new FrameStats();
    frameReadStats(this.ctl, s);
    return s;
  }

  /** Fills `out` with the current statistics. */
  readStats(out: FrameStats): void {
    frameReadStats(this.ctl, out);
  }

  /** Full consistency walk; panics on corruption; returns the number of blocks. */
  check(): number {
    return frameCheck(this.ctl);
  }
}
