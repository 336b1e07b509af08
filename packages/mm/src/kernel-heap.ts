/**
 * The kernel heap: one module-level Heap that the rest of the kernel
 * allocates from. It is kept as a control-block address, not an object,
 * so it can be set up before any heap exists; `initKernelHeap(base, size)`
 * is the first thing the kernel does with memory.
 *
 * `mmHeapAlloc`/`mmHeapFree` are what the dialect's `new`/`release`
 * (rt_alloc/rt_free) end in: an image's generated entry exports C
 * `mm_heap_alloc`/`mm_heap_free`, which take hal-aarch64's kernel heap lock
 * (every core allocates) and call these. The heap itself is
 * single-threaded and lock-free, so it stays testable under Node.
 *
 * The image calls initKernelHeap before any module initialiser runs (so that
 * initialisers may use `new`). That is safe because every module-level
 * variable of this package has a constant initialiser, which the compiler
 * places in .data instead of running code at start-up: keep it that way.
 */
import { panic } from '@unishyper/rt';
import { HeapStats, heapAlloc, heapCheck, heapFree, heapInit, heapReadStats } from './heap.js';

let kernelHeapCtl = 0;

/**
 * Makes [base, base + size) the kernel heap. Calling it again starts a new,
 * empty kernel heap (blocks of the old one must no longer be used).
 */
export function initKernelHeap(base: number, size: number): void {
  kernelHeapCtl = heapInit(base, size);
}

/** Whether initKernelHeap has run. */
export function kernelHeapReady(): boolean {
  return kernelHeapCtl !== 0;
}

function kernelHeap(): number {
  if (kernelHeapCtl === 0) panic('kernel heap used before initKernelHeap');
  return kernelHeapCtl;
}

/**
 * `size` bytes aligned to `align` from the kernel heap; never 0 (exhaustion
 * panics `out of memory: ...`). Not locked: see the file comment.
 */
export function mmHeapAlloc(size: number, align: number): number {
  return heapAlloc(kernelHeap(), size, align);
}

/**
 * Returns a block to the kernel heap; a double or invalid free panics. Not locked.
 */
export function mmHeapFree(addr: number): void {
  heapFree(kernelHeap(), addr);
}

/**
 * A statistics snapshot of the kernel heap in a new HeapStats (the caller
 * releases it). It is allocated before the statistics are read, so when `new`
 * allocates from the kernel heap the snapshot counts itself; the `free`
 * command should keep one HeapStats and use readKernelHeapStats instead.
 */
export function kernelHeapStats(): HeapStats {
  const h = kernelHeap();
  const s = new HeapStats();
  heapReadStats(h, s);
  return s;
}

/** Fills `out` with the kernel heap's statistics (allocates nothing). */
export function readKernelHeapStats(out: HeapStats): void {
  heapReadStats(kernelHeap(), out);
}

/** Full consistency walk of the kernel heap; panics on corruption; returns the number of blocks. */
export function checkKernelHeap(): number {
  return heapCheck(kernelHeap());
}
