/**
 * The kernel heap: a TLSF allocator (two-level segregated fit, Masmano et
 * al. 2004) over one range of memory, with all its metadata inside that
 * range. Allocation and free are O(1): a request maps to a size class with a
 * few shifts, two bitmap scans find the smallest non-empty class that is
 * guaranteed to fit, and freeing coalesces with both physical neighbours at
 * once, so no two free blocks are ever adjacent.
 *
 * Layout of the range [base, base + size):
 *
 *   ctl = base rounded up to 16: the control block (CTL_BYTES = 4096)
 *     +0    u32  CTL_MAGIC
 *     +8    u64  start of the first block (ctl + 4096)
 *     +16   u64  end of the last block (base + size rounded down to 16)
 *     +24   u64  used: bytes in allocated blocks, headers and padding included
 *     +32   u64  live allocations
 *     +40   u64  allocations ever
 *     +48   u64  frees ever
 *     +56   u64  free blocks
 *     +64   u32  first-level bitmap (bit fl: some list fl.* is non-empty)
 *     +68   u32  second-level bitmaps, FL_COUNT of them
 *     +192  u64  free-list heads, FL_COUNT * SL_COUNT of them
 *     +3904      scratch for panic messages (192 bytes)
 *   then blocks tiling [start, end) exactly.
 *
 * Every block starts with a 16-byte header, so payloads are 16-aligned:
 *
 *   +0  u32 state: BLOCK_USED or BLOCK_FREE
 *   +4  u32 check: state ^ units ^ prevUnits ^ CHECK_SALT
 *   +8  u32 units: block size / 16 (header included)
 *   +12 u32 prevUnits: size / 16 of the block physically before (0 for the first)
 *
 * A free block also holds its list links: +16 u64 next, +24 u64 previous
 * (0 = none), so the smallest block is 32 bytes. A header whose state word
 * or check word is wrong, whose size leaves the heap, or that disagrees with
 * its neighbours (next.prevUnits, prev.units) is reported as heap corruption
 * instead of being followed. Freed headers keep their BLOCK_FREE stamp when
 * they are absorbed into a neighbour, so freeing the same address again is
 * named a double free even after coalescing.
 *
 * Size classes, in units of 16 bytes: below 16 units one class per unit
 * (fl 0); above, fl = floor(log2 units) - 3 and the next SL_LOG2 bits select
 * one of 16 second-level classes. Block sizes are u32 units, so a heap holds
 * at most 64 GiB.
 */
import { clz32, ctz32, idiv, load32, panic, store32 } from '@unishyper/rt';
import { msgBegin, msgHex, msgNum, msgStr, msgText } from './message.js';
import { addWord, isPow2, rdWord, roundDown, roundUp, wrWord } from './word.js';

/** Bytes of the control block at the start of the range. */
export const HEAP_CTL_BYTES = 4096;
/** Bytes of a block header (payloads follow it, 16-aligned). */
export const HEAP_HEADER_BYTES = 16;
/** Smallest block: a header and the two free-list links. */
export const HEAP_MIN_BLOCK = 32;
/** Largest alignment `alloc` accepts. */
export const HEAP_MAX_ALIGN = 4096;

const HDR = 16;
const MIN_BLOCK = 32;
const MAX_UNITS = 0xffff_ffff;

const CTL_MAGIC = 0x4653_4c54; // "TLSF" in memory
const C_MAGIC = 0;
const C_START = 8;
const C_END = 16;
const C_USED = 24;
const C_LIVE = 32;
const C_ALLOCS = 40;
const C_FREES = 48;
const C_FREE_BLOCKS = 56;
const C_FL_MAP = 64;
const C_SL_MAP = 68;
const C_HEADS = 192;
const C_MSG = 3904;
const MSG_BYTES = 192;

const SL_LOG2 = 4;
const SL_COUNT = 16;
const FL_COUNT = 29;

const BLOCK_USED = 0xa110_c8ed;
const BLOCK_FREE = 0xf4ee_b10c;
const CHECK_SALT = 0x5a3c_96e1;

// ---- block headers ------------------------------------------------------------

function stateOf(b: number): number {
  return load32(b);
}

function sizeOf(b: number): number {
  return load32(b + 8) * 16;
}

function prevSizeOf(b: number): number {
  return load32(b + 12) * 16;
}

function checkWord(state: number, units: number, prevUnits: number): number {
  return (state ^ units ^ prevUnits ^ CHECK_SALT) >>> 0;
}

function writeHeader(b: number, state: number, size: number, prevSize: number): void {
  const units = idiv(size, 16);
  const prevUnits = idiv(prevSize, 16);
  store32(b, state);
  store32(b + 4, checkWord(state, units, prevUnits));
  store32(b + 8, units);
  store32(b + 12, prevUnits);
}

/** Whether the state and check words of the header at `b` agree. */
function headerIntact(b: number): boolean {
  const state = load32(b);
  if (state !== BLOCK_USED && state !== BLOCK_FREE) return false;
  return load32(b + 4) === checkWord(state, load32(b + 8), load32(b + 12));
}

function corrupt(h: number, what: string, b: number): never {
  msgBegin(h + C_MSG, MSG_BYTES, 'heap corruption: ');
  msgStr(what);
  msgStr(' at ');
  msgHex(b);
  panic(msgText());
}

/** Checks the header at `b` (a block that must exist): intact, inside the heap, consistent with its predecessor. */
function verify(h: number, b: number): void {
  const start = rdWord(h + C_START);
  const end = rdWord(h + C_END);
  if (!headerIntact(b)) corrupt(h, 'damaged block header', b);
  const size = sizeOf(b);
  const prev = prevSizeOf(b);
  if (size < MIN_BLOCK || b + size > end) corrupt(h, 'block size out of range', b);
  if (b === start ? prev !== 0 : prev < MIN_BLOCK || b - prev < start) corrupt(h, 'previous-block size out of range', b);
}

/** Records `prevSize` in the header of the block at `nb`, if `nb` is not the end of the heap. */
function setPrevSize(h: number, nb: number, prevSize: number): void {
  if (nb >= rdWord(h + C_END)) return;
  verify(h, nb);
  writeHeader(nb, stateOf(nb), sizeOf(nb), prevSize);
}

// ---- size classes ---------------------------------------------------------------

/** The class (fl * SL_COUNT + sl) a block of `units` units is filed under. */
function classOf(units: number): number {
  if (units < SL_COUNT) return units;
  const f = 31 - clz32(units);
  const sl = (units >>> (f - SL_LOG2)) - SL_COUNT;
  return (f - SL_LOG2 + 1) * SL_COUNT + sl;
}

/** The smallest class whose every block has at least `units` units, or -1. */
function searchClassOf(units: number): number {
  if (units > MAX_UNITS) return -1;
  if (units < SL_COUNT) return units;
  const f = 31 - clz32(units);
  const r = units + (1 << (f - SL_LOG2)) - 1;
  if (r > MAX_UNITS) return -1;
  return classOf(r);
}

function headAddr(h: number, cls: number): number {
  return h + C_HEADS + cls * 8;
}

function slMapAddr(h: number, fl: number): number {
  return h + C_SL_MAP + fl * 4;
}

/** A class >= `cls` with a non-empty list, or -1. */
function nonEmptyClassFrom(h: number, cls: number): number {
  let fl = cls >>> SL_LOG2;
  let slMap = load32(slMapAddr(h, fl)) & (-1 << (cls & (SL_COUNT - 1)));
  if (slMap === 0) {
    if (fl + 1 >= FL_COUNT) return -1;
    const flMap = load32(h + C_FL_MAP) & (-1 << (fl + 1));
    if (flMap === 0) return -1;
    fl = ctz32(flMap);
    slMap = load32(slMapAddr(h, fl));
  }
  return fl * SL_COUNT + ctz32(slMap);
}

// ---- free lists -------------------------------------------------------------------

function insertFree(h: number, b: number, size: number): void {
  const cls = classOf(idiv(size, 16));
  const head = rdWord(headAddr(h, cls));
  wrWord(b + 16, head);
  wrWord(b + 24, 0);
  if (head !== 0) wrWord(head + 24, b);
  wrWord(headAddr(h, cls), b);
  const fl = cls >>> SL_LOG2;
  store32(h + C_FL_MAP, load32(h + C_FL_MAP) | (1 << fl));
  store32(slMapAddr(h, fl), load32(slMapAddr(h, fl)) | (1 << (cls & (SL_COUNT - 1))));
  addWord(h + C_FREE_BLOCKS, 1);
}

/** A free-list link must be 0 or an intact free block inside the heap. */
function checkLink(h: number, b: number, link: number): void {
  if (link === 0) return;
  if (link < rdWord(h + C_START) || link >= rdWord(h + C_END) || link % 16 !== 0 || stateOf(link) !== BLOCK_FREE || !headerIntact(link)) {
    corrupt(h, 'damaged free-list link of the block', b);
  }
}

/** Checks that the free block `b` is linked both ways into the list of its class. */
function checkFreeLinks(h: number, b: number, size: number): void {
  const cls = classOf(idiv(size, 16));
  const next = rdWord(b + 16);
  const prev = rdWord(b + 24);
  checkLink(h, b, next);
  checkLink(h, b, prev);
  if (prev === 0 ? rdWord(headAddr(h, cls)) !== b : rdWord(prev + 16) !== b) corrupt(h, 'damaged free-list link of the block', b);
  if (next !== 0 && rdWord(next + 24) !== b) corrupt(h, 'damaged free-list link of the block', b);
}

function removeFree(h: number, b: number, size: number): void {
  checkFreeLinks(h, b, size);
  const cls = classOf(idiv(size, 16));
  const next = rdWord(b + 16);
  const prev = rdWord(b + 24);
  if (prev === 0) wrWord(headAddr(h, cls), next);
  else wrWord(prev + 16, next);
  if (next !== 0) wrWord(next + 24, prev);
  if (next === 0 && prev === 0) {
    const fl = cls >>> SL_LOG2;
    const sl = load32(slMapAddr(h, fl)) & ~(1 << (cls & (SL_COUNT - 1)));
    store32(slMapAddr(h, fl), sl);
    if (sl === 0) store32(h + C_FL_MAP, load32(h + C_FL_MAP) & ~(1 << fl));
  }
  addWord(h + C_FREE_BLOCKS, -1);
}

// ---- the heap -------------------------------------------------------------------------

/**
 * Makes [base, base + size) a heap: the control block at its start, the rest
 * one free block. Returns the control block's address, which the other
 * functions take. Needs no heap itself.
 */
export function heapInit(base: number, size: number): number {
  if (base <= 0 || size <= 0) panic('heap range must have a positive base and size');
  const h = roundUp(base, 16);
  const start = h + HEAP_CTL_BYTES;
  const end = roundDown(base + size, 16);
  if (end - start < MIN_BLOCK) panic('heap range too small: it needs at least 4128 bytes');
  if (end - start > MAX_UNITS * 16) panic('heap range too large: at most 64 GiB');
  for (let i = 0; i < C_MSG; i += 8) wrWord(h + i, 0);
  store32(h + C_MAGIC, CTL_MAGIC);
  wrWord(h + C_START, start);
  wrWord(h + C_END, end);
  writeHeader(start, BLOCK_FREE, end - start, 0);
  insertFree(h, start, end - start);
  return h;
}

function checkCtl(h: number): void {
  if (h === 0 || load32(h + C_MAGIC) !== CTL_MAGIC) panic('not a heap control block');
}

/** The payload address for a block at `b` holding an `a`-aligned payload (leading gap 0 or >= MIN_BLOCK). */
function payloadIn(b: number, a: number): number {
  let p = roundUp(b + HDR, a);
  if (p - HDR - b !== 0 && p - HDR - b < MIN_BLOCK) p = roundUp(b + HDR + MIN_BLOCK, a);
  return p;
}

/** Allocates `payload` bytes at `p` out of the free block `b`; splits off the gap before and the tail after. */
function carve(h: number, b: number, p: number, payload: number): number {
  const bsize = sizeOf(b);
  // Everything that will be read is checked before anything is written.
  if (b + bsize < rdWord(h + C_END)) verify(h, b + bsize);
  removeFree(h, b, bsize);
  const start = p - HDR;
  let prevSize = prevSizeOf(b);
  if (start > b) {
    writeHeader(b, BLOCK_FREE, start - b, prevSize);
    insertFree(h, b, start - b);
    prevSize = start - b;
  }
  const blockEnd = b + bsize;
  let used = blockEnd - start;
  if (blockEnd - (p + payload) >= MIN_BLOCK) {
    const tail = p + payload;
    used = tail - start;
    writeHeader(tail, BLOCK_FREE, blockEnd - tail, used);
    insertFree(h, tail, blockEnd - tail);
    setPrevSize(h, blockEnd, blockEnd - tail);
  } else {
    setPrevSize(h, blockEnd, used);
  }
  writeHeader(start, BLOCK_USED, used, prevSize);
  addWord(h + C_USED, used);
  addWord(h + C_LIVE, 1);
  addWord(h + C_ALLOCS, 1);
  return p;
}

function checkAlign(h: number, align: number): void {
  if (!isPow2(align) || align > HEAP_MAX_ALIGN) {
    msgBegin(h + C_MSG, MSG_BYTES, 'invalid alignment ');
    msgNum(align);
    msgStr(' (a power of two up to 4096)');
    panic(msgText());
  }
}

/**
 * `size` bytes aligned to `align` (a power of two up to 4096; payloads are at
 * least 16-aligned), or 0 when no free block can hold them. A negative size
 * or a bad alignment panics.
 */
export function heapTryAlloc(h: number, size: number, align: number): number {
  checkCtl(h);
  if (size < 0) {
    msgBegin(h + C_MSG, MSG_BYTES, 'invalid allocation size ');
    msgNum(size);
    panic(msgText());
  }
  checkAlign(h, align);
  const start = rdWord(h + C_START);
  const end = rdWord(h + C_END);
  if (size > end - start) return 0;
  const a = align < 16 ? 16 : align;
  const payload = size < 16 ? 16 : roundUp(size, 16);
  const need = payload + HDR;
  if (need > end - start) return 0;
  // O(1): the smallest non-empty class whose blocks all fit even the worst alignment gap.
  const want = a === 16 ? need : need + a + 16;
  const cls = searchClassOf(idiv(want, 16));
  if (cls >= 0) {
    const c = nonEmptyClassFrom(h, cls);
    if (c >= 0) {
      const b = rdWord(headAddr(h, c));
      verify(h, b);
      if (stateOf(b) !== BLOCK_FREE) corrupt(h, 'used block on a free list', b);
      return carve(h, b, payloadIn(b, a), payload);
    }
  }
  // Exhaustion path: before failing, look at every free block that might still
  // fit (smaller classes, exact alignment), so 0 means nothing fits at all.
  let c = nonEmptyClassFrom(h, classOf(idiv(need, 16)));
  while (c >= 0) {
    let b = rdWord(headAddr(h, c));
    while (b !== 0) {
      verify(h, b);
      const p = payloadIn(b, a);
      if (p + payload <= b + sizeOf(b)) return carve(h, b, p, payload);
      b = rdWord(b + 16);
    }
    if (c + 1 >= FL_COUNT * SL_COUNT) break;
    c = nonEmptyClassFrom(h, c + 1);
  }
  return 0;
}

/**
 * Like heapTryAlloc, but never returns 0: exhaustion panics
 * `out of memory: <size> bytes (align <align>), largest free block <n>`.
 */
export function heapAlloc(h: number, size: number, align: number): number {
  const p = heapTryAlloc(h, size, align);
  if (p === 0) {
    const largest = heapLargestFree(h);
    msgBegin(h + C_MSG, MSG_BYTES, 'out of memory: ');
    msgNum(size);
    msgStr(' bytes (align ');
    msgNum(align);
    msgStr('), largest free block ');
    msgNum(largest);
    panic(msgText());
  }
  return p;
}

function badFree(h: number, addr: number, why: string): never {
  msgBegin(h + C_MSG, MSG_BYTES, 'invalid free of ');
  msgHex(addr);
  msgStr(': ');
  msgStr(why);
  panic(msgText());
}

/**
 * `addr` has no block header: walk the blocks (this path ends in a panic, so
 * O(blocks) is fine) to tell a pointer into the middle of a block from a
 * header that was overwritten, which the walk reports as corruption.
 */
function diagnoseFree(h: number, addr: number): never {
  const end = rdWord(h + C_END);
  let b = rdWord(h + C_START);
  while (b < end) {
    verify(h, b);
    if (addr < b + sizeOf(b)) break;
    b += sizeOf(b);
  }
  badFree(h, addr, 'not the start of an allocated block');
}

/**
 * Returns the block at `addr` (a payload address from heapAlloc/heapTryAlloc)
 * and coalesces it with free neighbours. Panics `double free of <addr>`,
 * `invalid free of <addr>: ...`, or `heap corruption: ...`.
 */
export function heapFree(h: number, addr: number): void {
  checkCtl(h);
  const start = rdWord(h + C_START);
  const end = rdWord(h + C_END);
  if (addr < start + HDR || addr >= end || addr % 16 !== 0) badFree(h, addr, 'not an address in this heap');
  const b = addr - HDR;
  const state = stateOf(b);
  if (state !== BLOCK_USED && state !== BLOCK_FREE) diagnoseFree(h, addr);
  if (!headerIntact(b)) corrupt(h, 'damaged block header', b);
  if (state === BLOCK_FREE) {
    msgBegin(h + C_MSG, MSG_BYTES, 'double free of ');
    msgHex(addr);
    panic(msgText());
  }
  verify(h, b);
  const size = sizeOf(b);
  const prevSize = prevSizeOf(b);
  // Check the neighbours (and the block after a free next one) before writing anything.
  const next = b + size;
  let nextSize = 0;
  if (next < end) {
    verify(h, next);
    if (prevSizeOf(next) !== size) corrupt(h, 'block size disagrees with the next block', b);
    if (stateOf(next) === BLOCK_FREE) {
      nextSize = sizeOf(next);
      checkFreeLinks(h, next, nextSize);
      if (next + nextSize < end) verify(h, next + nextSize);
    }
  }
  const prev = b - prevSize;
  let prevFree = false;
  if (b !== start) {
    verify(h, prev);
    if (sizeOf(prev) !== prevSize) corrupt(h, 'previous-block size disagrees with that block', b);
    if (stateOf(prev) === BLOCK_FREE) {
      prevFree = true;
      checkFreeLinks(h, prev, prevSize);
    }
  }
  let first = b;
  let total = size;
  let firstPrev = prevSize;
  if (nextSize !== 0) {
    removeFree(h, next, nextSize);
    total += nextSize;
  }
  if (prevFree) {
    removeFree(h, prev, prevSize);
    first = prev;
    total += prevSize;
    firstPrev = prevSizeOf(prev);
  }
  // The stamp stays behind if the block is absorbed: a second free says "double free".
  writeHeader(b, BLOCK_FREE, size, prevSize);
  writeHeader(first, BLOCK_FREE, total, firstPrev);
  insertFree(h, first, total);
  setPrevSize(h, first + total, total);
  addWord(h + C_USED, -size);
  addWord(h + C_LIVE, -1);
  addWord(h + C_FREES, 1);
}

/** The largest `size` that heapAlloc(size, 16) would satisfy now (0 when nothing is free). */
export function heapLargestFree(h: number): number {
  checkCtl(h);
  const flMap = load32(h + C_FL_MAP);
  if (flMap === 0) return 0;
  const fl = 31 - clz32(flMap);
  const sl = 31 - clz32(load32(slMapAddr(h, fl)));
  let best = 0;
  let b = rdWord(headAddr(h, fl * SL_COUNT + sl));
  while (b !== 0) {
    verify(h, b);
    if (sizeOf(b) > best) best = sizeOf(b);
    b = rdWord(b + 16);
  }
  return best - HDR;
}

/**
 * Heap statistics. All sizes are in bytes.
 *
 * - `total`: bytes in blocks (the range minus the control block and the
 *   rounding of its ends); `used + free === total` always.
 * - `used`: bytes in allocated blocks, headers and alignment padding included.
 * - `free`: bytes in free blocks, headers included.
 * - `largestFree`: the largest `size` that `alloc(size, 16)` satisfies now.
 * - `liveAllocations`: allocations not yet freed.
 * - `totalAllocations`, `totalFrees`: successful calls since initialisation.
 * - `freeBlocks`: number of free blocks (1 for an empty heap; fragmentation
 *   shows as many free blocks with a small `largestFree`).
 */
export class HeapStats {
  total = 0;
  used = 0;
  free = 0;
  largestFree = 0;
  liveAllocations = 0;
  totalAllocations = 0;
  totalFrees = 0;
  freeBlocks = 0;
}

/** Fills `out` with the statistics of the heap `h` (allocates nothing). */
export function heapReadStats(h: number, out: HeapStats): void {
  checkCtl(h);
  out.total = rdWord(h + C_END) - rdWord(h + C_START);
  out.used = rdWord(h + C_USED);
  out.free = out.total - out.used;
  out.largestFree = heapLargestFree(h);
  out.liveAllocations = rdWord(h + C_LIVE);
  out.totalAllocations = rdWord(h + C_ALLOCS);
  out.totalFrees = rdWord(h + C_FREES);
  out.freeBlocks = rdWord(h + C_FREE_BLOCKS);
}

/**
 * Walks every block and every free list and panics `heap corruption: ...`
 * at the first inconsistency: a bad header, blocks that do not tile the
 * heap, two adjacent free blocks, a free block missing from its list or
 * filed in the wrong class, bitmaps that disagree with the lists, or
 * counters that disagree with the blocks. Returns the number of blocks.
 * O(blocks); meant for tests and debugging commands.
 */
export function heapCheck(h: number): number {
  checkCtl(h);
  const start = rdWord(h + C_START);
  const end = rdWord(h + C_END);
  let b = start;
  let prevSize = 0;
  let prevFree = false;
  let blocks = 0;
  let used = 0;
  let live = 0;
  let freeBlocks = 0;
  while (b < end) {
    verify(h, b);
    if (prevSizeOf(b) !== prevSize) corrupt(h, 'previous-block size disagrees with that block', b);
    const free = stateOf(b) === BLOCK_FREE;
    if (free && prevFree) corrupt(h, 'two adjacent free blocks', b);
    if (free) freeBlocks++;
    else {
      used += sizeOf(b);
      live++;
    }
    prevFree = free;
    prevSize = sizeOf(b);
    blocks++;
    b += sizeOf(b);
  }
  if (b !== end) corrupt(h, 'blocks overrun the end of the heap', b);
  let listed = 0;
  let flExpect = 0;
  for (let fl = 0; fl < FL_COUNT; fl++) {
    let slExpect = 0;
    for (let sl = 0; sl < SL_COUNT; sl++) {
      const cls = fl * SL_COUNT + sl;
      let p = rdWord(headAddr(h, cls));
      let back = 0;
      if (p !== 0) slExpect = slExpect | (1 << sl);
      while (p !== 0) {
        checkLink(h, p, p);
        if (rdWord(p + 24) !== back) corrupt(h, 'damaged free-list link of the block', p);
        if (classOf(idiv(sizeOf(p), 16)) !== cls) corrupt(h, 'free block filed in the wrong size class', p);
        listed++;
        if (listed > freeBlocks) corrupt(h, 'free lists hold more blocks than the heap', p);
        back = p;
        p = rdWord(p + 16);
      }
    }
    if (load32(slMapAddr(h, fl)) !== slExpect) corrupt(h, 'second-level bitmap disagrees with the lists', h);
    if (slExpect !== 0) flExpect = flExpect | (1 << fl);
  }
  if (load32(h + C_FL_MAP) !== flExpect) corrupt(h, 'first-level bitmap disagrees with the lists', h);
  if (listed !== freeBlocks || rdWord(h + C_FREE_BLOCKS) !== freeBlocks) corrupt(h, 'free block count disagrees with the lists', h);
  if (rdWord(h + C_USED) !== used || rdWord(h + C_LIVE) !== live) corrupt(h, 'usage counters disagree with the blocks', h);
  return blocks;
}

/**
 * A heap over [base, base + size) with its metadata inside the range. The
 * object is only a handle (the control block address); the functions above
 * are the same allocator without any object, for code that runs before a
 * heap exists.
 */
export class Heap {
  /** Address of the control block (the start of the range, rounded up to 16). */
  readonly ctl: number;

  constructor(base: number, size: number) {
    this.ctl = heapInit(base, size);
  }

  /** `size` bytes aligned to `align` (power of two <= 4096); panics `out of memory: ...` on exhaustion. */
  alloc(size: number, align: number): number {
    return heapAlloc(this.ctl, size, align);
  }

  /** Like `alloc`, but 0 on exhaustion. */
  tryAlloc(size: number, align: number): number {
    return heapTryAlloc(this.ctl, size, align);
  }

  /** Frees a payload address; panics on a double or invalid free. */
  free(addr: number): void {
    heapFree(this.ctl, addr);
  }

  /** The largest `size` that `alloc(size, 16)` satisfies now. */
  largestFree(): number {
    return heapLargestFree(this.ctl);
  }

  /** A new statistics snapshot (allocated with `new`; see readStats to reuse one). */
  stats(): HeapStats {
    const s = new HeapStats();
    heapReadStats(this.ctl, s);
    return s;
  }

  /** Fills `out` with the current statistics. */
  readStats(out: HeapStats): void {
    heapReadStats(this.ctl, out);
  }

  /** Full consistency walk; panics on corruption; returns the number of blocks. */
  check(): number {
    return heapCheck(this.ctl);
  }
}
