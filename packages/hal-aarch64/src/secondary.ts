/**
 * Starting secondary cores: PSCI CPU_ON at native/boot.S's
 * `hal_secondary_entry` with the top of a stack the caller allocated; the
 * core then calls the image's `hal_secondary_main(core)` (an `@export`ed
 * TypeScript function, e.g. the scheduler's).
 */
import { cpuOn } from './psci';

/**
 * Address of hal_secondary_entry (0 under Node).
 * @native hal_secondary_entry_address
 */
export function secondaryEntryAddress(): number {
  return 0;
}

/** Starts core `core` (MPIDR affinity 0 on virt) on the stack ending at `stackTop`; 0 or a PSCI error. */
export function startSecondaryCore(core: number, stackTop: number): number {
  return cpuOn(core, secondaryEntryAddress(), stackTop);
}
