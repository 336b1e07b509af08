import { beforeEach, describe, expect, it } from 'vitest';
import { u64 } from './int.js';
import { catchPanic, getSysreg, hookSysreg, resetMachine, setSysreg, SYSREGS } from './sim/index.js';
import { readSysreg, writeSysreg } from './sysreg.js';

beforeEach(() => resetMachine());

describe('system registers', () => {
  it('start at the reset values of a single EL1 core', () => {
    expect(readSysreg('CurrentEL')).toBe(4n);
    expect(readSysreg('MPIDR_EL1')).toBe(0x8000_0000n);
    expect(readSysreg('CNTFRQ_EL0')).toBe(62_500_000n);
    expect(readSysreg('CNTVCT_EL0')).toBe(0n);
    expect(readSysreg('TPIDR_EL1')).toBe(0n);
    expect(SYSREGS).toHaveLength(34);
  });

  it('store writes, wrapped to 64 bits', () => {
    writeSysreg('TPIDR_EL1', u64(0x1234));
    expect(readSysreg('TPIDR_EL1')).toBe(0x1234n);
    writeSysreg('VBAR_EL1', u64(-1));
    expect(readSysreg('VBAR_EL1')).toBe(2n ** 64n - 1n);
    expect(getSysreg('VBAR_EL1')).toBe(2n ** 64n - 1n);
  });

  it('refuse writes to read-only registers', () => {
    for (const r of ['CNTVCT_EL0', 'MPIDR_EL1', 'CurrentEL'] as const) {
      expect(catchPanic(() => writeSysreg(r, u64(1)))).toBe(`write to read-only system register ${r}`);
    }
  });

  it('take presets from tests and from resetMachine', () => {
    setSysreg('CNTVCT_EL0', 1000);
    expect(readSysreg('CNTVCT_EL0')).toBe(1000n);
    resetMachine({ sysregs: { MPIDR_EL1: 0x8000_0003n, CNTFRQ_EL0: 24_000_000 } });
    expect(readSysreg('MPIDR_EL1')).toBe(0x8000_0003n);
    expect(readSysreg('CNTFRQ_EL0')).toBe(24_000_000n);
    expect(readSysreg('CNTVCT_EL0')).toBe(0n);
  });

  it('let hooks replace reads and writes', () => {
    let ticks = 0n;
    const written: bigint[] = [];
    hookSysreg('CNTVCT_EL0', { read: () => (ticks += 10n) });
    hookSysreg('DAIF', { write: (v) => written.push(v) });
    expect(readSysreg('CNTVCT_EL0')).toBe(10n);
    expect(readSysreg('CNTVCT_EL0')).toBe(20n);
    writeSysreg('DAIF', u64(0x80));
    expect(written).toEqual([0x80n]);
    expect(readSysreg('DAIF')).toBe(0x3c0n);
    hookSysreg('CNTVCT_EL0', null);
    expect(readSysreg('CNTVCT_EL0')).toBe(0n);
  });

  it('model the virtual timer: TVAL, CVAL and ISTATUS', () => {
    setSysreg('CNTVCT_EL0', 1000);
    writeSysreg('CNTV_TVAL_EL0', u64(500));
    expect(readSysreg('CNTV_CVAL_EL0')).toBe(1500n);
    expect(readSysreg('CNTV_TVAL_EL0')).toBe(500n);
    writeSysreg('CNTV_CTL_EL0', u64(0b111));
    expect(readSysreg('CNTV_CTL_EL0')).toBe(0b011n); // enabled, masked, not yet fired
    setSysreg('CNTVCT_EL0', 1600);
    expect(readSysreg('CNTV_CTL_EL0')).toBe(0b111n); // ISTATUS
    expect(readSysreg('CNTV_TVAL_EL0')).toBe(2n ** 64n - 100n); // -100, sign-extended
    writeSysreg('CNTV_TVAL_EL0', u64(0xffff_ffff)); // -1 as 32 bits
    expect(readSysreg('CNTV_CVAL_EL0')).toBe(1599n);
    writeSysreg('CNTV_CTL_EL0', u64(0));
    expect(readSysreg('CNTV_CTL_EL0')).toBe(0n);
  });
});
