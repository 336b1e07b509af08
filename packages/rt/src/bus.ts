/**
 * The simulated physical bus behind every memory and MMIO intrinsic under
 * Node. Internal: kernel code reaches it only through the intrinsics, tests
 * through `@unishyper/rt/sim`.
 *
 * RAM is one `ArrayBuffer` mapped at `ramBase`. Device models are mapped over
 * address windows and take priority over RAM. An access must lie wholly in
 * one device window or wholly in RAM; anything else panics with a message
 * naming the operation and the address in hex. Little-endian throughout.
 */
import { formatHex } from './format.js';
import { panic } from './panic.js';

/** Access width in bytes. */
export type AccessWidth = 1 | 2 | 4 | 8;

/**
 * A device model. `offset` is relative to the window's base. Reads of width
 * 1, 2 or 4 may return a number or a bigint (reduced modulo 2^(8*width));
 * writes pass a number for widths 1, 2, 4 (already reduced to unsigned) and a
 * bigint for width 8.
 */
export interface DeviceModel {
  read(offset: number, width: AccessWidth): bigint | number;
  write(offset: number, width: AccessWidth, value: bigint | number): void;
}

interface Window {
  readonly base: number;
  readonly size: number;
  readonly model: DeviceModel;
}

export const DEFAULT_RAM_BASE = 0x4000_0000;
export const DEFAULT_RAM_SIZE = 64 * 1024 * 1024;

let ramBase = DEFAULT_RAM_BASE;
let ramSize = DEFAULT_RAM_SIZE;
let ram = new Uint8Array(0);
let view = new DataView(ram.buffer);
let devices: Window[] = [];

function isAddress(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function showAddress(x: number): string {
  return Number.isSafeInteger(x) ? formatHex(x) : String(x);
}

/** Fresh zeroed RAM at `base` of `size` bytes; unmaps every device. */
export function resetBus(base: number, size: number): void {
  if (!isAddress(base) || !Number.isSafeInteger(size) || size <= 0) {
    throw new RangeError(`bad RAM window ${showAddress(base)} + ${size}`);
  }
  ramBase = base;
  ramSize = size;
  ram = new Uint8Array(size);
  view = new DataView(ram.buffer);
  devices = [];
}

export function ramWindow(): { base: number; size: number } {
  return { base: ramBase, size: ramSize };
}

/** Maps `model` over `[base, base + size)`. Windows may not overlap. */
export function mapDevice(base: number, size: number, model: DeviceModel): void {
  if (!isAddress(base) || !Number.isSafeInteger(size) || size <= 0) {
    throw new RangeError(`bad device window ${showAddress(base)} + ${size}`);
  }
  for (const w of devices) {
    if (base < w.base + w.size && w.base < base + size) {
      throw new RangeError(
        `device window ${formatHex(base)}..${formatHex(base + size)} overlaps ` +
          `${formatHex(w.base)}..${formatHex(w.base + w.size)}`,
      );
    }
  }
  devices.push({ base, size, model });
}

/** Removes the device window starting at `base`; returns whether there was one. */
export function unmapDevice(base: number): boolean {
  const before = devices.length;
  devices = devices.filter((w) => w.base !== base);
  return devices.length !== before;
}

/** The device window overlapping `[addr, addr + len)`, if any. */
function deviceAt(addr: number, len: number, op: string): Window | null {
  for (const w of devices) {
    if (addr < w.base + w.size && w.base < addr + len) {
      if (addr < w.base || addr + len > w.base + w.size) {
        panic(`bus error: ${op} at ${formatHex(addr)} straddles the device window at ${formatHex(w.base)}`);
      }
      return w;
    }
  }
  return null;
}

/** Offset into RAM of `[addr, addr + len)`, or a panic naming the address. */
function ramOffset(addr: number, len: number, op: string): number {
  if (!isAddress(addr) || addr < ramBase || addr + len > ramBase + ramSize) {
    panic(`bus error: ${op} at unmapped address ${showAddress(addr)}`);
  }
  return addr - ramBase;
}

function checkAddress(addr: number, op: string): void {
  if (!isAddress(addr)) panic(`bus error: ${op} at unmapped address ${showAddress(addr)}`);
}

/** Reads 1, 2 or 4 bytes as an unsigned number. */
export function busRead(addr: number, width: 1 | 2 | 4, op: string): number {
  checkAddress(addr, op);
  const dev = deviceAt(addr, width, op);
  if (dev !== null) {
    const v = dev.model.read(addr - dev.base, width);
    return Number(BigInt.asUintN(width * 8, BigInt(v)));
  }
  const off = ramOffset(addr, width, op);
  if (width === 1) return view.getUint8(off);
  if (width === 2) return view.getUint16(off, true);
  return view.getUint32(off, true);
}

/** Reads 8 bytes as an unsigned bigint. */
export function busRead64(addr: number, op: string): bigint {
  checkAddress(addr, op);
  const dev = deviceAt(addr, 8, op);
  if (dev !== null) return BigInt.asUintN(64, BigInt(dev.model.read(addr - dev.base, 8)));
  return view.getBigUint64(ramOffset(addr, 8, op), true);
}

/** Writes the low `8 * width` bits of `value`. */
export function busWrite(addr: number, width: 1 | 2 | 4, value: number, op: string): void {
  checkAddress(addr, op);
  const v = width === 4 ? value >>> 0 : value & (width === 1 ? 0xff : 0xffff);
  const dev = deviceAt(addr, width, op);
  if (dev !== null) {
    dev.model.write(addr - dev.base, width, v);
    return;
  }
  const off = ramOffset(addr, width, op);
  if (width === 1) view.setUint8(off, v);
  else if (width === 2) view.setUint16(off, v, true);
  else view.setUint32(off, v, true);
}

/** Writes `value` modulo 2^64. */
export function busWrite64(addr: number, value: bigint, op: string): void {
  checkAddress(addr, op);
  const v = BigInt.asUintN(64, value);
  const dev = deviceAt(addr, 8, op);
  if (dev !== null) {
    dev.model.write(addr - dev.base, 8, v);
    return;
  }
  view.setBigUint64(ramOffset(addr, 8, op), v, true);
}

/** RAM offset of a byte range that touches no device, or -1. */
function plainRamRange(addr: number, len: number): number {
  if (!isAddress(addr) || addr < ramBase || addr + len > ramBase + ramSize) return -1;
  for (const w of devices) {
    if (addr < w.base + w.size && w.base < addr + len) return -1;
  }
  return addr - ramBase;
}

/** A copy of `len` bytes at `addr` (byte accesses when devices are involved). */
export function busReadBytes(addr: number, len: number, op: string): Uint8Array {
  const off = plainRamRange(addr, len);
  if (off >= 0) return ram.slice(off, off + len);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = busRead(addr + i, 1, op);
  return out;
}

/** Writes `bytes` at `addr`. */
export function busWriteBytes(addr: number, bytes: Uint8Array, op: string): void {
  const off = plainRamRange(addr, bytes.length);
  if (off >= 0) {
    ram.set(bytes, off);
    return;
  }
  for (let i = 0; i < bytes.length; i++) busWrite(addr + i, 1, bytes[i]!, op);
}

/** Copies `len` bytes from `src` to `dst`; overlapping ranges behave like memmove. */
export function busCopy(dst: number, src: number, len: number, op: string): void {
  const s = plainRamRange(src, len);
  const d = plainRamRange(dst, len);
  if (s >= 0 && d >= 0) {
    ram.copyWithin(d, s, s + len);
    return;
  }
  busWriteBytes(dst, busReadBytes(src, len, op), op);
}

/** Sets `len` bytes at `addr` to `byte`. */
export function busFill(addr: number, len: number, byte: number, op: string): void {
  const off = plainRamRange(addr, len);
  if (off >= 0) {
    ram.fill(byte, off, off + len);
    return;
  }
  for (let i = 0; i < len; i++) busWrite(addr + i, 1, byte, op);
}

/** Direct RAM access for the heap allocator, which always lives in RAM. */
export function ramDataView(): DataView {
  return view;
}

resetBus(DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE);
