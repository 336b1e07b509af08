import { beforeEach, describe, expect, it } from 'vitest';
import { getSysreg, resetMachine, setSysreg } from '@unishyper/rt/sim';
import { instructionsBetween, instructionsRetired, startInstructionCounter } from './pmu';

beforeEach(() => resetMachine());

describe('PMU instruction counter', () => {
  it('programs counter 0 for INST_RETIRED at EL0/EL1/EL2, zeroes it and enables it', () => {
    setSysreg('PMCR_EL0', 0x4100_3000n); // other PMCR bits are kept
    setSysreg('PMEVCNTR0_EL0', 1234n);
    startInstructionCounter();
    expect(getSysreg('PMEVTYPER0_EL0')).toBe(0x0800_0008n);
    expect(getSysreg('PMEVCNTR0_EL0')).toBe(0n);
    expect(getSysreg('PMCNTENSET_EL0')).toBe(1n);
    expect(getSysreg('PMCR_EL0')).toBe(0x4100_3001n);
  });

  it('reads the 32-bit count and takes differences modulo 2^32', () => {
    setSysreg('PMEVCNTR0_EL0', 0x1_0000_0005n); // bits above 31 are not the counter's
    expect(instructionsRetired()).toBe(5);
    expect(instructionsBetween(100, 250)).toBe(150);
    expect(instructionsBetween(0xffff_fff0, 0x10)).toBe(0x20);
  });
});
