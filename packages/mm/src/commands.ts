/**
 * The shell command of the `mm` feature: `free`, the kernel heap's and the
 * frame allocator's figures. The kernel has no frame allocator of its own
 * yet, so the app passes the one it made (0: none, and free says so).
 */
import { ArgKind, type Argv, Command, type CommandRegistry, type TermOutput, writeLeft, writeNumRight } from '@unishyper/terminal';
import { FRAME_SIZE, FrameStats, frameReadStats } from './frame.js';
import { HeapStats } from './heap.js';
import { readKernelHeapStats } from './kernel-heap.js';

let heap: HeapStats | null = null;
let frames: FrameStats | null = null;
let frameCtl = 0;

/** Registers `free`; `frameAllocator` is a FrameAllocator control block (frameInit's result) or 0. */
export function registerMmCommands(reg: CommandRegistry, frameAllocator: number): void {
  // Made once here: free itself must not allocate, or it would count its own records.
  if (heap === null) heap = new HeapStats();
  if (frames === null) frames = new FrameStats();
  frameCtl = frameAllocator;
  reg.register(new Command('free', 'free', 'Dump memory usage info: the kernel heap and the frame allocator.', 'mm', 0, 0, ArgKind.None, free));
}

function free(_argv: Argv, out: TermOutput): number {
  const h = heap!;
  readKernelHeapStats(h);
  out.write('                  total       used       free    largest   allocs\n');
  row(out, 'heap (bytes)', h.total, h.used, h.free, h.largestFree, h.liveAllocations);
  if (frameCtl === 0) {
    out.write('frames: no frame allocator in this image\n');
    return 0;
  }
  const f = frames!;
  frameReadStats(frameCtl, f);
  row(out, 'frames (4 KiB)', f.totalFrames, f.usedFrames, f.freeFrames, f.largestFree, f.liveAllocations);
  out.write('frame size ');
  out.writeNum(FRAME_SIZE);
  out.write(' bytes\n');
  return 0;
}

function row(out: TermOutput, what: string, total: number, used: number, free: number, largest: number, allocs: number): void {
  writeLeft(out, what, 14);
  writeNumRight(out, total, 10);
  writeNumRight(out, used, 11);
  writeNumRight(out, free, 11);
  writeNumRight(out, largest, 11);
  writeNumRight(out, allocs, 9);
  out.write('\n');
}
