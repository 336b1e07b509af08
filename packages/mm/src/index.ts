/**
 * @unishyper/mm: physical memory management.
 *
 * - FrameAllocator: 4 KiB physical frames, binary buddy (frame.ts).
 * - Heap: the kernel heap, TLSF (heap.ts); the module-level kernel heap and
 *   its C hooks mm_heap_alloc / mm_heap_free (kernel-heap.ts).
 *
 * Both keep every bit of metadata inside the memory they manage and need no
 * heap to be created. The classes are handles over a control block; the
 * `frame*`/`heap*` functions are the same allocators without an object.
 */
export {
  FRAME_SIZE, FRAME_MAX_ORDER, FrameAllocator, FrameStats,
  frameInit, frameAlloc, frameFree, frameLargestFree, frameReadStats, frameCheck,
} from './frame.js';
export {
  HEAP_CTL_BYTES, HEAP_HEADER_BYTES, HEAP_MIN_BLOCK, HEAP_MAX_ALIGN, Heap, HeapStats,
  heapInit, heapAlloc, heapTryAlloc, heapFree, heapLargestFree, heapReadStats, heapCheck,
} from './heap.js';
export {
  initKernelHeap, kernelHeapReady, mmHeapAlloc, mmHeapFree, kernelHeapStats, readKernelHeapStats, checkKernelHeap,
} from './kernel-heap.js';
export { registerMmCommands } from './commands';
