/**
 * Device-tree addresses as the CPU sees them (Devicetree Specification
 * v0.4, 2.3.5 #address-cells/#size-cells, 2.3.6 reg, 2.3.8 ranges): a
 * node's `reg` is read with its parent's cell counts, then translated into
 * the root's address space through the `ranges` of every ancestor below the
 * root. On QEMU virt every device is a child of the root with 2 + 2 cells,
 * so nothing changes there; on the Raspberry Pi the root has 1 + 1 cells and
 * the devices sit under /soc, whose ranges map the VideoCore bus
 * (0x7e00_0000) to the ARM's 0x3f00_0000.
 *
 * One walk of the structure block per query keeps, for each level of the
 * path to the node, the cell counts and the `ranges` property seen there
 * (properties come before subnodes, so an ancestor's are complete when its
 * child begins). The path is kept in one scratch object made on first use:
 * queries run at boot, on one core.
 */
import { FixedArray } from '@unishyper/rt';
import { align4, be32, cstrIs, isDeviceTree, readCells, skipString } from './fdt';

const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
/** Deepest path followed (real trees are 4-6 levels deep). */
const MAX_DEPTH = 16;

/** Cell counts and `ranges` of each node on the path from the root (index = depth, the root is 1). */
class TreePath {
  readonly addressCells = new FixedArray<number>(MAX_DEPTH + 1, 2);
  readonly sizeCells = new FixedArray<number>(MAX_DEPTH + 1, 1);
  /** Address of the node's `ranges` value, or -1 when it has none. */
  readonly ranges = new FixedArray<number>(MAX_DEPTH + 1, -1);
  readonly rangesBytes = new FixedArray<number>(MAX_DEPTH + 1, 0);
}

let scratch: TreePath | null = null;

function path(): TreePath {
  let p = scratch;
  if (p === null) {
    p = new TreePath();
    scratch = p;
  }
  return p;
}

/**
 * Fills `scratch` with the path to the node at `node` (an FDT_BEGIN_NODE
 * token address) and returns the node's depth (the root is 1), or -1 when
 * the walk does not reach it or the path is deeper than MAX_DEPTH.
 */
function walkTo(dtb: number, node: number): number {
  const t = path();
  const strings = dtb + be32(dtb + 12);
  let p = dtb + be32(dtb + 8);
  let depth = 0;
  for (;;) {
    const token = be32(p);
    if (token === FDT_BEGIN_NODE) {
      depth++;
      if (depth > MAX_DEPTH) return -1;
      if (p === node) return depth;
      t.addressCells.set(depth, 2);
      t.sizeCells.set(depth, 1);
      t.ranges.set(depth, -1);
      t.rangesBytes.set(depth, 0);
      p = skipString(p + 4);
    } else if (token === FDT_PROP) {
      const len = be32(p + 4);
      const name = strings + be32(p + 8);
      const value = p + 12;
      if (cstrIs(name, '#address-cells') && len === 4) t.addressCells.set(depth, be32(value));
      else if (cstrIs(name, '#size-cells') && len === 4) t.sizeCells.set(depth, be32(value));
      else if (cstrIs(name, 'ranges')) {
        t.ranges.set(depth, value);
        t.rangesBytes.set(depth, len);
      }
      p = align4(value + len);
    } else if (token === FDT_END_NODE) {
      depth--;
      p += 4;
    } else if (token === FDT_NOP) {
      p += 4;
    } else {
      return -1; // FDT_END or a corrupt tree
    }
  }
}

/** Address and value length of the node's property `name`, as [value, bytes] in `out`; false when absent. */
export function fdtFindProperty(dtb: number, node: number, name: string, out: FixedArray<number>): boolean {
  const strings = dtb + be32(dtb + 12);
  let p = skipString(node + 4);
  for (;;) {
    const token = be32(p);
    if (token === FDT_PROP) {
      const len = be32(p + 4);
      if (cstrIs(strings + be32(p + 8), name)) {
        out.set(0, p + 12);
        out.set(1, len);
        return true;
      }
      p = align4(p + 12 + len);
    } else if (token === FDT_NOP) {
      p += 4;
    } else {
      return false; // a subnode, the end of the node, or FDT_END
    }
  }
}

/**
 * `addr`, an address on the bus of the node at `depth`'s parent, as the CPU
 * sees it: through the ranges of each ancestor from the parent up to (not
 * including) the root. -1 when an ancestor has no `ranges` (its children are
 * not memory-mapped) or no range holds the address.
 */
function translate(depth: number, addr: number): number {
  const t = path();
  let a = addr;
  for (let level = depth - 1; level >= 2; level--) {
    const ranges = t.ranges.get(level);
    if (ranges < 0) return -1;
    const bytes = t.rangesBytes.get(level);
    if (bytes === 0) continue; // empty ranges: the same addresses
    const childCells = t.addressCells.get(level);
    const parentCells = t.addressCells.get(level - 1);
    const sizeCells = t.sizeCells.get(level);
    const entry = 4 * (childCells + parentCells + sizeCells);
    let mapped = -1;
    for (let e = ranges; e + entry <= ranges + bytes; e += entry) {
      const child = readCells(e, childCells);
      const size = readCells(e + 4 * childCells + 4 * parentCells, sizeCells);
      if (a >= child && a - child < size) {
        mapped = readCells(e + 4 * childCells, parentCells) + (a - child);
        break;
      }
    }
    if (mapped < 0) return -1;
    a = mapped;
  }
  return a;
}

const found = new FixedArray<number>(2, 0);

/**
 * Field `field` (0 address, 1 size) of entry `index` of the node's `reg`,
 * the address translated to the CPU's view; -1 when there is no such entry
 * or the address does not translate.
 */
export function fdtRegField(dtb: number, node: number, index: number, field: number): number {
  if (node < 0 || index < 0 || !isDeviceTree(dtb)) return -1;
  const depth = walkTo(dtb, node);
  if (depth < 2) return -1;
  if (!fdtFindProperty(dtb, node, 'reg', found)) return -1;
  const t = path();
  const addressCells = t.addressCells.get(depth - 1);
  const sizeCells = t.sizeCells.get(depth - 1);
  const entry = 4 * (addressCells + sizeCells);
  if (entry === 0 || (index + 1) * entry > found.get(1)) return -1;
  const at = found.get(0) + index * entry;
  if (field === 1) return readCells(at + 4 * addressCells, sizeCells);
  return translate(depth, readCells(at, addressCells));
}

/** Cell `index` (32 bits) of the node's property `name`, or -1 when it has no such cell. */
export function fdtPropertyCell(dtb: number, node: number, name: string, index: number): number {
  if (node < 0 || index < 0 || !isDeviceTree(dtb)) return -1;
  if (!fdtFindProperty(dtb, node, name, found)) return -1;
  return (index + 1) * 4 > found.get(1) ? -1 : be32(found.get(0) + 4 * index);
}

/** The node's property `name` as one number of all its cells (1 or 2: e.g. cpu-release-addr), or -1 when absent or empty. */
export function fdtPropertyNumber(dtb: number, node: number, name: string): number {
  if (node < 0 || !isDeviceTree(dtb)) return -1;
  if (!fdtFindProperty(dtb, node, name, found)) return -1;
  const bytes = found.get(1);
  if (bytes === 0 || bytes % 4 !== 0 || bytes > 8) return -1;
  return readCells(found.get(0), bytes === 8 ? 2 : 1);
}
