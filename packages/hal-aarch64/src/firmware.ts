/**
 * Firmware calls: SMC/HVC (SMC Calling Convention) and Arm semihosting.
 * Natively these are the assembly routines in native/firmware.S; under Node
 * the bodies run and forward to the simulated firmware (src/sim), which
 * tests install.
 */
import type { u64 } from '@unishyper/rt';
import { simFirmware } from './sim/firmware';

/**
 * HVC #0 with x0 = fn, x1..x3 = args; returns x0.
 * @native hal_hvc_call
 */
export function hvcCall(fn: u64, a1: u64, a2: u64, a3: u64): u64 {
  return simFirmware().call('hvc', fn, a1, a2, a3);
}

/**
 * SMC #0 with x0 = fn, x1..x3 = args; returns x0.
 * @native hal_smc_call
 */
export function smcCall(fn: u64, a1: u64, a2: u64, a3: u64): u64 {
  return simFirmware().call('smc', fn, a1, a2, a3);
}

/**
 * Semihosting operation `op` with argument block at `arg`; returns x0.
 * @native hal_semihost_call
 */
export function semihostCall(op: number, arg: number): number {
  return simFirmware().semihost(op, arg);
}
