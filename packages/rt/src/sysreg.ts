/**
 * System registers. Natively `readSysreg('X')` is `mrs x, X` and
 * `writeSysreg('X', v)` is `msr X, v` (the name must be a string literal).
 * Under Node they hit a simulated register file, reset by the sim API, where
 * tests preset values and hook reads and writes.
 *
 * Simulated behaviour beyond plain storage:
 * - CNTVCT_EL0, MPIDR_EL1 and CurrentEL are read-only: writing panics.
 * - CNTV_TVAL_EL0 reads as the low 32 bits of CNTV_CVAL_EL0 - CNTVCT_EL0
 *   (sign-extended); writing it sets CNTV_CVAL_EL0 = CNTVCT_EL0 + sext32(v).
 * - CNTV_CTL_EL0 bit 2 (ISTATUS) reads as 1 when the timer is enabled
 *   (bit 0) and CNTVCT_EL0 >= CNTV_CVAL_EL0; writes keep bits 0 and 1 only.
 * - ICC_IAR1_EL1 and ID_AA64PFR0_EL1 are read-only too; ICC_EOIR1_EL1 and
 *   ICC_SGI1R_EL1 are write-only: reading them panics. The GICv3 CPU
 *   interface registers (ICC_*) are plain storage unless a GIC model hooks
 *   them (hal-aarch64's sim does).
 * The counter does not advance by itself: tests move it with `setSysreg`.
 */
import type { u64 } from './int.js';
import { panic } from './panic.js';

export type SysReg =
  | 'CNTVCT_EL0'
  | 'CNTFRQ_EL0'
  | 'CNTV_CTL_EL0'
  | 'CNTV_CVAL_EL0'
  | 'CNTV_TVAL_EL0'
  | 'TPIDR_EL0'
  | 'TPIDR_EL1'
  | 'MPIDR_EL1'
  | 'CurrentEL'
  | 'DAIF'
  | 'VBAR_EL1'
  | 'SCTLR_EL1'
  | 'TCR_EL1'
  | 'MAIR_EL1'
  | 'TTBR0_EL1'
  | 'ESR_EL1'
  | 'FAR_EL1'
  | 'ELR_EL1'
  | 'SPSR_EL1'
  | 'SP_EL0'
  | 'CNTKCTL_EL1'
  | 'ID_AA64PFR0_EL1'
  | 'ICC_SRE_EL1'
  | 'ICC_PMR_EL1'
  | 'ICC_CTLR_EL1'
  | 'ICC_IGRPEN1_EL1'
  | 'ICC_IAR1_EL1'
  | 'ICC_EOIR1_EL1'
  | 'ICC_SGI1R_EL1'
  | 'PMCR_EL0'
  | 'PMCNTENSET_EL0'
  | 'PMEVTYPER0_EL0'
  | 'PMEVCNTR0_EL0'
  | 'PMCCNTR_EL0';

/** Every system register name, in declaration order. */
export const SYSREGS: readonly SysReg[] = [
  'CNTVCT_EL0', 'CNTFRQ_EL0', 'CNTV_CTL_EL0', 'CNTV_CVAL_EL0', 'CNTV_TVAL_EL0',
  'TPIDR_EL0', 'TPIDR_EL1', 'MPIDR_EL1', 'CurrentEL', 'DAIF', 'VBAR_EL1',
  'SCTLR_EL1', 'TCR_EL1', 'MAIR_EL1', 'TTBR0_EL1', 'ESR_EL1', 'FAR_EL1',
  'ELR_EL1', 'SPSR_EL1', 'SP_EL0', 'CNTKCTL_EL1', 'ID_AA64PFR0_EL1',
  'ICC_SRE_EL1', 'ICC_PMR_EL1', 'ICC_CTLR_EL1', 'ICC_IGRPEN1_EL1', 'ICC_IAR1_EL1',
  'ICC_EOIR1_EL1', 'ICC_SGI1R_EL1',
  'PMCR_EL0', 'PMCNTENSET_EL0', 'PMEVTYPER0_EL0', 'PMEVCNTR0_EL0', 'PMCCNTR_EL0',
];

const READ_ONLY: ReadonlySet<SysReg> = new Set<SysReg>(['CNTVCT_EL0', 'MPIDR_EL1', 'CurrentEL', 'ID_AA64PFR0_EL1', 'ICC_IAR1_EL1']);
const WRITE_ONLY: ReadonlySet<SysReg> = new Set<SysReg>(['ICC_EOIR1_EL1', 'ICC_SGI1R_EL1']);

/** Values after reset: a single Cortex-A53 core at EL1 with a 62.5 MHz counter at 0, as on QEMU virt (GICv2: no GIC system registers). */
export const SYSREG_RESET_VALUES: Readonly<Partial<Record<SysReg, bigint>>> = {
  CNTFRQ_EL0: 62_500_000n,
  MPIDR_EL1: 0x8000_0000n,
  CurrentEL: 0x4n,
  DAIF: 0x3c0n,
  SCTLR_EL1: 0x30d0_0800n,
  ID_AA64PFR0_EL1: 0x2222n,
};

/** Hooks a test can install on one register; they replace the stored value. */
export interface SysregHook {
  read?: () => bigint | number;
  write?: (v: bigint) => void;
}

let regs = new Map<SysReg, bigint>();
let hooks = new Map<SysReg, SysregHook>();

const asU64 = (v: bigint | number): bigint => BigInt.asUintN(64, BigInt(v));

export function resetSysregs(): void {
  regs = new Map();
  for (const name of SYSREGS) regs.set(name, SYSREG_RESET_VALUES[name] ?? 0n);
  hooks = new Map();
}

/** Sets the stored value (bypassing read-only checks and hooks). */
export function presetSysreg(name: SysReg, v: bigint | number): void {
  regs.set(name, asU64(v));
}

/** The stored value, without hooks or derived behaviour. */
export function peekSysreg(name: SysReg): bigint {
  return regs.get(name) ?? 0n;
}

export function hookSysreg(name: SysReg, hook: SysregHook | null): void {
  if (hook === null) hooks.delete(name);
  else hooks.set(name, hook);
}

function counter(): bigint {
  return readSysreg('CNTVCT_EL0');
}

export function readSysreg(name: SysReg): u64 {
  if (WRITE_ONLY.has(name)) panic(`read of write-only system register ${name}`);
  const hook = hooks.get(name);
  if (hook?.read) return asU64(hook.read()) as u64;
  if (name === 'CNTV_TVAL_EL0') {
    return asU64(BigInt.asIntN(32, peekSysreg('CNTV_CVAL_EL0') - counter())) as u64;
  }
  if (name === 'CNTV_CTL_EL0') {
    const ctl = peekSysreg('CNTV_CTL_EL0') & 3n;
    const fired = (ctl & 1n) === 1n && counter() >= peekSysreg('CNTV_CVAL_EL0');
    return (fired ? ctl | 4n : ctl) as u64;
  }
  return peekSysreg(name) as u64;
}

export function writeSysreg(name: SysReg, v: u64): void {
  const value = asU64(v);
  if (READ_ONLY.has(name)) panic(`write to read-only system register ${name}`);
  const hook = hooks.get(name);
  if (hook?.write) {
    hook.write(value);
    return;
  }
  if (name === 'CNTV_TVAL_EL0') {
    regs.set('CNTV_CVAL_EL0', asU64(counter() + BigInt.asIntN(32, value)));
    return;
  }
  if (name === 'CNTV_CTL_EL0') {
    regs.set(name, value & 3n);
    return;
  }
  regs.set(name, value);
}

resetSysregs();
