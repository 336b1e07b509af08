/**
 * Board.startCore on a spin-table board (the Raspberry Pi): the firmware
 * parks each secondary core until its release address holds an entry
 * point; native/spin-table.S leaves the core's stack where its entry finds
 * it and writes the release address. No reply comes back: the caller waits
 * for the core to report itself online, as after PSCI CPU_ON.
 */
import { store64, u64 } from '@unishyper/rt';

/** Cores native/spin-table.S has stack slots for (MPIDR affinity 0 below this). */
export const SPIN_TABLE_CORES = 8;
/** PSCI's INVALID_PARAMETERS, so callers report both kinds of start alike. */
const INVALID_PARAMETERS = -2;

/**
 * @native hal_spin_table_release
 */
function spinTableRelease(core: number, stackTop: number, releaseAddr: number): void {
  // Under Node: a non-zero word at the release address, as the parked core would see it.
  store64(releaseAddr, u64(core + 1));
  void stackTop;
}

/** Releases core `core` from the spin table slot at `releaseAddr` onto the stack ending at `stackTop`; 0, or -2 for a core or address out of range. */
export function spinTableStartCore(core: number, releaseAddr: number, stackTop: number): number {
  if (core <= 0 || core >= SPIN_TABLE_CORES || releaseAddr <= 0 || releaseAddr % 8 !== 0) return INVALID_PARAMETERS;
  spinTableRelease(core, stackTop, releaseAddr);
  return 0;
}
