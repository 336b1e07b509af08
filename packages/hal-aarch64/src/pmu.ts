/**
 * Counting retired instructions with the PMU (Arm ARM D11, PMUv3): event
 * counter 0 set to INST_RETIRED (event 0x08) at EL1 and EL0, for benchmarks.
 * Under QEMU with -icount the event is exact (QEMU counts executed
 * instructions), and a core idling in wfi retires none, so time spent
 * waiting for a device does not count — unlike the virtual counter, which
 * runs on while idle. The counter is 32 bits wide: take differences modulo
 * 2^32 (instructionsBetween), which is right for intervals below 2^32.
 * Per core: read it on the core that started it.
 */
import { num, readSysreg, u32, u64, writeSysreg } from '@unishyper/rt';

/** PMCR_EL0.E: counters enabled. */
const PMCR_E = 1;
/** PMEVTYPER: event INST_RETIRED, counting at EL1 and EL0 (P and U clear), and at EL2 (NSH set) for kernels left there. */
const INST_RETIRED = 0x08;
const PMEVTYPER_NSH = 1 << 27;

/** Enables event counter 0 on this core for retired instructions, from 0. */
export function startInstructionCounter(): void {
  writeSysreg('PMEVTYPER0_EL0', u64(INST_RETIRED | PMEVTYPER_NSH));
  writeSysreg('PMEVCNTR0_EL0', u64(0));
  writeSysreg('PMCNTENSET_EL0', u64(1));
  writeSysreg('PMCR_EL0', u64(num(readSysreg('PMCR_EL0')) | PMCR_E));
}

/** The counter's current value (32 bits). */
export function instructionsRetired(): number {
  return u32(num(u64(readSysreg('PMEVCNTR0_EL0') & 0xffff_ffffn)));
}

/** Instructions from reading `before` to reading `after`, modulo 2^32. */
export function instructionsBetween(before: number, after: number): number {
  return u32(after - before);
}
