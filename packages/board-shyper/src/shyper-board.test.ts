import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, mapDevice, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { consoleReadByte, DeviceKind, irqCount, kernelStart } from '@unishyper/hal-aarch64';
import { buildFdt, installFirmware, resetHal, SimCpu, SimGicV2, SimNs16550 } from '@unishyper/hal-aarch64/sim';
import { ShyperBoard, SHYPER_GICC_BASE, SHYPER_GICD_BASE, SHYPER_RAM_BASE, SHYPER_RAM_SIZE, SHYPER_UART_BASE, SHYPER_UART_IRQ } from '.';

const DTB = 0x4000_0000;

/** QEMU virt's tree as the stub hands it on: only its cores matter to the guest. */
function virtTree(cores: number): Uint8Array {
  return buildFdt({
    name: '',
    props: { '#address-cells': [2], '#size-cells': [2] },
    children: [
      { name: 'memory@40000000', props: { device_type: 'memory', reg: [0x4000_0000n, 0x8000_0000n] } },
      { name: 'cpus', props: { '#address-cells': [1], '#size-cells': [0] }, children: Array.from({ length: cores }, (_, i) => ({ name: `cpu@${i}`, props: { device_type: 'cpu', reg: [i] } })) },
    ],
  });
}

beforeEach(() => {
  resetMachine();
  resetHal();
});

afterEach(() => resetHal());

describe('shyper board', () => {
  it("has the original's addresses: NS16550 at 0x0c28_0000 (reg-shift 2), GICv2 as virt, RAM 0x4000_0000-0x8000_0000", () => {
    const board = new ShyperBoard();
    board.init(0);
    // From the original Unishyper's board table (its shyper platform).
    expect([SHYPER_UART_BASE, SHYPER_GICD_BASE, SHYPER_GICC_BASE]).toEqual([0x0c28_0000, 0x0800_0000, 0x0801_0000]);
    expect([board.ramBase(), board.ramBase() + board.ramSize()]).toEqual([0x4000_0000, 0x8000_0000]);
    expect([SHYPER_RAM_BASE, SHYPER_RAM_SIZE]).toEqual([0x4000_0000, 0x4000_0000]);
    expect(board.cpuCount()).toBe(1); // no tree: the boot core
    const d = board.device(0);
    expect([d.kind, d.base, d.irq]).toEqual([DeviceKind.Uart, 0x0c28_0000, 33]);
  });

  it('takes its cores from the device tree the hypervisor passes, at most 8', () => {
    writeMemory(DTB, virtTree(4));
    const b = new ShyperBoard();
    b.init(DTB);
    expect(b.cpuCount()).toBe(4);
    writeMemory(DTB, virtTree(12));
    const big = new ShyperBoard();
    big.init(DTB);
    expect(big.cpuCount()).toBe(8);
  });

  it('makes PSCI calls over HVC: CPU_ON, SYSTEM_OFF, SYSTEM_RESET', () => {
    writeMemory(DTB, virtTree(4));
    const board = new ShyperBoard();
    board.init(DTB);
    const calls: [string, bigint, bigint][] = [];
    const restore = installFirmware({ call: (conduit, fn, a1) => (calls.push([conduit, fn, a1]), 0n as never), semihost: () => -1 });
    try {
      expect(board.startCore(3, 0x4100_0000)).toBe(0);
      expect(board.startCore(4, 0x4100_0000)).toBe(-2);
      board.powerOff();
      board.reset();
    } finally {
      restore();
    }
    expect(calls).toEqual([
      ['hvc', 0xc400_0003n, 3n],
      ['hvc', 0x8400_0008n, 0n],
      ['hvc', 0x8400_0009n, 0n],
    ]);
  });

  it('kernelStart: console on the NS16550, input through its interrupt (id 33)', () => {
    const gic = new SimGicV2();
    mapDevice(SHYPER_GICD_BASE, 0x1_0000, gic.distributor());
    mapDevice(SHYPER_GICC_BASE, 0x1_0000, gic.cpuInterface());
    const uart = new SimNs16550({ regShift: 2 });
    mapDevice(SHYPER_UART_BASE, 0x1000, uart);
    gic.connectLine(SHYPER_UART_IRQ, () => uart.irqLevel());
    const cpu = new SimCpu(gic).install();
    const board = new ShyperBoard();
    const printed = captureConsole(() => kernelStart(board, 0));
    expect(printed).toMatch(/^GICv2: 288 interrupt ids; timer irq 27 at 62500000 Hz; console irq 33\n$/);
    board.console().putByte(0x41);
    expect(uart.output).toEqual([0x41]);
    for (const c of 'ps\r') {
      expect(uart.type(c)).toBe(1);
      cpu.poll();
    }
    expect(irqCount(33)).toBe(3);
    const got: number[] = [];
    for (let b = consoleReadByte(); b >= 0; b = consoleReadByte()) got.push(b);
    expect(String.fromCharCode(...got)).toBe('ps\r');
  });
});
