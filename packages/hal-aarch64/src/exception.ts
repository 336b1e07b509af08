/**
 * Decoding of synchronous exceptions for the fault report: the exception
 * class (ESR_EL1.EC, ARM ARM D17.2.37) and the fault status of aborts.
 */

/** Name of an exception class. */
export function exceptionClassName(ec: number): string {
  switch (ec) {
    case 0x00: return 'unknown reason';
    case 0x01: return 'trapped WFI/WFE';
    case 0x07: return 'access to SIMD/FP registers trapped';
    case 0x0e: return 'illegal execution state';
    case 0x15: return 'SVC from AArch64';
    case 0x16: return 'HVC from AArch64';
    case 0x17: return 'SMC from AArch64';
    case 0x18: return 'trapped MSR/MRS/system instruction';
    case 0x20: return 'instruction abort from a lower EL';
    case 0x21: return 'instruction abort';
    case 0x22: return 'PC alignment fault';
    case 0x24: return 'data abort from a lower EL';
    case 0x25: return 'data abort';
    case 0x26: return 'SP alignment fault';
    case 0x2f: return 'SError';
    case 0x30: return 'breakpoint from a lower EL';
    case 0x31: return 'breakpoint';
    case 0x32: return 'software step from a lower EL';
    case 0x33: return 'software step';
    case 0x34: return 'watchpoint from a lower EL';
    case 0x35: return 'watchpoint';
    case 0x3c: return 'BRK instruction';
    default: return 'reserved exception class';
  }
}

/** Data/instruction fault status code (ISS.DFSC/IFSC) in words. */
export function faultStatusName(fsc: number): string {
  const level = fsc & 3;
  switch (fsc & 0x3c) {
    case 0x00: return level === 0 ? 'address size fault, level 0' : 'address size fault';
    case 0x04: return 'translation fault';
    case 0x08: return 'access flag fault';
    case 0x0c: return 'permission fault';
    case 0x10: return fsc === 0x10 ? 'synchronous external abort' : 'synchronous external abort on table walk';
    case 0x20: return fsc === 0x21 ? 'alignment fault' : 'fault';
    default: return 'fault';
  }
}

/** True for data and instruction aborts, whose FAR holds the faulting address. */
export function isAbort(ec: number): boolean {
  return ec === 0x20 || ec === 0x21 || ec === 0x24 || ec === 0x25;
}
