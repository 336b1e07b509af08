import { load32, store32, store64, u64 } from '@unishyper/rt';
import { catchPanic, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { fillPattern, hasPattern, hex, Rng } from '../test/util';
import { HEAP_CTL_BYTES, Heap, HeapStats, heapAlloc, heapFree, heapInit, heapTryAlloc } from './index';

// The low 16 MiB of the simulated RAM are outside rt's own heap.
const RAM = 0x4000_0000;

beforeEach(() => resetMachine());

function stats(h: Heap): HeapStats {
  return h.stats();
}

/** Everything the allocator promises, checked from outside after each step. */
function expectConsistent(h: Heap, live: Map<number, { size: number; align: number; tag: number }>): void {
  h.check();
  const s = stats(h);
  expect(s.used + s.free).toBe(s.total);
  expect(s.liveAllocations).toBe(live.size);
  expect(s.totalAllocations - s.totalFrees).toBe(live.size);
  let requested = 0;
  for (const a of live.values()) requested += Math.max(a.size, 16) + 16;
  expect(s.used).toBeGreaterThanOrEqual(requested);
  expect(s.largestFree).toBeLessThanOrEqual(s.free - 16 * (s.freeBlocks > 0 ? 1 : 0));
}

describe('Heap basics', () => {
  it('starts as one free block filling the range after the control block', () => {
    const h = new Heap(RAM, 64 * 1024);
    expect(h.ctl).toBe(RAM);
    const s = stats(h);
    expect(s.total).toBe(64 * 1024 - HEAP_CTL_BYTES);
    expect(s.used).toBe(0);
    expect(s.free).toBe(s.total);
    expect(s.largestFree).toBe(s.total - 16);
    expect(s.freeBlocks).toBe(1);
    expect(s.liveAllocations).toBe(0);
    expect(s.totalAllocations).toBe(0);
    expect(h.check()).toBe(1);
  });

  it('rounds an unaligned range inward to 16 bytes', () => {
    const h = new Heap(RAM + 5, 10_000);
    expect(h.ctl).toBe(RAM + 16);
    const end = Math.floor((RAM + 5 + 10_000) / 16) * 16;
    expect(stats(h).total).toBe(end - (RAM + 16 + HEAP_CTL_BYTES));
    const p = h.alloc(100, 16);
    expect(p).toBe(RAM + 16 + HEAP_CTL_BYTES + 16);
  });

  it('counts used bytes with header and rounding, and gives them all back', () => {
    const h = new Heap(RAM, 64 * 1024);
    const p = h.alloc(100, 16);
    let s = stats(h);
    expect(s.used).toBe(112 + 16);
    expect(s.liveAllocations).toBe(1);
    expect(s.totalAllocations).toBe(1);
    expect(s.freeBlocks).toBe(1);
    h.free(p);
    s = stats(h);
    expect(s.used).toBe(0);
    expect(s.liveAllocations).toBe(0);
    expect(s.totalAllocations).toBe(1);
    expect(s.totalFrees).toBe(1);
    expect(s.largestFree).toBe(s.total - 16);
  });

  it('gives distinct addresses to zero-byte allocations', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(0, 1);
    const b = h.alloc(0, 1);
    expect(a).not.toBe(b);
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(16);
    h.free(a);
    h.free(b);
    h.check();
  });

  it('readStats fills an existing object', () => {
    const h = new Heap(RAM, 64 * 1024);
    const s = new HeapStats();
    h.alloc(10, 1);
    h.readStats(s);
    expect(s.liveAllocations).toBe(1);
    expect(s.used).toBe(32);
  });

  it('works through the object-free functions', () => {
    const ctl = heapInit(RAM, 32 * 1024);
    const p = heapAlloc(ctl, 40, 8);
    expect(heapTryAlloc(ctl, 1 << 20, 16)).toBe(0);
    heapFree(ctl, p);
    expect(catchPanic(() => heapFree(ctl, p))).toBe(`double free of ${hex(p)}`);
  });

  it('rejects ranges too small or too large, and operations on a non-heap', () => {
    expect(catchPanic(() => new Heap(RAM, 4096))).toBe('heap range too small: it needs at least 4128 bytes');
    expect(catchPanic(() => new Heap(0, 65536))).toBe('heap range must have a positive base and size');
    expect(catchPanic(() => new Heap(RAM, 64 * 1024 * 1024 * 1024 + 8192))).toBe('heap range too large: at most 64 GiB');
    expect(catchPanic(() => heapAlloc(RAM + 0x10_0000, 16, 16))).toBe('not a heap control block');
  });
});

describe('Heap alignment', () => {
  it('honours every power-of-two alignment up to 4096 for many sizes', () => {
    const h = new Heap(RAM, 1 << 20);
    const got: number[] = [];
    for (let align = 1; align <= 4096; align *= 2) {
      for (const size of [0, 1, 15, 16, 17, 100, 1000, 4095, 4096, 5000]) {
        const p = h.alloc(size, align);
        expect(p % align, `size ${size} align ${align}`).toBe(0);
        expect(p % 16).toBe(0);
        got.push(p);
      }
    }
    h.check();
    for (const p of got) h.free(p);
    const s = stats(h);
    expect(s.freeBlocks).toBe(1);
    expect(s.largestFree).toBe(s.total - 16);
  });

  it('fits an aligned request into a block that is exactly big enough', () => {
    // base + 4096 (control block) + 16 (header) is 4096-aligned: the whole heap is one aligned block.
    const base = RAM + 4096 - 16;
    const h = new Heap(base, 4096 + 16 + 8192);
    const total = stats(h).total;
    expect(total).toBe(8192 + 16);
    const p = h.alloc(8192, 4096);
    expect(p % 4096).toBe(0);
    expect(stats(h).free).toBe(0);
    expect(h.tryAlloc(0, 1)).toBe(0);
    h.free(p);
    expect(stats(h).largestFree).toBe(8192);
  });

  it('rejects alignments that are not powers of two up to 4096', () => {
    const h = new Heap(RAM, 64 * 1024);
    for (const a of [0, 3, 24, 8192, -16]) {
      expect(catchPanic(() => h.alloc(16, a))).toBe(`invalid alignment ${a} (a power of two up to 4096)`);
      expect(catchPanic(() => h.tryAlloc(16, a))).toBe(`invalid alignment ${a} (a power of two up to 4096)`);
    }
    expect(catchPanic(() => h.alloc(-1, 16))).toBe('invalid allocation size -1');
    h.check();
    expect(stats(h).totalAllocations).toBe(0);
  });
});

describe('Heap fragmentation and coalescing', () => {
  it('fragments into many small free blocks, then coalesces back into one', () => {
    const h = new Heap(RAM, 64 * 1024);
    const total = stats(h).total;
    const ps: number[] = [];
    for (;;) {
      const p = h.tryAlloc(64, 16);
      if (p === 0) break;
      ps.push(p);
    }
    expect(ps.length).toBe(Math.floor(total / 80));
    for (let i = 0; i < ps.length; i += 2) h.free(ps[i]!);
    let s = stats(h);
    expect(s.freeBlocks).toBeGreaterThanOrEqual(Math.floor(ps.length / 2));
    expect(s.largestFree).toBeLessThan(200);
    expect(s.free).toBeGreaterThan(total / 3);
    // Plenty of free bytes, but no block can hold 200 of them.
    expect(h.tryAlloc(200, 16)).toBe(0);
    expect(catchPanic(() => h.alloc(200, 16))).toBe(`out of memory: 200 bytes (align 16), largest free block ${s.largestFree}`);
    h.check();
    // Free the rest in a scrambled order: every free merges with its neighbours.
    const rest = ps.filter((_, i) => i % 2 === 1);
    const rng = new Rng(7);
    while (rest.length > 0) {
      const i = rng.below(rest.length);
      h.free(rest[i]!);
      rest.splice(i, 1);
      h.check();
    }
    s = stats(h);
    expect(s.freeBlocks).toBe(1);
    expect(s.used).toBe(0);
    expect(s.largestFree).toBe(total - 16);
    expect(h.alloc(total - 16, 16)).toBe(RAM + HEAP_CTL_BYTES + 16);
  });

  it('merges with the previous, the next, and both neighbours', () => {
    const h = new Heap(RAM, 64 * 1024);
    const [a, b, c, d] = [h.alloc(100, 16), h.alloc(100, 16), h.alloc(100, 16), h.alloc(100, 16)];
    h.free(a!);
    expect(stats(h).freeBlocks).toBe(2);
    h.free(c!);
    expect(stats(h).freeBlocks).toBe(3);
    h.free(b!); // merges a, b, c
    expect(stats(h).freeBlocks).toBe(2);
    expect(stats(h).largestFree).toBeGreaterThanOrEqual(3 * 128 - 16);
    h.free(d!); // merges with a..c and the tail
    expect(stats(h).freeBlocks).toBe(1);
    expect(h.check()).toBe(1);
  });
});

describe('Heap exhaustion', () => {
  it('panics with the size, alignment and largest free block, and stays usable', () => {
    const h = new Heap(RAM, 4096 + 16 * 1024 + 512);
    const ps: number[] = [];
    let msg: string | null = null;
    while (msg === null) msg = catchPanic(() => ps.push(h.alloc(1000, 16)));
    const before = stats(h);
    expect(msg).toBe(`out of memory: 1000 bytes (align 16), largest free block ${before.largestFree}`);
    expect(before.largestFree).toBeLessThan(1000);
    expect(before.liveAllocations).toBe(ps.length);
    expect(before.totalAllocations).toBe(ps.length);
    h.check();
    // The exact largest block still fits, after which nothing does.
    const last = h.alloc(before.largestFree, 16);
    expect(stats(h).free).toBe(0);
    expect(h.tryAlloc(0, 1)).toBe(0);
    expect(catchPanic(() => h.alloc(1, 1))).toBe('out of memory: 1 bytes (align 1), largest free block 0');
    h.free(last);
    for (const p of ps) h.free(p);
    const after = stats(h);
    expect(after.freeBlocks).toBe(1);
    expect(after.largestFree).toBe(after.total - 16);
    h.check();
  });

  it('fails requests larger than the heap without touching it', () => {
    const h = new Heap(RAM, 64 * 1024);
    expect(h.tryAlloc(1 << 30, 16)).toBe(0);
    expect(h.tryAlloc(Number.MAX_SAFE_INTEGER - 100, 4096)).toBe(0);
    expect(h.tryAlloc(stats(h).total, 16)).toBe(0);
    expect(catchPanic(() => h.alloc(1 << 30, 4096))).toBe(`out of memory: ${1 << 30} bytes (align 4096), largest free block ${stats(h).total - 16}`);
    expect(h.check()).toBe(1);
  });

  it('reports the exhaustion of an aligned request in the message', () => {
    const h = new Heap(RAM, 4096 + 8192);
    h.alloc(4080, 16);
    // One free block of 4096 bytes at RAM + 8192: its payload would start at +16, not 4096-aligned.
    expect(stats(h).largestFree).toBe(4080);
    expect(h.tryAlloc(16, 4096)).toBe(0);
    expect(catchPanic(() => h.alloc(4096, 4096))).toBe('out of memory: 4096 bytes (align 4096), largest free block 4080');
    h.check();
  });

  it('finds an aligned fit that the constant-time search does not guarantee', () => {
    const h = new Heap(RAM, 4096 + 8192);
    h.alloc(4000, 16);
    // The free tail starts at RAM + 8112 with 4176 bytes: 4096 bytes at RAM + 8192 fit exactly.
    const p = h.alloc(4096, 4096);
    expect(p).toBe(RAM + 8192);
    expect(stats(h).freeBlocks).toBe(1); // the 64-byte gap in front
    expect(h.check()).toBe(3);
  });
});

describe('Heap misuse is detected, never followed', () => {
  it('names the address of a double free, also after the block was merged', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(100, 16);
    const b = h.alloc(100, 16);
    const c = h.alloc(100, 16);
    h.free(b);
    expect(catchPanic(() => h.free(b))).toBe(`double free of ${hex(b)}`);
    h.free(a); // absorbs b
    expect(catchPanic(() => h.free(a))).toBe(`double free of ${hex(a)}`);
    expect(catchPanic(() => h.free(b))).toBe(`double free of ${hex(b)}`);
    h.check();
    expect(stats(h).liveAllocations).toBe(1);
    h.free(c);
    expect(h.check()).toBe(1);
  });

  it('names the address of an invalid free and changes nothing', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(100, 16);
    fillPattern(a, 100, 1);
    const before = stats(h);
    const end = RAM + 64 * 1024;
    expect(catchPanic(() => h.free(a + 8))).toBe(`invalid free of ${hex(a + 8)}: not an address in this heap`);
    expect(catchPanic(() => h.free(a + 32))).toBe(`invalid free of ${hex(a + 32)}: not the start of an allocated block`);
    expect(catchPanic(() => h.free(0))).toBe('invalid free of 0x0: not an address in this heap');
    expect(catchPanic(() => h.free(RAM))).toBe(`invalid free of ${hex(RAM)}: not an address in this heap`);
    expect(catchPanic(() => h.free(end))).toBe(`invalid free of ${hex(end)}: not an address in this heap`);
    expect(catchPanic(() => h.free(end + 4096))).toBe(`invalid free of ${hex(end + 4096)}: not an address in this heap`);
    // An address inside the free tail that never was a payload.
    const inFree = a + 100 * 16;
    expect(catchPanic(() => h.free(inFree))).toBe(`invalid free of ${hex(inFree)}: not the start of an allocated block`);
    expect(stats(h)).toEqual(before);
    expect(hasPattern(a, 100, 1)).toBe(true);
    h.check();
    h.free(a);
  });

  it('detects an overrun into the next block header', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(64, 16);
    const b = h.alloc(64, 16);
    // Write 8 bytes past the end of a: into b's header.
    writeMemory(a + 64, new Uint8Array(8).fill(0x41));
    expect(catchPanic(() => h.free(b))).toBe(`heap corruption: damaged block header at ${hex(b - 16)}`);
    const before = stats(h);
    expect(catchPanic(() => h.free(a))).toBe(`heap corruption: damaged block header at ${hex(b - 16)}`);
    expect(stats(h)).toEqual(before); // detected before anything was written
    expect(catchPanic(() => h.check())).toBe(`heap corruption: damaged block header at ${hex(b - 16)}`);
  });

  it('detects a header whose size was changed (state word intact)', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(64, 16);
    h.alloc(64, 16);
    store32(a - 16 + 8, load32(a - 16 + 8) + 1);
    expect(catchPanic(() => h.free(a))).toBe(`heap corruption: damaged block header at ${hex(a - 16)}`);
  });

  it('detects a consistent-looking header that disagrees with its neighbour', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(64, 16);
    const b = h.alloc(64, 16);
    h.alloc(64, 16);
    // Rewrite b's header as a valid header claiming a different previous size.
    const state = load32(b - 16);
    const units = load32(b - 16 + 8);
    const prevUnits = 4;
    store32(b - 16 + 12, prevUnits);
    store32(b - 16 + 4, (state ^ units ^ prevUnits ^ 0x5a3c96e1) >>> 0);
    expect(catchPanic(() => h.free(a))).toBe(`heap corruption: block size disagrees with the next block at ${hex(a - 16)}`);
  });

  it('detects a use after free that damages the free-list links', () => {
    const h = new Heap(RAM, 64 * 1024);
    const a = h.alloc(64, 16);
    h.alloc(64, 16); // keeps a from merging with the tail
    h.free(a);
    store64(a, u64(0xdead_beef)); // the next-free link
    expect(catchPanic(() => h.alloc(64, 16))).toBe(`heap corruption: damaged free-list link of the block at ${hex(a - 16)}`);
    expect(catchPanic(() => h.check())).toMatch(/^heap corruption: damaged free-list link of the block at /);
  });

  it('detects a damaged control block bitmap in the consistency walk', () => {
    const h = new Heap(RAM, 64 * 1024);
    store32(h.ctl + 64, 0xffff);
    expect(catchPanic(() => h.check())).toMatch(/^heap corruption: .*bitmap disagrees with the lists at /);
  });
});

describe('Heap against a model', () => {
  const sizes = [0, 1, 8, 16, 24, 32, 48, 64, 100, 128, 200, 256, 500, 1024, 3000, 4096, 9000, 20000];
  const aligns = [1, 2, 4, 8, 16, 16, 16, 32, 64, 128, 256, 1024, 4096];

  for (const seed of [1, 2, 3, 42, 1234]) {
    it(`random alloc/free sequence, seed ${seed}`, () => {
      const size = 256 * 1024;
      const base = RAM + (seed % 4) * 16 * 1024 + (seed % 3) * 16; // a few different alignments
      const h = new Heap(base, size);
      const start = h.ctl + HEAP_CTL_BYTES;
      const end = Math.floor((base + size) / 16) * 16;
      const rng = new Rng(seed);
      const live = new Map<number, { size: number; align: number; tag: number }>();
      let tag = 0;
      let failures = 0;
      for (let step = 0; step < 3000; step++) {
        if (live.size === 0 || rng.below(100) < 55) {
          const n = rng.pick(sizes) + (rng.below(4) === 0 ? rng.below(40) : 0);
          const align = rng.pick(aligns);
          const largest = h.largestFree();
          const p = h.tryAlloc(n, align);
          if (p === 0) {
            failures++;
            // With no alignment constraint, failure means nothing fits.
            if (align <= 16) expect(Math.max(n, 16)).toBeGreaterThan(largest);
            continue;
          }
          if (align <= 16) expect(Math.max(n, 16)).toBeLessThanOrEqual(largest);
          expect(p % align).toBe(0);
          expect(p % 16).toBe(0);
          expect(p).toBeGreaterThanOrEqual(start + 16);
          expect(p + n).toBeLessThanOrEqual(end);
          for (const [q, o] of live) {
            const overlap = p < q + Math.max(o.size, 1) && q < p + Math.max(n, 1);
            if (overlap) throw new Error(`allocation ${hex(p)}+${n} overlaps ${hex(q)}+${o.size}`);
          }
          tag++;
          fillPattern(p, n, tag);
          live.set(p, { size: n, align, tag });
        } else {
          const keys = [...live.keys()];
          const p = keys[rng.below(keys.length)]!;
          const o = live.get(p)!;
          expect(hasPattern(p, o.size, o.tag), `contents of ${hex(p)}`).toBe(true);
          h.free(p);
          live.delete(p);
        }
        if (step % 25 === 0) expectConsistent(h, live);
      }
      expectConsistent(h, live);
      expect(failures).toBeGreaterThan(0); // the sequence did reach exhaustion
      for (const [p, o] of live) {
        expect(hasPattern(p, o.size, o.tag)).toBe(true);
        h.free(p);
      }
      const s = stats(h);
      expect(s.used).toBe(0);
      expect(s.freeBlocks).toBe(1);
      expect(s.largestFree).toBe(end - start - 16);
      expect(h.check()).toBe(1);
    });
  }
});
