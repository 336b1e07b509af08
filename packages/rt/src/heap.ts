/**
 * The kernel heap: `allocBytes`/`freeBytes` over a window of simulated RAM.
 *
 * Same algorithm, block layout and panics as `rt_alloc`/`rt_free` in
 * native/heap.h, so a sequence of calls yields the same offsets from the heap
 * base in both worlds. The heap is an address-ordered sequence of blocks
 * covering the whole window; each block starts with a 16-byte header
 *
 *   +0  u64 block size in bytes (header included, a multiple of 16, >= 32)
 *   +8  u32 tag: TAG_USED or TAG_FREE
 *   +12 u32 zero
 *
 * and the payload follows at +16, so payloads are 16-aligned. Invariants: the
 * blocks tile the window exactly, and no two free blocks are adjacent
 * (freeing coalesces with both neighbours). Allocation is first fit; a fit
 * leaves a free block in front of the payload only when alignment needs a gap
 * of at least 32 bytes, and splits off the tail when 32 bytes or more remain.
 * Free walks from the start, so it knows exactly whether an address is a live
 * payload: anything else panics.
 */
import { ramDataView, ramWindow } from './bus.js';
import { formatHex } from './format.js';
import { panic } from './panic.js';

const HEADER = 16;
const MIN_BLOCK = 32;
const TAG_USED = 0x44455355; // "USED" in memory
const TAG_FREE = 0x45455246; // "FREE" in memory
/** Largest alignment `allocBytes` accepts (2^30). */
export const MAX_ALIGN = 0x4000_0000;

let heapBase = 0;
let heapEnd = 0;
/** Live payload address -> requested size, for statistics and leak reports. */
let live = new Map<number, number>();
let allocCount = 0;
let freeCount = 0;

function roundUp(x: number, a: number): number {
  const r = x % a;
  return r === 0 ? x : x + (a - r);
}

function sizeOf(b: number): number {
  const v = ramDataView();
  const off = b - ramWindow().base;
  return v.getUint32(off, true) + v.getUint32(off + 4, true) * 0x1_0000_0000;
}

function tagOf(b: number): number {
  return ramDataView().getUint32(b - ramWindow().base + 8, true);
}

function writeHeader(b: number, size: number, tag: number): void {
  const v = ramDataView();
  const off = b - ramWindow().base;
  v.setUint32(off, size % 0x1_0000_0000, true);
  v.setUint32(off + 4, Math.floor(size / 0x1_0000_0000), true);
  v.setUint32(off + 8, tag, true);
  v.setUint32(off + 12, 0, true);
}

/** Size of the block at `b`, after checking its header is sane. */
function checkedSize(b: number): number {
  const size = sizeOf(b);
  const tag = tagOf(b);
  if ((tag !== TAG_USED && tag !== TAG_FREE) || size < MIN_BLOCK || size % 16 !== 0 || b + size > heapEnd) {
    panic(`heap corruption at ${formatHex(b)}`);
  }
  return size;
}

/** Makes `[base, base + size)` (inside RAM) one free block. */
export function resetHeap(base: number, size: number): void {
  const ram = ramWindow();
  if (!Number.isSafeInteger(base) || !Number.isSafeInteger(size) || base % 16 !== 0 || size % 16 !== 0) {
    throw new RangeError('heap window must be 16-byte aligned and a multiple of 16 bytes');
  }
  if (size < MIN_BLOCK || base < ram.base || base + size > ram.base + ram.size) {
    throw new RangeError(`heap window ${formatHex(base)} + ${size} is not inside RAM`);
  }
  heapBase = base;
  heapEnd = base + size;
  writeHeader(base, size, TAG_FREE);
  live = new Map();
  allocCount = 0;
  freeCount = 0;
}

/**
 * `size` bytes aligned to `align` (a power of two up to 2^30; payloads are
 * always at least 16-aligned). Never returns 0; panics `out of memory`.
 */
export function allocBytes(size: number, align: number): number {
  if (!Number.isSafeInteger(size) || size < 0) panic(`invalid allocation size ${size}`);
  if (!Number.isSafeInteger(align) || align < 1 || align > MAX_ALIGN || (align & (align - 1)) !== 0) {
    panic(`invalid alignment ${align}`);
  }
  if (size > heapEnd - heapBase) panic('out of memory');
  const a = align < 16 ? 16 : align;
  const payload = roundUp(size === 0 ? 1 : size, 16);
  let b = heapBase;
  while (b < heapEnd) {
    const bs = checkedSize(b);
    if (tagOf(b) === TAG_FREE) {
      let p = roundUp(b + HEADER, a);
      if (p - HEADER - b !== 0 && p - HEADER - b < MIN_BLOCK) p = roundUp(b + HEADER + MIN_BLOCK, a);
      const start = p - HEADER;
      const end = p + payload;
      if (end <= b + bs) {
        if (start > b) writeHeader(b, start - b, TAG_FREE);
        let blockEnd = b + bs;
        if (b + bs - end >= MIN_BLOCK) {
          writeHeader(end, b + bs - end, TAG_FREE);
          blockEnd = end;
        }
        writeHeader(start, blockEnd - start, TAG_USED);
        live.set(p, size);
        allocCount++;
        return p;
      }
    }
    b += bs;
  }
  return panic('out of memory');
}

/** Returns a block from `allocBytes`; anything else panics. */
export function freeBytes(addr: number): void {
  let prev = -1;
  let b = heapBase;
  while (b < heapEnd && b <= addr) {
    const bs = checkedSize(b);
    if (addr < b + bs) {
      const tag = tagOf(b);
      if (tag === TAG_FREE && addr % 16 === 0) panic(`double free of ${formatHex(addr)}`);
      if (tag === TAG_FREE || addr !== b + HEADER) break;
      let start = b;
      let size = bs;
      if (b + bs < heapEnd && tagOf(b + bs) === TAG_FREE) size += checkedSize(b + bs);
      if (prev >= 0 && tagOf(prev) === TAG_FREE) {
        start = prev;
        size += b - prev;
      }
      writeHeader(b, bs, TAG_FREE);
      writeHeader(start, size, TAG_FREE);
      live.delete(addr);
      freeCount++;
      return;
    }
    prev = b;
    b += bs;
  }
  panic(`invalid free of ${Number.isSafeInteger(addr) ? formatHex(addr) : String(addr)}`);
}

/** Heap statistics, for leak checks. */
export interface HeapStats {
  /** Allocations not yet freed. */
  readonly liveAllocations: number;
  /** Sum of the sizes requested by the live allocations. */
  readonly liveBytes: number;
  /** Bytes in free blocks, headers included. */
  readonly freeBytes: number;
  /** Size of the largest free block, header included. */
  readonly largestFreeBlock: number;
  readonly totalAllocations: number;
  readonly totalFrees: number;
  readonly heapBase: number;
  readonly heapSize: number;
}

export function heapStats(): HeapStats {
  let liveBytes = 0;
  for (const s of live.values()) liveBytes += s;
  let free = 0;
  let largest = 0;
  for (let b = heapBase; b < heapEnd; ) {
    const bs = checkedSize(b);
    if (tagOf(b) === TAG_FREE) {
      free += bs;
      if (bs > largest) largest = bs;
    }
    b += bs;
  }
  return {
    liveAllocations: live.size,
    liveBytes,
    freeBytes: free,
    largestFreeBlock: largest,
    totalAllocations: allocCount,
    totalFrees: freeCount,
    heapBase,
    heapSize: heapEnd - heapBase,
  };
}

/** The live allocations in address order. */
export function liveAllocations(): Array<{ addr: number; size: number }> {
  return [...live.entries()].sort((x, y) => x[0] - y[0]).map(([addr, size]) => ({ addr, size }));
}

/** The default heap: the upper three quarters of the default RAM. */
export function defaultHeapWindow(ramBase: number, ramSize: number): { base: number; size: number } {
  const low = Math.floor(ramSize / 4 / 16) * 16;
  return { base: ramBase + low, size: Math.floor((ramSize - low) / 16) * 16 };
}

{
  const ram = ramWindow();
  const w = defaultHeapWindow(ram.base, ram.size);
  resetHeap(w.base, w.size);
}
