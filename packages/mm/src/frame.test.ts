import { load32, store32, store64, u64 } from '@unishyper/rt';
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, describe, expect, it } from 'vitest';
import { fillPattern, hasPattern, hex, Rng } from '../test/util';
import { FRAME_SIZE, FrameAllocator, FrameStats, frameAlloc, frameFree, frameInit } from './index';

const RAM = 0x4000_0000;
const F = FRAME_SIZE;
// A range whose allocatable part is exactly one order-8 block (256 frames at 1 MiB):
// the control block and the state map take the frame just before it.
const ONE_BLOCK_BASE = 0x4010_0000 - F;
const ONE_BLOCK_SIZE = F + 256 * F;
const BLOCK = 0x4010_0000;

beforeEach(() => resetMachine());

function stats(fa: FrameAllocator): FrameStats {
  return fa.stats();
}

describe('FrameAllocator layout', () => {
  it('keeps its metadata in the first frames and tiles the rest with aligned blocks', () => {
    const fa = new FrameAllocator(RAM, 1 << 20);
    expect(fa.ctl).toBe(RAM);
    const s = stats(fa);
    expect(s.totalFrames).toBe(255); // 256 frames, one of metadata
    expect(s.freeFrames).toBe(255);
    expect(s.usedFrames).toBe(0);
    // [RAM + 4K, RAM + 1M) = blocks of 1, 2, 4, ..., 128 frames.
    expect(s.freeBlocks).toBe(8);
    expect(s.largestFree).toBe(128);
    expect(fa.check()).toBe(8);
  });

  it('rounds an unaligned range inward to whole frames', () => {
    const fa = new FrameAllocator(RAM + 123, 100 * F);
    expect(fa.ctl).toBe(RAM + F);
    expect(stats(fa).totalFrames).toBe(98); // 99 whole frames, one of metadata
    fa.check();
  });

  it('uses one metadata byte per frame', () => {
    // 8 MiB = 2048 frames: 520 + 2048 bytes of metadata, still one frame.
    expect(stats(new FrameAllocator(RAM, 8 << 20)).totalFrames).toBe(2047);
    // 16 MiB = 4096 frames: 520 + 4096 bytes, two frames.
    resetMachine();
    expect(stats(new FrameAllocator(RAM, 16 << 20)).totalFrames).toBe(4094);
  });

  it('rejects ranges without room for a frame after the metadata', () => {
    expect(catchPanic(() => new FrameAllocator(RAM, F))).toBe('frame range too small: no frame left after the metadata');
    expect(catchPanic(() => new FrameAllocator(RAM + 1, F))).toBe('frame range too small: it holds no whole frame');
    expect(catchPanic(() => new FrameAllocator(RAM, 0))).toBe('frame range must have a positive base and size');
    expect(catchPanic(() => frameAlloc(RAM + 0x20_0000, 1, 1))).toBe('not a frame allocator control block');
  });
});

describe('FrameAllocator buddy splitting and merging', () => {
  it('splits the big block down to one frame and merges it back', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    expect(stats(fa).freeBlocks).toBe(1);
    expect(stats(fa).largestFree).toBe(256);
    const a = fa.alloc(1, 1);
    expect(a).toBe(BLOCK);
    let s = stats(fa);
    // Upper halves of orders 7..0 are free.
    expect(s.freeBlocks).toBe(8);
    expect(s.largestFree).toBe(128);
    expect(s.usedFrames).toBe(1);
    // The next frame is the order-0 buddy.
    const b = fa.alloc(1, 1);
    expect(b).toBe(BLOCK + F);
    expect(stats(fa).freeBlocks).toBe(7);
    fa.free(a, 1);
    fa.free(b, 1);
    s = stats(fa);
    expect(s.freeBlocks).toBe(1);
    expect(s.largestFree).toBe(256);
    expect(s.usedFrames).toBe(0);
    expect(fa.check()).toBe(1);
  });

  it('keeps exactly count frames of a rounded block (3 frames = 2 + 1)', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(3, 1);
    expect(a).toBe(BLOCK);
    expect(stats(fa).usedFrames).toBe(3);
    expect(stats(fa).freeFrames).toBe(253);
    // The fourth frame of the order-2 block went back: it is the next single frame.
    expect(fa.alloc(1, 1)).toBe(BLOCK + 3 * F);
    expect(fa.check()).toBe(2 + 1 + 6); // pieces 2 + 1, the single frame, free orders 2..7
    fa.free(BLOCK + 3 * F, 1);
    fa.free(a, 3);
    expect(stats(fa).freeBlocks).toBe(1);
  });

  it('fills the whole range with a non-power-of-two request', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(255, 1);
    expect(a).toBe(BLOCK);
    expect(stats(fa).freeFrames).toBe(1);
    const last = fa.alloc(1, 1);
    expect(last).toBe(BLOCK + 255 * F);
    expect(fa.alloc(1, 1)).toBe(0);
    fa.free(a, 255);
    expect(stats(fa).largestFree).toBe(128);
    fa.free(last, 1);
    expect(stats(fa).largestFree).toBe(256);
    expect(fa.check()).toBe(1);
  });

  it('merges only buddies: neighbours of different blocks stay apart', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const xs = [fa.alloc(1, 1), fa.alloc(1, 1), fa.alloc(1, 1), fa.alloc(1, 1)];
    expect(xs).toEqual([BLOCK, BLOCK + F, BLOCK + 2 * F, BLOCK + 3 * F]);
    fa.free(xs[1]!, 1);
    fa.free(xs[2]!, 1); // adjacent to xs[1] but not its buddy
    expect(stats(fa).freeBlocks).toBe(6 + 2);
    fa.free(xs[3]!, 1); // buddy of xs[2]: they merge into an order-1 block
    expect(stats(fa).freeBlocks).toBe(6 + 2);
    fa.free(xs[0]!, 1); // everything merges
    expect(stats(fa).freeBlocks).toBe(1);
    fa.check();
  });
});

describe('FrameAllocator alignment', () => {
  it('aligns to any power of two of frames, in physical address', () => {
    const fa = new FrameAllocator(RAM, 16 << 20);
    fa.alloc(1, 1); // disturb the layout
    for (const align of [1, 2, 4, 8, 16, 32, 64, 128]) {
      for (const count of [1, 3, 5, 16]) {
        const a = fa.alloc(count, align);
        expect(a, `count ${count} align ${align}`).not.toBe(0);
        expect(a % (align * F)).toBe(0);
        fa.check();
      }
    }
  });

  it('gives back the frames an alignment does not need', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(1, 64);
    expect(a % (64 * F)).toBe(0);
    expect(stats(fa).usedFrames).toBe(1);
    expect(stats(fa).freeFrames).toBe(255);
    fa.free(a, 1);
    expect(stats(fa).largestFree).toBe(256);
  });

  it('fails an alignment larger than any free block, and rejects non-powers of two', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    expect(fa.alloc(1, 512)).toBe(0);
    for (const a of [0, 3, 6, -1]) expect(catchPanic(() => fa.alloc(1, a))).toBe(`invalid frame alignment ${a} (a power of two)`);
    for (const c of [0, -3]) expect(catchPanic(() => fa.alloc(c, 1))).toBe(`invalid frame count ${c}`);
    expect(fa.alloc(2 ** 31, 1)).toBe(0);
    expect(stats(fa).totalAllocations).toBe(0);
    fa.check();
  });
});

describe('FrameAllocator exhaustion', () => {
  it('returns 0 when full and stays consistent and usable', () => {
    const fa = new FrameAllocator(RAM, 1 << 20);
    const got: Array<[number, number]> = [];
    const rng = new Rng(5);
    for (;;) {
      const n = 1 + rng.below(5);
      const a = fa.alloc(n, 1);
      if (a === 0) {
        expect(n).toBeGreaterThan(stats(fa).largestFree);
        if (stats(fa).freeFrames === 0) break;
        continue;
      }
      got.push([a, n]);
    }
    expect(stats(fa).usedFrames).toBe(255);
    expect(stats(fa).largestFree).toBe(0);
    expect(fa.alloc(1, 1)).toBe(0);
    fa.check();
    for (const [a, n] of got) fa.free(a, n);
    expect(stats(fa).freeBlocks).toBe(8);
    expect(stats(fa).largestFree).toBe(128);
    expect(fa.check()).toBe(8);
  });
});

describe('FrameAllocator misuse', () => {
  it('names the address of a double free, also after merging', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(2, 1);
    const b = fa.alloc(2, 1);
    fa.free(b, 2);
    expect(catchPanic(() => fa.free(b, 2))).toBe(`double free of frames at ${hex(b)}`);
    fa.free(a, 2); // merges with b and up
    expect(catchPanic(() => fa.free(a, 2))).toBe(`double free of frames at ${hex(a)}`);
    expect(catchPanic(() => fa.free(b, 2))).toBe(`double free of frames at ${hex(b)}`);
    expect(stats(fa).freeBlocks).toBe(1);
    fa.check();
  });

  it('names the address of an invalid free and changes nothing', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(3, 1); // pieces: 2 frames at a, 1 at a + 2F
    const before = stats(fa);
    expect(catchPanic(() => fa.free(a + F, 1))).toBe(`invalid free of frames at ${hex(a + F)}: not the start of an allocation`);
    expect(catchPanic(() => fa.free(a + 2 * F, 1))).toBe(`invalid free of frames at ${hex(a + 2 * F)}: not the start of an allocation`);
    expect(catchPanic(() => fa.free(a, 2))).toBe(`invalid free of frames at ${hex(a)}: 2 frames given, the allocation has 3`);
    expect(catchPanic(() => fa.free(a, 4))).toBe(`invalid free of frames at ${hex(a)}: 4 frames given, the allocation has 3`);
    expect(catchPanic(() => fa.free(a + 1, 3))).toBe(`invalid free of frames at ${hex(a + 1)}: not a frame of this allocator`);
    expect(catchPanic(() => fa.free(ONE_BLOCK_BASE, 1))).toBe(`invalid free of frames at ${hex(ONE_BLOCK_BASE)}: not a frame of this allocator`);
    expect(catchPanic(() => fa.free(BLOCK + 256 * F, 1))).toBe(`invalid free of frames at ${hex(BLOCK + 256 * F)}: not a frame of this allocator`);
    expect(catchPanic(() => fa.free(0, 1))).toBe('invalid free of frames at 0x0: not a frame of this allocator');
    // Frames that were never allocated are already free.
    expect(catchPanic(() => fa.free(BLOCK + 100 * F, 1))).toBe(`double free of frames at ${hex(BLOCK + 100 * F)}`);
    expect(stats(fa)).toEqual(before);
    fa.check();
    fa.free(a, 3);
    expect(stats(fa).freeBlocks).toBe(1);
  });

  it('detects a stray write into a free block', () => {
    const fa = new FrameAllocator(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = fa.alloc(1, 1);
    const b = fa.alloc(1, 1);
    fa.free(a, 1); // a is a free order-0 block, its buddy b is allocated
    store32(a + 16, load32(a + 16) ^ 1); // its record's magic
    expect(catchPanic(() => fa.alloc(1, 1))).toBe(`frame allocator corruption: damaged free block at ${hex(a)}`);
    expect(catchPanic(() => fa.check())).toBe(`frame allocator corruption: damaged free block at ${hex(a)}`);
    void b;
  });

  it('detects a damaged free-list link', () => {
    const fa = new FrameAllocator(RAM, 1 << 20);
    const a = fa.alloc(1, 1); // RAM + 4K, the only order-0 block
    fa.alloc(1, 1); // splits RAM + 8K: RAM + 12K joins the order-0 list
    fa.free(a, 1); // its buddy is metadata: the list is a -> RAM + 12K
    store64(a, u64(RAM + 7 * F)); // a's next link now points into the middle of a block
    expect(catchPanic(() => fa.alloc(1, 1))).toBe(`frame allocator corruption: damaged free-list link of the block at ${hex(a)}`);
  });
});

describe('FrameAllocator against a model', () => {
  for (const seed of [1, 9, 77, 2024]) {
    it(`random alloc/free sequence, seed ${seed}`, () => {
      const base = RAM + (seed % 5) * 3 * F; // differently aligned ranges
      const size = (2 << 20) + (seed % 7) * F;
      const fa = new FrameAllocator(base, size);
      const initial = stats(fa);
      const initialBlocks = fa.check();
      const end = Math.floor((base + size) / F) * F;
      const first = end - initial.totalFrames * F;
      const rng = new Rng(seed);
      const live = new Map<number, { n: number; tag: number }>();
      let used = 0;
      let tag = 0;
      let failures = 0;
      for (let step = 0; step < 2000; step++) {
        if (live.size === 0 || rng.below(100) < 60) {
          const n = rng.below(4) === 0 ? 1 + rng.below(64) : 1 + rng.below(6);
          const align = 1 << rng.below(6);
          const largest = fa.largestFree();
          const a = fa.alloc(n, align);
          if (a === 0) {
            failures++;
            if (align === 1) expect(n).toBeGreaterThan(largest);
            continue;
          }
          expect(a % (align * F)).toBe(0);
          expect(a).toBeGreaterThanOrEqual(first);
          expect(a + n * F).toBeLessThanOrEqual(end);
          for (const [q, o] of live) {
            if (a < q + o.n * F && q < a + n * F) throw new Error(`frames ${hex(a)}+${n} overlap ${hex(q)}+${o.n}`);
          }
          tag++;
          // Mark the first and last 64 bytes; free frames hold list records, so overlap with free space shows too.
          fillPattern(a + 32, 64, tag);
          fillPattern(a + n * F - 64, 64, tag + 1);
          live.set(a, { n, tag });
          used += n;
        } else {
          const keys = [...live.keys()];
          const a = keys[rng.below(keys.length)]!;
          const o = live.get(a)!;
          expect(hasPattern(a + 32, 64, o.tag)).toBe(true);
          expect(hasPattern(a + o.n * F - 64, 64, o.tag + 1)).toBe(true);
          fa.free(a, o.n);
          live.delete(a);
          used -= o.n;
        }
        if (step % 20 === 0) {
          fa.check();
          const s = stats(fa);
          expect(s.usedFrames).toBe(used);
          expect(s.usedFrames + s.freeFrames).toBe(s.totalFrames);
          expect(s.liveAllocations).toBe(live.size);
          expect(s.totalAllocations - s.totalFrees).toBe(live.size);
        }
      }
      expect(failures).toBeGreaterThan(0);
      for (const [a, o] of live) fa.free(a, o.n);
      const s = stats(fa);
      expect(s.usedFrames).toBe(0);
      expect(s.freeBlocks).toBe(initial.freeBlocks);
      expect(s.largestFree).toBe(initial.largestFree);
      expect(fa.check()).toBe(initialBlocks);
    });
  }

  it('works through the object-free functions', () => {
    const f = frameInit(ONE_BLOCK_BASE, ONE_BLOCK_SIZE);
    const a = frameAlloc(f, 5, 1);
    frameFree(f, a, 5);
    expect(catchPanic(() => frameFree(f, a, 5))).toBe(`double free of frames at ${hex(a)}`);
  });
});
