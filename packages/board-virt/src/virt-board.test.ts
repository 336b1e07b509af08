import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, mapDevice, resetMachine, setSysreg, writeMemory } from '@unishyper/rt/sim';
import { Conduit, consoleReadByte, DeviceKind, GicV2, GicV3, irqCount, kernelStart } from '@unishyper/hal-aarch64';
import { buildFdt, resetHal, SimCpu, SimGicV2, SimGicV3 } from '@unishyper/hal-aarch64/sim';
import { SimPl011, SimPl031 } from './sim';
import {
  VirtBoard,
  VIRT_DEFAULT_RAM_SIZE,
  VIRT_GICR_SIZE,
  VIRT_RAM_BASE,
  VIRT_RTC_BASE,
  VIRT_UART_BASE,
  VIRT_UART_IRQ,
  VIRT_VIRTIO_BASE,
  VIRT_VIRTIO_IRQ_BASE,
  VIRT_VIRTIO_SLOTS,
} from './virt-board';

const dtbDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'dtb');
const qemuTree = (gic: 2 | 3): Uint8Array => new Uint8Array(fs.readFileSync(path.join(dtbDir, `virt-gicv${gic}.dtb`)));
/** Where the tests put a device tree (QEMU puts it at the start of RAM). */
const DTB = VIRT_RAM_BASE;

beforeEach(() => {
  resetMachine({ ramSize: 64 << 20 });
  resetHal();
});

afterEach(() => resetHal());

describe('virt board: memory map from the device tree', () => {
  for (const gic of [2, 3] as const) {
    it(`reads RAM, cores and a GICv${gic} from QEMU's tree (-smp 4 -m 512)`, () => {
      writeMemory(DTB, qemuTree(gic));
      const board = new VirtBoard();
      board.init(DTB);
      expect(board.ramBase()).toBe(0x4000_0000);
      expect(board.ramSize()).toBe(512 << 20);
      expect(board.cpuCount()).toBe(4);
      const c = board.irqController();
      expect(c).toBeInstanceOf(gic === 2 ? GicV2 : GicV3);
      if (c instanceof GicV2) {
        expect(c.distBase).toBe(0x0800_0000);
        expect(c.cpuBase).toBe(0x0801_0000);
      } else if (c instanceof GicV3) {
        expect(c.distBase).toBe(0x0800_0000);
        expect(c.redistBase).toBe(0x080a_0000);
        expect(c.redistSize).toBe(VIRT_GICR_SIZE);
      }
    });
  }

  it('takes the PSCI conduit from the tree: HVC normally, SMC with virtualization=on', () => {
    writeMemory(DTB, qemuTree(3));
    const normal = new VirtBoard();
    normal.init(DTB);
    expect(normal.psciConduit()).toBe(Conduit.Hvc);
    writeMemory(DTB, new Uint8Array(fs.readFileSync(path.join(dtbDir, 'virt-gicv3-el2.dtb'))));
    const el2 = new VirtBoard();
    el2.init(DTB);
    expect(el2.psciConduit()).toBe(Conduit.Smc);
  });

  it('finds the tree at the start of RAM when x0 is 0', () => {
    writeMemory(DTB, qemuTree(3));
    const board = new VirtBoard();
    board.init(0);
    expect(board.ramSize()).toBe(512 << 20);
    expect(board.irqController()).toBeInstanceOf(GicV3);
  });

  it('takes GIC addresses from the tree, and knows the GIC-400 compatible', () => {
    const tree = buildFdt({
      name: '',
      props: { '#address-cells': [2], '#size-cells': [2] },
      children: [
        { name: 'memory@40000000', props: { device_type: 'memory', reg: [0x4000_0000n, 0x800_0000n] } },
        { name: 'intc@2f000000', props: { compatible: 'arm,gic-400', reg: [0x2f00_0000n, 0x1000n, 0x2f00_2000n, 0x2000n] } },
      ],
    });
    writeMemory(DTB, tree);
    const board = new VirtBoard();
    board.init(DTB);
    const c = board.irqController() as GicV2;
    expect(c).toBeInstanceOf(GicV2);
    expect(c.distBase).toBe(0x2f00_0000);
    expect(c.cpuBase).toBe(0x2f00_2000);
    expect(board.ramSize()).toBe(128 << 20);
    expect(board.cpuCount()).toBe(1);
  });

  it('without a device tree: the documented RAM default, one core, the GIC from ID_AA64PFR0_EL1', () => {
    const v2 = new VirtBoard();
    v2.init(0);
    expect(v2.ramBase()).toBe(VIRT_RAM_BASE);
    expect(v2.ramSize()).toBe(VIRT_DEFAULT_RAM_SIZE);
    expect(v2.cpuCount()).toBe(1);
    expect(v2.irqController()).toBeInstanceOf(GicV2);
    setSysreg('ID_AA64PFR0_EL1', 0x0100_2222);
    const v3 = new VirtBoard();
    v3.init(0);
    expect(v3.irqController()).toBeInstanceOf(GicV3);
  });

  it("reads wall-clock time from the device tree's PL031; none without a tree", () => {
    writeMemory(DTB, qemuTree(3));
    mapDevice(VIRT_RTC_BASE, 0x1000, new SimPl031(1_765_000_000));
    const board = new VirtBoard();
    board.init(DTB);
    expect(board.rtcSeconds()).toBe(1_765_000_000);
    writeMemory(DTB, new Uint8Array(64)); // no tree at the fallback address either
    const bare = new VirtBoard();
    bare.init(0);
    expect(bare.rtcSeconds()).toBe(-1);
  });

  it('states the timer and UART interrupts', () => {
    const board = new VirtBoard();
    expect(board.timerIrq()).toBe(27);
    expect(board.uartIrq()).toBe(33);
  });
});

describe('virt board: device list', () => {
  it('lists the PL011 and the 32 virtio-mmio slots with their interrupts, highest first (QEMU fills them so)', () => {
    const board = new VirtBoard();
    expect(board.deviceCount()).toBe(1 + VIRT_VIRTIO_SLOTS);
    const uart = board.device(0);
    expect([uart.kind, uart.base, uart.size, uart.irq]).toEqual([DeviceKind.Uart, VIRT_UART_BASE, 0x1000, VIRT_UART_IRQ]);
    for (let i = 0; i < VIRT_VIRTIO_SLOTS; i++) {
      const d = board.device(VIRT_VIRTIO_SLOTS - i);
      expect(d.kind).toBe(DeviceKind.VirtioMmio);
      expect(d.base).toBe(VIRT_VIRTIO_BASE + i * 0x200);
      expect(d.size).toBe(0x200);
      expect(d.irq).toBe(VIRT_VIRTIO_IRQ_BASE + i);
      expect(board.virtioSlot(i)).toBe(d.base);
    }
    expect(board.device(1).base).toBe(0x0a00_3e00);
    expect(board.device(1).irq).toBe(79);
    expect(board.device(5)).toBe(board.device(5)); // made once
  });

  for (const gic of [2, 3] as const) {
    it(`reads the virtio-mmio slots from QEMU's device tree (GICv${gic}), highest address first`, () => {
      writeMemory(DTB, qemuTree(gic));
      const board = new VirtBoard();
      board.init(DTB);
      expect(board.deviceCount()).toBe(1 + 32);
      for (let i = 0; i < 32; i++) {
        const d = board.device(32 - i);
        expect([d.kind, d.base, d.size, d.irq]).toEqual([DeviceKind.VirtioMmio, 0x0a00_0000 + i * 0x200, 0x200, 48 + i]);
      }
    });
  }

  it('lists only the slots a device tree names, with its addresses and interrupts', () => {
    const tree = buildFdt({
      name: '',
      props: { '#address-cells': [2], '#size-cells': [2] },
      children: [
        { name: 'memory@40000000', props: { device_type: 'memory', reg: [0x4000_0000n, 0x400_0000n] } },
        { name: 'virtio_mmio@c000000', props: { compatible: 'virtio,mmio', reg: [0x0c00_0000n, 0x400n], interrupts: [0, 41, 1] } },
        { name: 'virtio_mmio@c000400', props: { compatible: 'virtio,mmio', reg: [0x0c00_0400n, 0x400n], interrupts: [0, 40, 1] } },
      ],
    });
    writeMemory(DTB, tree);
    const board = new VirtBoard();
    board.init(DTB);
    expect(board.deviceCount()).toBe(3);
    expect([board.device(1).base, board.device(1).size, board.device(1).irq]).toEqual([0x0c00_0400, 0x400, 72]);
    expect([board.device(2).base, board.device(2).size, board.device(2).irq]).toEqual([0x0c00_0000, 0x400, 73]);
  });
});

describe('virt board: kernelStart under Node', () => {
  for (const gic of [2, 3] as const) {
    it(`GICv${gic}: console output, timer, and input through the PL011 receive interrupt`, () => {
      writeMemory(DTB, qemuTree(gic));
      const model = gic === 2 ? new SimGicV2().map() : new SimGicV3().map();
      const uart = new SimPl011();
      mapDevice(VIRT_UART_BASE, 0x1000, uart);
      model.connectLine(VIRT_UART_IRQ, () => uart.irqLevel());
      const cpu = new SimCpu(model).install();
      const board = new VirtBoard();
      const printed = captureConsole(() => kernelStart(board, DTB));
      expect(printed).toMatch(new RegExp(`^GICv${gic}: 288 interrupt ids; timer irq 27 at 62500000 Hz; console irq 33\\n$`));
      // The console is the PL011 (kernel output under Node goes to the capture; the HAL's writer uses the UART).
      board.console().putByte(0x21);
      expect(uart.output).toEqual([0x21]);
      // Each byte typed raises SPI 33; the core takes it at its next instruction boundary.
      for (const c of 'ls\r') {
        expect(uart.type(c)).toBe(1);
        cpu.poll();
      }
      expect(irqCount(33)).toBe(3);
      expect(uart.pending()).toBe(0);
      const got: number[] = [];
      for (let b = consoleReadByte(); b >= 0; b = consoleReadByte()) got.push(b);
      expect(String.fromCharCode(...got)).toBe('ls\r');
      expect(model.errors).toEqual([]);
    });
  }
});
