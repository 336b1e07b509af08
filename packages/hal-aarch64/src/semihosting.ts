/**
 * Arm semihosting, used to end a run with an exit status under QEMU
 * (`-semihosting`). Without a debugger attached the call traps; the caller
 * then falls back to PSCI SYSTEM_OFF.
 */
import { allocBytes, store64, u64 } from '@unishyper/rt';
import { semihostCall } from './firmware';

const SYS_EXIT = 0x18;
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;

let block = 0;

/** Reserves the parameter block early, so exiting works even with an exhausted heap. */
export function prepareExit(): void {
  if (block === 0) block = allocBytes(16, 8);
}

/** Asks the host to end the program with `status` (AArch64 SYS_EXIT with a parameter block). */
export function semihostExit(status: number): void {
  prepareExit();
  store64(block, u64(ADP_STOPPED_APPLICATION_EXIT));
  store64(block + 8, u64(status));
  semihostCall(SYS_EXIT, block);
}
