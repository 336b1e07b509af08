import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes } from './heap.js';
import { store64 } from './memory.js';
import { catchPanic, expectNoLeaks, heapStats, liveAllocations, resetMachine } from './sim/index.js';

const HEAP = 0x4100_0000;
const SIZE = 64 * 1024;

beforeEach(() => resetMachine({ heapBase: HEAP, heapSize: SIZE }));

describe('allocBytes', () => {
  it('hands out 16-aligned payloads after a 16-byte header, first fit', () => {
    const a = allocBytes(10, 1);
    const b = allocBytes(16, 8);
    const c = allocBytes(0, 1);
    expect(a).toBe(HEAP + 16);
    expect(b).toBe(HEAP + 48); // a's block: 16 header + 16 payload
    expect(c).toBe(HEAP + 80); // size 0 still gets a unique 16-byte payload
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('honours alignment, leaving gaps of at least one block free', () => {
    allocBytes(8, 1);
    const p = allocBytes(100, 4096);
    expect(p % 4096).toBe(0);
    const q = allocBytes(1, 64);
    expect(q % 64).toBe(0);
    // the gap in front of p is free and is reused by a small allocation
    const r = allocBytes(32, 16);
    expect(r).toBeLessThan(p);
    for (const align of [1, 2, 4, 8, 16, 32, 128, 256, 512, 1024, 2048, 8192, 16384]) {
      const x = allocBytes(24, align);
      expect(x % Math.max(align, 16)).toBe(0);
    }
  });

  it('never places an aligned payload less than a block after a free block start', () => {
    // First block at HEAP: payload HEAP+16 is 16-aligned but not 64-aligned.
    const p = allocBytes(16, 64);
    expect(p % 64).toBe(0);
    expect(p - 16 - HEAP === 0 || p - 16 - HEAP >= 32).toBe(true);
  });

  it('panics on bad arguments', () => {
    expect(catchPanic(() => allocBytes(-1, 8))).toBe('invalid allocation size -1');
    expect(catchPanic(() => allocBytes(1.5, 8))).toBe('invalid allocation size 1.5');
    expect(catchPanic(() => allocBytes(8, 0))).toBe('invalid alignment 0');
    expect(catchPanic(() => allocBytes(8, 3))).toBe('invalid alignment 3');
    expect(catchPanic(() => allocBytes(8, -16))).toBe('invalid alignment -16');
    expect(catchPanic(() => allocBytes(8, 2 ** 31))).toBe('invalid alignment 2147483648');
    expect(heapStats().liveAllocations).toBe(0);
  });

  it('panics "out of memory" when nothing fits', () => {
    expect(catchPanic(() => allocBytes(SIZE, 1))).toBe('out of memory');
    expect(catchPanic(() => allocBytes(2 ** 53 - 1, 1))).toBe('out of memory');
    expect(catchPanic(() => allocBytes(16, 2 ** 30))).toBe('out of memory');
    const big = allocBytes(SIZE - 16, 1); // the whole heap
    expect(big).toBe(HEAP + 16);
    expect(catchPanic(() => allocBytes(0, 1))).toBe('out of memory');
    freeBytes(big);
    expect(allocBytes(0, 1)).toBe(HEAP + 16);
  });

  it('exhausts exactly at the heap size with small blocks', () => {
    const n = SIZE / 32; // 16-byte header + 16-byte payload each
    const ptrs: number[] = [];
    for (let i = 0; i < n; i++) ptrs.push(allocBytes(16, 16));
    expect(catchPanic(() => allocBytes(1, 1))).toBe('out of memory');
    for (const p of ptrs) freeBytes(p);
    expectNoLeaks();
    expect(heapStats().largestFreeBlock).toBe(SIZE);
  });
});

describe('freeBytes', () => {
  it('coalesces with both neighbours', () => {
    const a = allocBytes(100, 1);
    const b = allocBytes(100, 1);
    const c = allocBytes(100, 1);
    const d = allocBytes(100, 1);
    freeBytes(a);
    freeBytes(c);
    expect(heapStats().freeBytes).toBe(SIZE - 2 * 128);
    freeBytes(b); // merges a, b, c into one 384-byte block; d and the tail remain
    expect(heapStats().freeBytes).toBe(SIZE - 128);
    expect(allocBytes(3 * 128 - 16, 1)).toBe(a); // the merged hole is reused, first fit
    freeBytes(a);
    freeBytes(d);
    expect(heapStats().largestFreeBlock).toBe(SIZE);
  });

  it('survives fragmentation and comes back to one free block', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const live: number[] = [];
    for (let step = 0; step < 3000; step++) {
      if (live.length > 0 && rand(3) === 0) {
        freeBytes(live.splice(rand(live.length), 1)[0]!);
      } else {
        const align = 2 ** rand(9);
        const size = rand(700);
        const p = catchPanic(() => {
          const addr = allocBytes(size, align);
          if (addr % align !== 0) expect.fail(`misaligned ${addr} for ${align}`);
          live.push(addr);
        });
        if (p !== null) expect(p).toBe('out of memory');
      }
      if (step % 100 === 0) {
        // payloads never overlap
        const sorted = liveAllocations();
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i]!.addr < sorted[i - 1]!.addr + sorted[i - 1]!.size) expect.fail(`overlap at step ${step}`);
        }
      }
    }
    for (const p of live) freeBytes(p);
    expectNoLeaks();
    expect(heapStats().largestFreeBlock).toBe(SIZE);
  });

  it('panics on a double free, even after coalescing', () => {
    const a = allocBytes(8, 1);
    const b = allocBytes(8, 1);
    allocBytes(8, 1);
    freeBytes(b);
    expect(catchPanic(() => freeBytes(b))).toBe(`double free of 0x${b.toString(16)}`);
    freeBytes(a); // a and b merge
    expect(catchPanic(() => freeBytes(b))).toBe(`double free of 0x${b.toString(16)}`);
    expect(catchPanic(() => freeBytes(a))).toBe(`double free of 0x${a.toString(16)}`);
  });

  it('panics on addresses that are not allocations', () => {
    const a = allocBytes(64, 1);
    expect(catchPanic(() => freeBytes(a + 8))).toBe(`invalid free of 0x${(a + 8).toString(16)}`);
    expect(catchPanic(() => freeBytes(a + 16))).toBe(`invalid free of 0x${(a + 16).toString(16)}`);
    expect(catchPanic(() => freeBytes(0))).toBe('invalid free of 0x0');
    expect(catchPanic(() => freeBytes(HEAP + SIZE))).toBe(`invalid free of 0x${(HEAP + SIZE).toString(16)}`);
    expect(catchPanic(() => freeBytes(a - 16))).toBe(`invalid free of 0x${(a - 16).toString(16)}`);
    expect(catchPanic(() => freeBytes(a + 64 + 8))).toBe(`invalid free of 0x${(a + 72).toString(16)}`);
    freeBytes(a);
  });

  it('detects a trampled header', () => {
    const a = allocBytes(16, 1);
    store64(a - 16, 3n);
    expect(catchPanic(() => allocBytes(16, 1))).toBe(`heap corruption at 0x${(a - 16).toString(16)}`);
  });
});

describe('statistics', () => {
  it('count live allocations and bytes', () => {
    const a = allocBytes(10, 1);
    const b = allocBytes(100, 1);
    expect(heapStats()).toMatchObject({ liveAllocations: 2, liveBytes: 110, totalAllocations: 2, totalFrees: 0 });
    expect(() => expectNoLeaks()).toThrow(/leak check failed:\n {2}10 bytes at 0x41000010\n {2}100 bytes at 0x41000030/);
    freeBytes(a);
    freeBytes(b);
    expect(heapStats()).toMatchObject({ liveAllocations: 0, liveBytes: 0, totalFrees: 2, freeBytes: SIZE });
    expectNoLeaks();
  });
});
