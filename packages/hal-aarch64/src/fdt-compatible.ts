/**
 * Device-tree queries by "compatible" (Devicetree Specification v0.4, 2.3.1
 * and chapter 5): find the node a driver binds to, and read its `reg`
 * entries. Boards use them to pick a driver (e.g. "arm,gic-v3" vs
 * "arm,cortex-a15-gic") and its addresses. `reg` is read with the parent's
 * cell counts and translated to the CPU's addresses (fdt-address.ts).
 */
import { FixedArray, load8 } from '@unishyper/rt';
import { align4, be32, cstrIs, isDeviceTree, skipString } from './fdt';
import { fdtFindProperty, fdtRegField } from './fdt-address';

/** A found property: [value address, bytes]. */
const found = new FixedArray<number>(2, 0);

const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;

/** True when the string list of `len` bytes at `value` contains `s`. */
function listContains(value: number, len: number, s: string): boolean {
  let p = value;
  while (p < value + len) {
    if (cstrIs(p, s)) return true;
    while (p < value + len && load8(p) !== 0) p++;
    p++;
  }
  return false;
}

/**
 * Address of the FDT_BEGIN_NODE token of the first node whose "compatible"
 * list contains `compatible`, or -1 (also when `dtb` is not a device tree).
 */
export function fdtFindCompatible(dtb: number, compatible: string): number {
  return fdtFindCompatibleAfter(dtb, compatible, -1);
}

/**
 * Like fdtFindCompatible, but the first such node after the node at `after`
 * (a result of an earlier call; -1 starts from the beginning), so a caller
 * can visit every node of a kind (e.g. all "virtio,mmio" slots) in tree order.
 */
export function fdtFindCompatibleAfter(dtb: number, compatible: string, after: number): number {
  if (!isDeviceTree(dtb)) return -1;
  const strings = dtb + be32(dtb + 12);
  let p = dtb + be32(dtb + 8);
  let node = -1;
  for (;;) {
    const token = be32(p);
    if (token === FDT_BEGIN_NODE) {
      // Properties come before subnodes, so every property until the next BEGIN_NODE is this node's.
      node = p;
      p = skipString(p + 4);
    } else if (token === FDT_PROP) {
      const len = be32(p + 4);
      const value = p + 12;
      if (node > after && cstrIs(strings + be32(p + 8), 'compatible') && listContains(value, len, compatible)) return node;
      p = align4(value + len);
    } else if (token === FDT_END_NODE || token === FDT_NOP) {
      p += 4;
    } else {
      return -1; // FDT_END or a corrupt tree
    }
  }
}

/** Address of entry `index` of the `reg` of the node at `node` (from fdtFindCompatible), or -1. */
export function fdtRegAddress(dtb: number, node: number, index: number): number {
  return fdtRegField(dtb, node, index, 0);
}

/** Size of entry `index` of the `reg` of the node at `node`, or -1. */
export function fdtRegSize(dtb: number, node: number, index: number): number {
  return fdtRegField(dtb, node, index, 1);
}

/**
 * The interrupt ID of entry `index` of the node's "interrupts" property, in
 * the Arm GIC binding's three cells (type, number, flags): an SPI (type 0) is
 * ID 32 + number, a PPI (type 1) ID 16 + number. -1 when the node has no such
 * entry or a type this does not know.
 */
export function fdtInterrupt(dtb: number, node: number, index: number): number {
  if (node < 0 || index < 0 || !isDeviceTree(dtb) || !fdtFindProperty(dtb, node, 'interrupts', found)) return -1;
  if ((index + 1) * 12 > found.get(1)) return -1;
  const cell = found.get(0) + index * 12;
  const kind = be32(cell);
  if (kind === 0) return 32 + be32(cell + 4);
  if (kind === 1) return 16 + be32(cell + 4);
  return -1;
}

/** True when the node at `node` has a property `name` whose string list contains `value`. */
export function fdtPropertyHas(dtb: number, node: number, name: string, value: string): boolean {
  if (node < 0 || !isDeviceTree(dtb) || !fdtFindProperty(dtb, node, name, found)) return false;
  return listContains(found.get(0), found.get(1), value);
}

/**
 * The PSCI conduit the device tree's /psci node names ("method" = "smc" or
 * "hvc"), or `fallback` without one. QEMU virt says "hvc" normally and "smc"
 * with virtualization=on (it then emulates EL3 firmware).
 */
export function fdtPsciConduit(dtb: number, fallback: number): number {
  let node = fdtFindCompatible(dtb, 'arm,psci-1.0');
  if (node < 0) node = fdtFindCompatible(dtb, 'arm,psci-0.2');
  if (node < 0) node = fdtFindCompatible(dtb, 'arm,psci');
  if (node < 0) return fallback;
  if (fdtPropertyHas(dtb, node, 'method', 'smc')) return 1;
  if (fdtPropertyHas(dtb, node, 'method', 'hvc')) return 0;
  return fallback;
}
