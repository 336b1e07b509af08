/**
 * Addresses above 4 GiB: nothing in either allocator may go through the
 * 32-bit bitwise operators. RAM is placed at 32 GiB + 4 MiB - 4 KiB, so
 * blocks straddle the interesting power-of-two boundaries.
 */
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, expect, it } from 'vitest';
import { hex, Rng } from '../test/util';
import { FRAME_SIZE, FrameAllocator, Heap } from './index';

const RAM = 0x8_0000_0000 + 0x40_0000 - FRAME_SIZE;
const RAM_SIZE = 16 << 20;

beforeEach(() => resetMachine({ ramBase: RAM, ramSize: RAM_SIZE }));

it('runs the heap above 4 GiB', () => {
  const h = new Heap(RAM, 1 << 20);
  const rng = new Rng(3);
  const live: number[] = [];
  for (let i = 0; i < 500; i++) {
    if (live.length > 0 && rng.below(3) === 0) h.free(live.splice(rng.below(live.length), 1)[0]!);
    else {
      const align = 1 << rng.below(13);
      const p = h.tryAlloc(rng.below(5000), align);
      if (p !== 0) {
        expect(p % align).toBe(0);
        expect(p).toBeGreaterThan(RAM);
        live.push(p);
      }
    }
  }
  h.check();
  const p = live[0]!;
  for (const q of live) h.free(q);
  expect(catchPanic(() => h.free(p))).toBe(`double free of ${hex(p)}`);
  expect(h.check()).toBe(1);
});

it('runs the frame allocator above 4 GiB with physically aligned blocks', () => {
  const fa = new FrameAllocator(RAM, 8 << 20);
  const first = RAM + FRAME_SIZE;
  // The first allocatable frame sits just below a 4 MiB boundary; the next blocks are 4 MiB-aligned.
  expect(first % (4 << 20)).toBe(0);
  const s = fa.stats();
  expect(s.totalFrames).toBe(2047);
  const a = fa.alloc(1024, 1024);
  expect(a).toBe(first);
  expect(a % (4 << 20)).toBe(0);
  const b = fa.alloc(3, 1);
  expect(b).toBeGreaterThanOrEqual(first + (4 << 20));
  fa.check();
  fa.free(a, 1024);
  fa.free(b, 3);
  expect(catchPanic(() => fa.free(b, 3))).toBe(`double free of frames at ${hex(b)}`);
  expect(fa.check()).toBe(s.freeBlocks);
});
