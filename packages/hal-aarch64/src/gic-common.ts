/**
 * Register banks that the GICv2 distributor, the GICv3 distributor and the
 * GICv3 redistributor share (IHI 0048B 4.3, IHI 0069 12.9/12.10): one bit,
 * two bits or one byte per interrupt, packed into 32-bit registers from a
 * bank's base address. Every access is a single 32-bit MMIO access, which
 * every GIC implementation supports (byte accesses are not universal).
 */
import { idiv, kprint, mmioRead32, mmioWrite32, panic } from '@unishyper/rt';

/** Offsets of the banks in a distributor (and, for ids 0-31, in a GICv3 redistributor's SGI frame). */
export const GICD_IGROUPR = 0x080;
export const GICD_ISENABLER = 0x100;
export const GICD_ICENABLER = 0x180;
export const GICD_ISPENDR = 0x200;
export const GICD_ICPENDR = 0x280;
export const GICD_ISACTIVER = 0x300;
export const GICD_ICACTIVER = 0x380;
export const GICD_IPRIORITYR = 0x400;
export const GICD_ICFGR = 0xc00;

/** Address of the 32-bit register holding `irq` in a bank with `perRegister` fields per register (32, 16 or 4). */
function fieldRegister(bank: number, irq: number, perRegister: number): number {
  return bank + idiv(irq, perRegister) * 4;
}

/** Writes the single bit of `irq` in a write-1-to-act bank (ISENABLER, ICENABLER, ICPENDR, ...). */
export function writeIrqBit(bank: number, irq: number): void {
  mmioWrite32(fieldRegister(bank, irq, 32), 1 << (irq % 32));
}

/** Writes all-ones to every register of a write-1-to-act bank that covers ids from..lines-1 (`from` a multiple of 32). */
export function writeAllBits(bank: number, from: number, lines: number): void {
  for (let irq = from; irq < lines; irq += 32) mmioWrite32(fieldRegister(bank, irq, 32), -1);
}

/** Replaces the byte of `irq` in a byte-per-interrupt bank (IPRIORITYR, ITARGETSR) by read-modify-write. */
export function updateIrqByte(bank: number, irq: number, value: number): void {
  const reg = fieldRegister(bank, irq, 4);
  const shift = (irq % 4) * 8;
  const old = mmioRead32(reg);
  mmioWrite32(reg, (old & ~(0xff << shift)) | ((value & 0xff) << shift));
}

/** The byte of `irq` in a byte-per-interrupt bank. */
export function readIrqByte(bank: number, irq: number): number {
  return (mmioRead32(fieldRegister(bank, irq, 4)) >>> ((irq % 4) * 8)) & 0xff;
}

/** Fills the bytes of ids from..lines-1 (`from` a multiple of 4) with `value`. */
export function fillIrqBytes(bank: number, from: number, lines: number, value: number): void {
  const v = value & 0xff;
  const word = (v << 24) | (v << 16) | (v << 8) | v;
  for (let irq = from; irq < lines; irq += 4) mmioWrite32(fieldRegister(bank, irq, 4), word);
}

/** Sets the trigger of `irq` in an ICFGR bank: bit 1 of its 2-bit field is 1 for edge-triggered. */
export function updateIrqTrigger(bank: number, irq: number, edge: boolean): void {
  const reg = fieldRegister(bank, irq, 16);
  const bit = 1 << ((irq % 16) * 2 + 1);
  const old = mmioRead32(reg);
  mmioWrite32(reg, edge ? old | bit : old & ~bit);
}

/** Panics for an INTID the controller does not implement, naming it. */
export function irqOutOfRange(gic: string, irq: number, lines: number): never {
  kprint`${gic}: interrupt id ${irq} is not in 0-${lines - 1}\n`;
  return panic('interrupt id out of range');
}
