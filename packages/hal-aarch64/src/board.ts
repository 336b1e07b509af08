/**
 * The Board interface: what a board package (board-virt, board-shyper,
 * board-tx2) tells the kernel about its machine. A board adds no feature
 * plumbing; it only implements this. One board per image, so calls through
 * it are direct calls.
 */
import type { Console } from './console';

/** How PSCI and other firmware calls reach the firmware. */
export const Conduit = { Hvc: 0, Smc: 1 } as const;

export interface Board {
  /** Short name printed in the banner, e.g. "qemu-virt". */
  name(): string;
  /** Brings up the console and reads the memory map; `dtb` is the device-tree address (0 if none). */
  init(dtb: number): void;
  console(): Console;
  /** Physical RAM: base address and size in bytes. */
  ramBase(): number;
  ramSize(): number;
  /** Number of CPU cores. */
  cpuCount(): number;
  /** Conduit for PSCI calls: Conduit.Hvc or Conduit.Smc. */
  psciConduit(): number;
}
