// The mm package as a dialect program: the same random workloads on the
// heap and the frame allocator, run natively (gcc, clang, host sanitizers)
// and under Node, must print the same lines. Addresses are printed as
// offsets from the range base (the bases differ between the two worlds);
// the final deliberate double free panics with an absolute address, which
// the test masks.
import { allocBytes, FixedArray, kprint, load8, mulu32, release, store8, u32 } from '@unishyper/rt';
import {
  checkKernelHeap, FRAME_SIZE, FrameAllocator, FrameStats, Heap, HeapStats, initKernelHeap, kernelHeapReady,
  kernelHeapStats, mmHeapAlloc, mmHeapFree, readKernelHeapStats,
} from '../../src/index';

const SIZES: readonly number[] = [0, 1, 7, 16, 24, 33, 64, 100, 128, 255, 256, 512, 1000, 2048, 4000, 4096, 9000, 20000];
const ALIGNS: readonly number[] = [1, 8, 16, 16, 16, 32, 64, 256, 1024, 4096];

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

function patternByte(tag: number, i: number): number {
  return (tag * 31 + i * 7) & 0xff;
}

/** Marks the first 48 and the last 16 bytes of [p, p + n). */
function mark(p: number, n: number, tag: number): void {
  for (let i = 0; i < n && i < 48; i++) store8(p + i, patternByte(tag, i));
  for (let i = n - 16 > 48 ? n - 16 : 48; i < n; i++) store8(p + i, patternByte(tag, i));
}

function marked(p: number, n: number, tag: number): boolean {
  for (let i = 0; i < n && i < 48; i++) if (load8(p + i) !== patternByte(tag, i)) return false;
  for (let i = n - 16 > 48 ? n - 16 : 48; i < n; i++) if (load8(p + i) !== patternByte(tag, i)) return false;
  return true;
}

function printHeap(label: string, s: HeapStats): void {
  kprint`${label}: total ${s.total} used ${s.used} free ${s.free} largest ${s.largestFree} live ${s.liveAllocations} allocs ${s.totalAllocations} frees ${s.totalFrees} free-blocks ${s.freeBlocks}\n`;
}

function printFrames(label: string, s: FrameStats): void {
  kprint`${label}: total ${s.totalFrames} used ${s.usedFrames} free ${s.freeFrames} largest ${s.largestFree} live ${s.liveAllocations} allocs ${s.totalAllocations} frees ${s.totalFrees} free-blocks ${s.freeBlocks}\n`;
}

function heapWorkout(): void {
  const size = 192 * 1024;
  const base = allocBytes(size, 1 << 20);
  const heap = new Heap(base, size);
  const hs = heap.stats();
  printHeap('heap fresh', hs);
  const slots = 160;
  const addr = new FixedArray<number>(slots, 0);
  const len = new FixedArray<number>(slots, 0);
  const tags = new FixedArray<number>(slots, 0);
  let failures = 0;
  let tag = 0;
  for (let step = 1; step <= 12000; step++) {
    const i = rand(slots);
    if (addr.get(i) === 0) {
      const n = SIZES[rand(SIZES.length)] + rand(3) * rand(40);
      const align = ALIGNS[rand(ALIGNS.length)];
      const p = heap.tryAlloc(n, align);
      if (p === 0) {
        failures++;
        mix(n);
        continue;
      }
      if (p % align !== 0) kprint`misaligned ${p - base} for ${align}\n`;
      tag++;
      mark(p, n, tag);
      addr.set(i, p);
      len.set(i, n);
      tags.set(i, tag);
      mix(p - base);
    } else {
      const p = addr.get(i);
      if (!marked(p, len.get(i), tags.get(i))) kprint`contents of the block at ${p - base} changed\n`;
      heap.free(p);
      addr.set(i, 0);
    }
    if (step % 2000 === 0) {
      heap.readStats(hs);
      kprint`step ${step}: blocks ${heap.check()} failures ${failures} hash ${hash}\n`;
      printHeap('  heap', hs);
    }
  }
  for (let i = 0; i < slots; i++) {
    if (addr.get(i) !== 0) {
      if (!marked(addr.get(i), len.get(i), tags.get(i))) kprint`contents changed\n`;
      heap.free(addr.get(i));
    }
  }
  heap.readStats(hs);
  printHeap('heap drained', hs);
  kprint`heap blocks after draining: ${heap.check()}, largest ${heap.largestFree()}\n`;
  release(hs);
  release(addr);
  release(len);
  release(tags);
}

function frameWorkout(): void {
  const size = 2 << 20;
  const base = allocBytes(size, 2 << 20);
  const fa = new FrameAllocator(base, size);
  const fs = new FrameStats();
  fa.readStats(fs);
  printFrames('frames fresh', fs);
  kprint`first split: ${fa.alloc(1, 1) - base}, aligned: ${fa.alloc(3, 16) - base}, next: ${fa.alloc(1, 1) - base}\n`;
  const slots = 64;
  const addr = new FixedArray<number>(slots, 0);
  const count = new FixedArray<number>(slots, 0);
  let failures = 0;
  for (let step = 1; step <= 6000; step++) {
    const i = rand(slots);
    if (addr.get(i) === 0) {
      const n = rand(4) === 0 ? 1 + rand(64) : 1 + rand(6);
      const align = 1 << rand(6);
      const a = fa.alloc(n, align);
      if (a === 0) {
        failures++;
        continue;
      }
      if (a % (align * FRAME_SIZE) !== 0) kprint`misaligned frames at ${a - base}\n`;
      store8(a + 100, i);
      store8(a + n * FRAME_SIZE - 1, i);
      addr.set(i, a);
      count.set(i, n);
      mix(a - base);
    } else {
      const a = addr.get(i);
      const n = count.get(i);
      if (load8(a + 100) !== i || load8(a + n * FRAME_SIZE - 1) !== i) kprint`frames at ${a - base} changed\n`;
      fa.free(a, n);
      addr.set(i, 0);
    }
    if (step % 1000 === 0) {
      fa.readStats(fs);
      kprint`step ${step}: blocks ${fa.check()} failures ${failures} hash ${hash}\n`;
      printFrames('  frames', fs);
    }
  }
  for (let i = 0; i < slots; i++) if (addr.get(i) !== 0) fa.free(addr.get(i), count.get(i));
  const snapshot = fa.stats();
  printFrames('frames drained (3 early allocations live)', snapshot);
  kprint`frame blocks: ${fa.check()}, largest ${fa.largestFree()}\n`;
  release(snapshot);
  release(addr);
  release(count);
}

function kernelHeapWorkout(): void {
  kprint`kernel heap ready before init: ${kernelHeapReady()}\n`;
  const size = 64 * 1024;
  const base = allocBytes(size, 4096);
  initKernelHeap(base, size);
  const a = mmHeapAlloc(100, 8);
  const b = mmHeapAlloc(3000, 4096);
  const c = mmHeapAlloc(0, 1);
  kprint`kernel heap: a ${a - base} b ${b - base} c ${c - base}, blocks ${checkKernelHeap()}\n`;
  mmHeapFree(b);
  const s = kernelHeapStats();
  printHeap('kernel heap', s);
  mmHeapFree(a);
  mmHeapFree(c);
  readKernelHeapStats(s);
  printHeap('kernel heap empty', s);
  release(s);
}

export function main(): void {
  heapWorkout();
  frameWorkout();
  kernelHeapWorkout();
  // Misuse ends the program with the allocator's panic.
  const size = 16 * 1024;
  const base = allocBytes(size, 16);
  const h = new Heap(base, size);
  const p = h.alloc(64, 16);
  h.free(p);
  kprint`freeing ${p - base} twice\n`;
  h.free(p);
  kprint`not reached\n`;
}
