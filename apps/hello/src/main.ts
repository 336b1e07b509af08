// apps/hello: the first image. Prints what it booted on and the kernel
// heap's statistics, then powers off with status 0.
import { currentBoard } from '@unishyper/hal-aarch64';
import { kernelHeapStats } from '@unishyper/mm';
import { hex, idiv, kprint } from '@unishyper/rt';

export function main(): number {
  const board = currentBoard();
  if (board === null) return 1;
  const mib = idiv(board.ramSize(), 1024 * 1024);
  kprint`\nUnishyper hello on ${board.name()}: ${board.cpuCount()} core(s), ${mib} MiB RAM at ${hex(board.ramBase())}\n`;
  const heap = kernelHeapStats();
  kprint`heap: ${heap.total} bytes, ${heap.used} used, ${heap.free} free, largest free block ${heap.largestFree}, ${heap.liveAllocations} allocation(s)\n`;
  return 0;
}
