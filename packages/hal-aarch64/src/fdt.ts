/**
 * A reader for the flattened device tree (Devicetree Specification v0.4,
 * chapter 5) the loader passes in x0: just what boards need at boot — the
 * memory node's first range (with the root's #address-cells and
 * #size-cells: 2 + 2 on virt, 1 + 1 on the Raspberry Pi) and the number of
 * CPU nodes. All fields are big-endian.
 */
import { bswap32, load32, load8, strByteAt, strLen } from '@unishyper/rt';

const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;

/** A big-endian 32-bit device-tree cell. */
export function be32(addr: number): number {
  return bswap32(load32(addr));
}

export function isDeviceTree(dtb: number): boolean {
  return dtb !== 0 && be32(dtb) === FDT_MAGIC;
}

/** True when the NUL-terminated name at `addr` starts with `prefix` followed by '@', NUL, or ends. */
function nameIs(addr: number, prefix: string): boolean {
  const n = strLen(prefix);
  for (let i = 0; i < n; i++) if (load8(addr + i) !== strByteAt(prefix, i)) return false;
  const next = load8(addr + n);
  return next === 0 || next === 64; // '@'
}

/** True when the NUL-terminated string at `addr` is exactly `s`. */
export function cstrIs(addr: number, s: string): boolean {
  const n = strLen(s);
  for (let i = 0; i < n; i++) if (load8(addr + i) !== strByteAt(s, i)) return false;
  return load8(addr + n) === 0;
}

/** Rounds up to a multiple of 4 (arithmetic, not `& ~3`: addresses may exceed 2^31). */
export function align4(x: number): number {
  return x + ((4 - (x % 4)) % 4);
}

/** Address after the NUL-terminated string at `addr`, rounded up to a token boundary. */
export function skipString(addr: number): number {
  let p = addr;
  while (load8(p) !== 0) p++;
  return align4(p + 1);
}

/** `cells` big-endian cells at `addr` as one number (exact up to 2^53). */
export function readCells(addr: number, cells: number): number {
  let v = 0;
  for (let i = 0; i < cells; i++) v = v * 4294967296 + be32(addr + 4 * i);
  return v;
}

/** What boot needs from the device tree; fields stay 0 when absent. */
export class DeviceTreeInfo {
  memoryBase = 0;
  memorySize = 0;
  cpuCount = 0;
}

/** Walks the structure block once and fills a DeviceTreeInfo. */
export function readDeviceTree(dtb: number, out: DeviceTreeInfo): boolean {
  if (!isDeviceTree(dtb)) return false;
  const structOff = dtb + be32(dtb + 8);
  const stringsOff = dtb + be32(dtb + 12);
  let p = structOff;
  let depth = 0;
  let inMemory = -1;
  let inCpus = -1;
  // The root's cell counts, which the memory node's reg uses (the specification's defaults until the root says).
  let addressCells = 2;
  let sizeCells = 1;
  for (;;) {
    const token = be32(p);
    p += 4;
    if (token === FDT_BEGIN_NODE) {
      depth++;
      if (depth === 2 && nameIs(p, 'memory')) inMemory = depth;
      if (depth === 2 && nameIs(p, 'cpus')) inCpus = depth;
      if (inCpus === depth - 1 && nameIs(p, 'cpu')) out.cpuCount++;
      p = skipString(p);
    } else if (token === FDT_END_NODE) {
      if (inMemory === depth) inMemory = -1;
      if (inCpus === depth) inCpus = -1;
      depth--;
    } else if (token === FDT_PROP) {
      const len = be32(p);
      const nameOff = be32(p + 4);
      const value = p + 8;
      if (depth === 1 && len === 4 && nameIs(stringsOff + nameOff, '#address-cells')) addressCells = be32(value);
      if (depth === 1 && len === 4 && nameIs(stringsOff + nameOff, '#size-cells')) sizeCells = be32(value);
      if (inMemory === depth && nameIs(stringsOff + nameOff, 'reg') && len >= 4 * (addressCells + sizeCells) && out.memorySize === 0) {
        out.memoryBase = readCells(value, addressCells);
        out.memorySize = readCells(value + 4 * addressCells, sizeCells);
      }
      p = align4(value + len);
    } else if (token === FDT_NOP) {
      continue;
    } else if (token === FDT_END) {
      return true;
    } else {
      return false; // corrupt tree: keep what was found
    }
  }
}
