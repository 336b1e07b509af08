/**
 * PSCI (Arm DEN 0022) calls over the board's conduit: power off, reset,
 * start a core. Boards with PSCI firmware (virt, shyper, TX2) set the conduit
 * in init() and implement Board's startCore, powerOff and reset with these.
 */
import { i64, num, u64 } from '@unishyper/rt';
import { Conduit } from './board';
import { hvcCall, smcCall } from './firmware';
import { secondaryEntryAddress } from './secondary';

export const PSCI_SYSTEM_OFF = 0x84000008;
export const PSCI_SYSTEM_RESET = 0x84000009;
export const PSCI_CPU_ON_64 = 0xc4000003;

let conduit: number = Conduit.Hvc;

export function setPsciConduit(c: number): void {
  conduit = c;
}

function call(fn: number, a1: u64, a2: u64, a3: u64): number {
  const r = conduit === Conduit.Smc ? smcCall(u64(fn), a1, a2, a3) : hvcCall(u64(fn), a1, a2, a3);
  return num(i64(r));
}

/** Powers the machine off. Returns only if the firmware refused. */
export function systemOff(): number {
  return call(PSCI_SYSTEM_OFF, u64(0), u64(0), u64(0));
}

export function systemReset(): number {
  return call(PSCI_SYSTEM_RESET, u64(0), u64(0), u64(0));
}

/** Starts core `mpidr` at physical address `entry` with x0 = `context`; 0 on success, a PSCI error otherwise. */
export function cpuOn(mpidr: number, entry: number, context: number): number {
  return call(PSCI_CPU_ON_64, u64(mpidr), u64(entry), u64(context));
}

/** Board.startCore on a PSCI board: CPU_ON at hal_secondary_entry (MPIDR affinity 0 = `core`) with x0 = `stackTop`. */
export function psciStartCore(core: number, stackTop: number): number {
  return cpuOn(core, secondaryEntryAddress(), stackTop);
}
