import { beforeEach, describe, expect, it } from 'vitest';
import { resetMachine, writeMemory } from '@unishyper/rt/sim';
import { fdtFindCompatible, fdtFindCompatibleAfter, fdtInterrupt, fdtRegAddress, fdtRegSize } from './fdt-compatible';
import { buildFdt } from './sim';

const DTB = 0x4000_0000;

beforeEach(() => resetMachine());

function load(blob: Uint8Array): number {
  writeMemory(DTB, blob);
  return DTB;
}

const tree = buildFdt({
  name: '',
  props: { '#address-cells': [2], '#size-cells': [2], compatible: 'linux,dummy-virt' },
  children: [
    { name: 'memory@40000000', props: { device_type: 'memory', reg: [0x4000_0000n, 0x2000_0000n] } },
    {
      name: 'intc@8000000',
      nops: 2,
      props: {
        phandle: [1],
        // As QEMU's: the ITS child is on the same addresses (empty ranges) with 2 + 2 cells.
        '#address-cells': [2],
        '#size-cells': [2],
        ranges: new Uint8Array(0),
        reg: [0x0800_0000n, 0x1_0000n, 0x080a_0000n, 0xf6_0000n],
        compatible: 'arm,gic-v3',
        'interrupt-controller': new Uint8Array(0),
      },
      children: [{ name: 'its@8080000', props: { compatible: 'arm,gic-v3-its', reg: [0x0808_0000n, 0x2_0000n] } }],
    },
    { name: 'pl011@9000000', props: { compatible: ['arm,pl011', 'arm,primecell'], reg: [0x0900_0000n, 0x1000n] } },
    { name: 'pl031@9010000', props: { compatible: ['arm,pl031', 'arm,primecell'] } },
    { name: 'high@1000000000', props: { compatible: 'test,high', reg: [0x10_0000_0000n, 0x1_0000_0000n] } },
  ],
});

describe('device tree queries by compatible', () => {
  it('finds a node by an exact entry of its compatible list', () => {
    const dtb = load(tree);
    const gic = fdtFindCompatible(dtb, 'arm,gic-v3');
    expect(gic).toBeGreaterThan(dtb);
    expect(fdtRegAddress(dtb, gic, 0)).toBe(0x0800_0000);
    expect(fdtRegSize(dtb, gic, 0)).toBe(0x1_0000);
    expect(fdtRegAddress(dtb, gic, 1)).toBe(0x080a_0000);
    expect(fdtRegSize(dtb, gic, 1)).toBe(0xf6_0000);
    expect(fdtRegAddress(dtb, gic, 2)).toBe(-1);
    // A later entry of the list matches too; a prefix does not.
    const uart = fdtFindCompatible(dtb, 'arm,primecell');
    expect(fdtRegAddress(dtb, uart, 0)).toBe(0x0900_0000);
    expect(fdtFindCompatible(dtb, 'arm,gic')).toBe(-1);
    expect(fdtFindCompatible(dtb, 'arm,pl01')).toBe(-1);
  });

  it('tells the GICv3 from its ITS child node', () => {
    const dtb = load(tree);
    const its = fdtFindCompatible(dtb, 'arm,gic-v3-its');
    expect(its).toBeGreaterThan(fdtFindCompatible(dtb, 'arm,gic-v3'));
    expect(fdtRegAddress(dtb, its, 0)).toBe(0x0808_0000);
  });

  it('reads addresses above 4 GiB', () => {
    const dtb = load(tree);
    const high = fdtFindCompatible(dtb, 'test,high');
    expect(fdtRegAddress(dtb, high, 0)).toBe(0x10_0000_0000);
    expect(fdtRegSize(dtb, high, 0)).toBe(0x1_0000_0000);
  });

  it('answers -1 for a node without reg, a missing node, and no device tree', () => {
    const dtb = load(tree);
    expect(fdtRegAddress(dtb, fdtFindCompatible(dtb, 'arm,pl031'), 0)).toBe(-1);
    expect(fdtFindCompatible(dtb, 'arm,gic-400')).toBe(-1);
    expect(fdtRegAddress(dtb, -1, 0)).toBe(-1);
    expect(fdtFindCompatible(0, 'arm,gic-v3')).toBe(-1);
    expect(fdtFindCompatible(DTB + 0x10_0000, 'arm,gic-v3')).toBe(-1); // zeroed RAM: no magic
  });
});

describe('every node of a kind, and its interrupts', () => {
  // As QEMU virt describes its virtio-mmio slots: highest address first, GIC SPI cells.
  const slots = buildFdt({
    name: '',
    props: { '#address-cells': [2], '#size-cells': [2] },
    children: [
      { name: 'virtio_mmio@a000200', props: { compatible: 'virtio,mmio', reg: [0x0a00_0200n, 0x200n], interrupts: [0, 17, 1], 'dma-coherent': new Uint8Array(0) } },
      { name: 'pl011@9000000', props: { compatible: 'arm,pl011', reg: [0x0900_0000n, 0x1000n], interrupts: [0, 1, 4] } },
      { name: 'virtio_mmio@a000000', props: { compatible: 'virtio,mmio', reg: [0x0a00_0000n, 0x200n], interrupts: [0, 16, 1] } },
      { name: 'timer', props: { compatible: 'arm,armv8-timer', interrupts: [1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4] } },
      { name: 'odd', props: { compatible: 'test,odd', interrupts: [7, 1, 4] } },
    ],
  });

  it('fdtFindCompatibleAfter visits each matching node once, in tree order', () => {
    const dtb = load(slots);
    const first = fdtFindCompatibleAfter(dtb, 'virtio,mmio', -1);
    const second = fdtFindCompatibleAfter(dtb, 'virtio,mmio', first);
    expect(fdtRegAddress(dtb, first, 0)).toBe(0x0a00_0200);
    expect(fdtRegAddress(dtb, second, 0)).toBe(0x0a00_0000);
    expect(fdtFindCompatibleAfter(dtb, 'virtio,mmio', second)).toBe(-1);
    expect(fdtFindCompatible(dtb, 'virtio,mmio')).toBe(first);
  });

  it('fdtInterrupt turns GIC cells into interrupt IDs (SPI 32 + n, PPI 16 + n)', () => {
    const dtb = load(slots);
    expect(fdtInterrupt(dtb, fdtFindCompatible(dtb, 'virtio,mmio'), 0)).toBe(49);
    expect(fdtInterrupt(dtb, fdtFindCompatible(dtb, 'arm,pl011'), 0)).toBe(33);
    const timer = fdtFindCompatible(dtb, 'arm,armv8-timer');
    expect(fdtInterrupt(dtb, timer, 2)).toBe(27);
    expect(fdtInterrupt(dtb, timer, 4)).toBe(-1);
    expect(fdtInterrupt(dtb, fdtFindCompatible(dtb, 'test,odd'), 0)).toBe(-1);
    expect(fdtInterrupt(dtb, -1, 0)).toBe(-1);
    expect(fdtInterrupt(0, 0, 0)).toBe(-1);
  });
});
