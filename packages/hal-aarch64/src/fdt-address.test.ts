import { beforeEach, describe, expect, it } from 'vitest';
import { resetMachine, writeMemory } from '@unishyper/rt/sim';
import { DeviceTreeInfo, readDeviceTree } from './fdt';
import { fdtPropertyCell, fdtPropertyNumber } from './fdt-address';
import { fdtFindCompatible, fdtRegAddress, fdtRegSize } from './fdt-compatible';
import { buildFdt } from './sim';

const DTB = 0x4000_0000;

beforeEach(() => resetMachine());

function load(blob: Uint8Array): number {
  writeMemory(DTB, blob);
  return DTB;
}

/** Shaped like the Raspberry Pi 3's tree: 1 + 1 cells, devices under /soc on the VideoCore bus. */
const piLike = buildFdt({
  name: '',
  props: { '#address-cells': [1], '#size-cells': [1], compatible: 'raspberrypi,3-model-b' },
  children: [
    { name: 'memory@0', props: { device_type: 'memory', reg: [0, 0x3c00_0000] } },
    {
      name: 'soc',
      props: { compatible: 'simple-bus', '#address-cells': [1], '#size-cells': [1], ranges: [0x7e00_0000, 0x3f00_0000, 0x100_0000, 0x4000_0000, 0x4000_0000, 0x1000] },
      children: [
        { name: 'serial@7e201000', props: { compatible: ['arm,pl011', 'arm,primecell'], reg: [0x7e20_1000, 0x200], interrupts: [2, 25] } },
        { name: 'local_intc@40000000', props: { compatible: 'brcm,bcm2836-l1-intc', reg: [0x4000_0000, 0x100] } },
        { name: 'outside@7f000000', props: { compatible: 'test,outside', reg: [0x7f00_0000, 0x100] } },
        {
          name: 'bus@7e300000',
          props: { '#address-cells': [1], '#size-cells': [1], ranges: new Uint8Array(0) },
          children: [{ name: 'nested@7e300100', props: { compatible: 'test,nested', reg: [0x7e30_0100, 0x10, 0x7e30_0200, 0x20] } }],
        },
        {
          name: 'i2c@7e804000',
          props: { '#address-cells': [1], '#size-cells': [0] },
          children: [{ name: 'rtc@68', props: { compatible: 'test,i2c-rtc', reg: [0x68] } }],
        },
      ],
    },
    {
      name: 'cpus',
      props: { '#address-cells': [1], '#size-cells': [0] },
      children: [0, 1, 2, 3].map((n) => ({
        name: `cpu@${n}`,
        props: { compatible: 'arm,cortex-a53', device_type: 'cpu', reg: [n], 'enable-method': 'spin-table', 'cpu-release-addr': [BigInt(0xd8 + 8 * n)] },
      })),
    },
  ],
});

describe('device-tree addresses with cell counts and ranges', () => {
  it('reads the memory node with the root\'s 1 + 1 cells', () => {
    const info = new DeviceTreeInfo();
    expect(readDeviceTree(load(piLike), info)).toBe(true);
    expect([info.memoryBase, info.memorySize, info.cpuCount]).toEqual([0, 0x3c00_0000, 4]);
  });

  it('translates a device under /soc from the VideoCore bus to the ARM address', () => {
    const dtb = load(piLike);
    const uart = fdtFindCompatible(dtb, 'arm,pl011');
    expect(fdtRegAddress(dtb, uart, 0)).toBe(0x3f20_1000);
    expect(fdtRegSize(dtb, uart, 0)).toBe(0x200);
    expect(fdtRegAddress(dtb, uart, 1)).toBe(-1); // one entry only
    expect(fdtPropertyCell(dtb, uart, 'interrupts', 1)).toBe(25);
    expect(fdtPropertyCell(dtb, uart, 'interrupts', 2)).toBe(-1);
    expect(fdtRegAddress(dtb, fdtFindCompatible(dtb, 'brcm,bcm2836-l1-intc'), 0)).toBe(0x4000_0000); // second range: identity
  });

  it('goes through empty ranges unchanged and through every level above', () => {
    const dtb = load(piLike);
    const nested = fdtFindCompatible(dtb, 'test,nested');
    expect(fdtRegAddress(dtb, nested, 0)).toBe(0x3f30_0100);
    expect(fdtRegAddress(dtb, nested, 1)).toBe(0x3f30_0200);
    expect(fdtRegSize(dtb, nested, 1)).toBe(0x20);
  });

  it('gives -1 for an address no range holds and for a bus without ranges', () => {
    const dtb = load(piLike);
    expect(fdtRegAddress(dtb, fdtFindCompatible(dtb, 'test,outside'), 0)).toBe(-1);
    expect(fdtRegAddress(dtb, fdtFindCompatible(dtb, 'test,i2c-rtc'), 0)).toBe(-1);
  });

  it('reads a 64-bit property such as cpu-release-addr', () => {
    const dtb = load(piLike);
    let cpu = fdtFindCompatible(dtb, 'arm,cortex-a53');
    expect(fdtPropertyNumber(dtb, cpu, 'cpu-release-addr')).toBe(0xd8);
    expect(fdtPropertyCell(dtb, cpu, 'reg', 0)).toBe(0);
    expect(fdtPropertyNumber(dtb, cpu, 'no-such-property')).toBe(-1);
    expect(fdtPropertyNumber(-1 === cpu ? 0 : DTB, -1, 'reg')).toBe(-1);
  });
});
