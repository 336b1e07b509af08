// apps/hello: the first image. Prints what it booted on, the memory in use
// and the kernel heap's statistics, then powers off with status 0.
import { currentBoard, imageFootprint, timerSelfTest } from '@unishyper/hal-aarch64';
import { HEAP_CTL_BYTES, kernelHeapStats } from '@unishyper/mm';
import { hex, idiv, kprint, num, readSysreg } from '@unishyper/rt';

export function main(): number {
  // Virtual counter ticks since reset (under QEMU -icount shift=4: instructions).
  const ticksAtMain = num(readSysreg('CNTVCT_EL0'));
  const board = currentBoard();
  if (board === null) return 1;
  const mib = idiv(board.ramSize(), 1024 * 1024);
  kprint`\nUnishyper hello on ${board.name()}: ${board.cpuCount()} core(s), ${mib} MiB RAM at ${hex(board.ramBase())}\n`;
  const heap = kernelHeapStats();
  kprint`heap: ${heap.total} bytes, ${heap.used} used, ${heap.free} free, largest free block ${heap.largestFree}, ${heap.liveAllocations} allocation(s)\n`;
  const image = imageFootprint();
  kprint`memory in use: ${image + HEAP_CTL_BYTES + heap.used} bytes (image with stacks ${image}, heap ${HEAP_CTL_BYTES + heap.used})\n`;
  kprint`main reached ${ticksAtMain} counter ticks after reset\n`;
  if (!timerSelfTest()) return 2;
  return 0;
}
