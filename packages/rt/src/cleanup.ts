/**
 * Clean-up after a thread that ended inside `using` scopes
 * (native/rt_cleanup.h). Natively each `using` of an object pushes a
 * record on the running thread's clean-up chain, and the scheduler runs
 * what an abnormally ended thread left there. Under Node, `using` is
 * JavaScript's own and there is one flow of control: no chain exists, the
 * slot is 0 and nothing is ever left to run.
 */

/**
 * Offset of the clean-up slot's address in the kernel's per-core block
 * (RT_CLEANUP_SLOT_OFFSET in native/rt_cleanup.h; packages/sched lays the
 * block out with it).
 */
export const CLEANUP_SLOT_OFFSET = 16;

/** The address of the running thread's clean-up slot (natively; 0 under Node). */
export function cleanupSlot(): number {
  return 0;
}

/**
 * Runs and empties the clean-up chain in the slot at `slot`, whose records
 * must lie in [lo, hi) (the ended thread's stack); returns how many ran.
 * Under Node there is never a chain, so none run.
 */
export function runCleanups(_slot: number, _lo: number, _hi: number): number {
  return 0;
}
