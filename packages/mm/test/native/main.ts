import { allocBytes, kprint } from '@unishyper/rt';
import { FrameAllocator, Heap, initKernelHeap, kernelHeapStats, mmHeapAlloc, mmHeapFree } from '../../src/index';

export function main(): void {
  const mem = allocBytes(1 << 20, 1 << 20);
  const h = new Heap(mem, 1 << 19);
  const p = h.alloc(100, 64);
  kprint`p ${p - mem} ${h.check()}\n`;
  h.free(p);
  const fa = new FrameAllocator(mem + (1 << 19), 1 << 19);
  const f = fa.alloc(3, 1);
  kprint`f ${f - mem} ${fa.check()}\n`;
  fa.free(f, 3);
  const s = h.stats();
  kprint`${s.total} ${s.used} ${s.largestFree}\n`;
  initKernelHeap(allocBytes(65536, 16), 65536);
  const q = mmHeapAlloc(10, 8);
  mmHeapFree(q);
  kprint`${kernelHeapStats().totalAllocations}\n`;
}
