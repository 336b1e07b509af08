/**
 * MMIO intrinsics. Natively single accesses of exactly the given width
 * (`volatile`, or inline ldr/str on AArch64); under Node dispatched to the
 * device model mapped over the address (see `mapDevice` in the sim API), or
 * to simulated RAM when no model covers it. The address must be naturally
 * aligned: a misaligned MMIO access faults on hardware and panics here.
 */
import { busRead, busRead64, busWrite, busWrite64 } from './bus.js';
import { formatHex } from './format.js';
import type { u16, u32, u64, u8 } from './int.js';
import { panic } from './panic.js';

function aligned(addr: number, width: number, op: string): number {
  if (Number.isSafeInteger(addr) && addr % width !== 0) {
    panic(`bus error: ${op} at misaligned address ${formatHex(addr)}`);
  }
  return addr;
}

export function mmioRead8(addr: number): u8 {
  return busRead(addr, 1, 'mmioRead8') as u8;
}

export function mmioRead16(addr: number): u16 {
  return busRead(aligned(addr, 2, 'mmioRead16'), 2, 'mmioRead16') as u16;
}

export function mmioRead32(addr: number): u32 {
  return busRead(aligned(addr, 4, 'mmioRead32'), 4, 'mmioRead32') as u32;
}

export function mmioRead64(addr: number): u64 {
  return busRead64(aligned(addr, 8, 'mmioRead64'), 'mmioRead64') as u64;
}

export function mmioWrite8(addr: number, v: number): void {
  busWrite(addr, 1, v, 'mmioWrite8');
}

export function mmioWrite16(addr: number, v: number): void {
  busWrite(aligned(addr, 2, 'mmioWrite16'), 2, v, 'mmioWrite16');
}

export function mmioWrite32(addr: number, v: number): void {
  busWrite(aligned(addr, 4, 'mmioWrite32'), 4, v, 'mmioWrite32');
}

export function mmioWrite64(addr: number, v: bigint): void {
  busWrite64(aligned(addr, 8, 'mmioWrite64'), v, 'mmioWrite64');
}
