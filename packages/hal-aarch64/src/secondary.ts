/**
 * Starting secondary cores. Every board starts a core at native/boot.S's
 * `hal_secondary_entry` with x0 = the top of a stack the caller allocated:
 * through PSCI CPU_ON (psci.ts) or, on a spin-table board, by writing the
 * entry to the core's release address (spin-table.ts). The core then calls
 * the image's `hal_secondary_main(core)` (an `@export`ed TypeScript
 * function, e.g. the scheduler's).
 */
import { panic } from '@unishyper/rt';
import { currentBoard } from './kernel';

/**
 * Address of hal_secondary_entry (0 under Node).
 * @native hal_secondary_entry_address
 */
export function secondaryEntryAddress(): number {
  return 0;
}

/** Starts core `core` on the stack ending at `stackTop`, as the board does it; 0 or the board's (negative) error. */
export function startSecondaryCore(core: number, stackTop: number): number {
  const b = currentBoard();
  if (b === null) return panic('startSecondaryCore: before kernelStart (no board)');
  return b.startCore(core, stackTop);
}
