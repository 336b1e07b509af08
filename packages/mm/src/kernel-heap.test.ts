import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { beforeEach, expect, it } from 'vitest';
import { hex } from '../test/util';
import {
  HeapStats, checkKernelHeap, initKernelHeap, kernelHeapReady, kernelHeapStats, mmHeapAlloc, mmHeapFree, readKernelHeapStats,
} from './index';

const RAM = 0x4000_0000;

beforeEach(() => resetMachine());

// Module state: this test must run before any initKernelHeap in this file.
it('panics when used before initKernelHeap', () => {
  expect(kernelHeapReady()).toBe(false);
  expect(catchPanic(() => mmHeapAlloc(16, 16))).toBe('kernel heap used before initKernelHeap');
  expect(catchPanic(() => mmHeapFree(RAM))).toBe('kernel heap used before initKernelHeap');
  expect(catchPanic(() => kernelHeapStats())).toBe('kernel heap used before initKernelHeap');
});

it('allocates and frees through the C hooks', () => {
  initKernelHeap(RAM, 1 << 20);
  expect(kernelHeapReady()).toBe(true);
  const a = mmHeapAlloc(24, 8);
  const b = mmHeapAlloc(4096, 4096);
  expect(a % 16).toBe(0);
  expect(b % 4096).toBe(0);
  let s = kernelHeapStats();
  expect(s.liveAllocations).toBe(2);
  expect(s.totalAllocations).toBe(2);
  expect(s.used + s.free).toBe(s.total);
  mmHeapFree(a);
  mmHeapFree(b);
  s = kernelHeapStats();
  expect(s.liveAllocations).toBe(0);
  expect(s.totalFrees).toBe(2);
  expect(s.freeBlocks).toBe(1);
  expect(checkKernelHeap()).toBe(1);
});

it('reports exhaustion, double and invalid frees with the address', () => {
  initKernelHeap(RAM, 4096 + 1024);
  const a = mmHeapAlloc(500, 16);
  expect(catchPanic(() => mmHeapAlloc(600, 16))).toBe('out of memory: 600 bytes (align 16), largest free block 480');
  mmHeapFree(a);
  expect(catchPanic(() => mmHeapFree(a))).toBe(`double free of ${hex(a)}`);
  expect(catchPanic(() => mmHeapFree(a + 4))).toBe(`invalid free of ${hex(a + 4)}: not an address in this heap`);
  const out = new HeapStats();
  readKernelHeapStats(out);
  expect(out.largestFree).toBe(1024 - 16);
});

it('starts over on a second initKernelHeap', () => {
  initKernelHeap(RAM, 1 << 16);
  mmHeapAlloc(100, 16);
  initKernelHeap(RAM + (1 << 16), 1 << 16);
  expect(kernelHeapStats().liveAllocations).toBe(0);
  expect(mmHeapAlloc(100, 16)).toBe(RAM + (1 << 16) + 4096 + 16);
});
