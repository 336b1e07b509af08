// @node-only: the simulated firmware behind firmware.ts. Not dialect code.
import type { u64 } from '@unishyper/rt';

export interface SimFirmware {
  call(conduit: 'hvc' | 'smc', fn: u64, a1: u64, a2: u64, a3: u64): u64;
  semihost(op: number, arg: number): number;
}

const PSCI_NOT_SUPPORTED = BigInt.asUintN(64, -1n) as u64;

const none: SimFirmware = {
  call: () => PSCI_NOT_SUPPORTED,
  semihost: () => -1,
};

let current: SimFirmware = none;

export function simFirmware(): SimFirmware {
  return current;
}

/** Installs a firmware model for a test; returns a function restoring the previous one. */
export function installFirmware(fw: SimFirmware): () => void {
  const prev = current;
  current = fw;
  return () => {
    current = prev;
  };
}
