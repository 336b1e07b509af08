import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureConsole, mapDevice, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { Conduit, consoleReadByte, DeviceKind, GicV2, irqCount, kernelStart, timerFiredCount, timerSetAfterNs } from '@unishyper/hal-aarch64';
import { buildFdt, installFirmware, resetHal, SimCpu, SimGicV2, SimNs16550, type FdtNodeSpec } from '@unishyper/hal-aarch64/sim';
import { Tx2Board } from './tx2-board';
import { TX2_DEFAULT_RAM_SIZE, TX2_GICC_BASE, TX2_GICD_BASE, TX2_UART_BASE, TX2_UART_IRQ } from './tegra186';

/** Where the tests put the device tree: in RAM, below the simulated heap (the upper three quarters of it). */
const DTB = 0x8010_0000;
const GiB = 0x4000_0000;

/**
 * A tree shaped like the TX2's (Linux tegra186.dtsi and the p3310 module,
 * memory as u-boot fills it in): 2 + 2 cells at the root, the Denver pair and
 * the four A57s, the GIC-400, UARTA, PSCI over SMC.
 */
function tx2Tree(opts: { memory?: bigint; uartIrq?: number; regShift?: number } = {}): Uint8Array {
  const cpu = (reg: number, compatible: string): FdtNodeSpec => ({ name: `cpu@${reg.toString(16)}`, props: { device_type: 'cpu', compatible, reg: [reg] } });
  return buildFdt({
    name: '',
    props: { '#address-cells': [2], '#size-cells': [2], compatible: ['nvidia,p3310-1000', 'nvidia,tegra186'] },
    children: [
      { name: 'memory@80000000', props: { device_type: 'memory', reg: [0x8000_0000n, opts.memory ?? 0x7000_0000n] } },
      {
        name: 'cpus',
        props: { '#address-cells': [1], '#size-cells': [0] },
        children: [cpu(0x000, 'nvidia,tegra186-denver'), cpu(0x001, 'nvidia,tegra186-denver'), cpu(0x100, 'arm,cortex-a57'), cpu(0x101, 'arm,cortex-a57'), cpu(0x102, 'arm,cortex-a57'), cpu(0x103, 'arm,cortex-a57')],
      },
      { name: 'psci', props: { compatible: 'arm,psci-1.0', method: 'smc' } },
      { name: 'interrupt-controller@3881000', props: { compatible: 'arm,gic-400', reg: [0x0388_1000n, 0x1000n, 0x0388_2000n, 0x2000n, 0x0388_4000n, 0x2000n, 0x0388_6000n, 0x2000n] } },
      {
        name: 'serial@3100000',
        props: { compatible: ['nvidia,tegra186-uart', 'nvidia,tegra20-uart'], reg: [0x0310_0000n, 0x40n], 'reg-shift': [opts.regShift ?? 2], interrupts: [0, opts.uartIrq ?? 112, 4] },
      },
    ],
  });
}

beforeEach(() => {
  resetMachine({ ramBase: 0x8000_0000, ramSize: 64 << 20 });
  resetHal();
});

afterEach(() => resetHal());

describe("tx2 board: the original Unishyper's table", () => {
  // Copied from the original Unishyper's board table (TX2 row): NS16550 at
  // 0x0310_0000; GIC-400 distributor 0x0388_1000, CPU interface 0x0388_2000;
  // RAM from 0x8000_0000, loaded by u-boot at 0x8008_0000; PSCI over SMC.
  it('has its addresses without a tree, and the same ones with a TX2 tree', () => {
    for (const dtb of [0, DTB]) {
      if (dtb !== 0) writeMemory(DTB, tx2Tree());
      const board = new Tx2Board();
      board.init(dtb);
      expect(board.console()).toBe(board.ns16550());
      expect(board.ns16550().base).toBe(0x0310_0000);
      const gic = board.irqController() as GicV2;
      expect(gic).toBeInstanceOf(GicV2);
      expect([gic.distBase, gic.cpuBase]).toEqual([0x0388_1000, 0x0388_2000]);
      expect(board.ramBase()).toBe(0x8000_0000);
      expect(board.addresses.conduit).toBe(Conduit.Smc);
      expect(board.addresses.differences).toBe(0);
    }
  });
});

describe('tx2 board: device tree', () => {
  it("reads RAM, UARTA's interrupt and reg-shift, and the A57 cluster's cores", () => {
    writeMemory(DTB, tx2Tree());
    const board = new Tx2Board();
    board.init(DTB);
    const a = board.addresses;
    expect(a.fromTree).toBe(true);
    expect(board.ramSize()).toBe(0x7000_0000);
    expect(board.uartIrq()).toBe(32 + 112); // GIC_SPI 112
    expect(board.ns16550().regShift).toBe(2);
    expect(board.cpuCount()).toBe(4); // the A57s; the Denver pair is another cluster
    expect(a.cluster).toBe(0x100);
    expect(board.timerIrq()).toBe(27);
    expect(board.name()).toBe('tx2');
  });

  it('without a tree: the documented defaults, the boot core only', () => {
    const board = new Tx2Board();
    board.init(0);
    expect(board.addresses.fromTree).toBe(false);
    expect(board.ramSize()).toBe(TX2_DEFAULT_RAM_SIZE);
    expect(board.cpuCount()).toBe(1);
    expect(board.uartIrq()).toBe(TX2_UART_IRQ);
    expect(board.ns16550().regShift).toBe(2);
  });

  it('stops RAM at 4 GiB, where the identity map ends (8 GiB in one bank)', () => {
    writeMemory(DTB, tx2Tree({ memory: 0x2_0000_0000n }));
    const board = new Tx2Board();
    board.init(DTB);
    expect(board.ramBase() + board.ramSize()).toBe(4 * GiB);
    expect(board.ramSize()).toBe(2 * GiB);
  });

  it('uses what the tree says where it differs, and counts it', () => {
    writeMemory(DTB, tx2Tree({ uartIrq: 113, regShift: 0 }));
    const board = new Tx2Board();
    board.init(DTB);
    expect(board.uartIrq()).toBe(145);
    expect(board.device(0).irq).toBe(145);
    expect(board.ns16550().regShift).toBe(0);
    expect(board.addresses.differences).toBe(2);
  });

  it('lists the console UART as its one device', () => {
    const board = new Tx2Board();
    board.init(0);
    expect(board.deviceCount()).toBe(1);
    const d = board.device(0);
    expect([d.kind, d.base, d.size, d.irq]).toEqual([DeviceKind.Uart, TX2_UART_BASE, 0x40, TX2_UART_IRQ]);
    expect(board.rtcSeconds()).toBe(-1);
  });
});

describe('tx2 board: PSCI over SMC', () => {
  function recordCalls(): { calls: [string, bigint, bigint, bigint, bigint][]; restore: () => void } {
    const calls: [string, bigint, bigint, bigint, bigint][] = [];
    const restore = installFirmware({
      call: (conduit, fn, a1, a2, a3) => {
        calls.push([conduit, fn, a1, a2, a3]);
        return 0n as never;
      },
      semihost: () => -1,
    });
    return { calls, restore };
  }

  it('starts core n of the A57 cluster with CPU_ON(0x100 | n), and no other core', () => {
    writeMemory(DTB, tx2Tree());
    const board = new Tx2Board();
    board.init(DTB);
    const { calls, restore } = recordCalls();
    try {
      expect(board.startCore(2, 0x8100_0000)).toBe(0);
      expect(calls).toEqual([['smc', 0xc400_0003n, 0x102n, 0n, 0x8100_0000n]]); // CPU_ON (SMC64); the entry is 0 under Node
      expect(board.startCore(0, 0)).toBe(-2);
      expect(board.startCore(4, 0)).toBe(-2);
      expect(calls).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('powers off with SYSTEM_OFF and resets with SYSTEM_RESET', () => {
    const board = new Tx2Board();
    board.init(0);
    const { calls, restore } = recordCalls();
    try {
      board.powerOff();
      board.reset();
      expect(calls.map(([c, fn]) => [c, fn])).toEqual([
        ['smc', 0x8400_0008n],
        ['smc', 0x8400_0009n],
      ]);
    } finally {
      restore();
    }
  });
});

describe('tx2 board: kernelStart under Node', () => {
  it('console on the NS16550, the GIC-400 at its addresses, the timer and the UART receive interrupt delivered', () => {
    writeMemory(DTB, tx2Tree());
    // GIC-400's map: distributor 4 KiB, CPU interface 8 KiB, at the TX2's addresses.
    const gic = new SimGicV2();
    mapDevice(TX2_GICD_BASE, 0x1000, gic.distributor());
    mapDevice(TX2_GICC_BASE, 0x2000, gic.cpuInterface());
    const uart = new SimNs16550({ regShift: 2, txBusyReads: 2 });
    mapDevice(TX2_UART_BASE, 0x1_0000, uart);
    gic.connectLine(TX2_UART_IRQ, () => uart.irqLevel());
    const cpu = new SimCpu(gic).install();
    const board = new Tx2Board();
    const printed = captureConsole(() => kernelStart(board, DTB));
    expect(printed).toMatch(/^GICv2: 288 interrupt ids; timer irq 27 at 62500000 Hz; console irq 144\n$/);
    board.console().putByte(0x21);
    expect(uart.output).toEqual([0x21]);
    // The timer: a deadline 1 ms ahead fires PPI 27 through the GIC-400.
    timerSetAfterNs(1_000_000);
    cpu.advance(62_500 + 100);
    expect(timerFiredCount()).toBe(1);
    expect(irqCount(27)).toBe(1);
    // Each byte typed raises SPI 112; the core takes it at its next instruction boundary.
    for (const c of 'ls\r') {
      expect(uart.type(c)).toBe(1);
      cpu.poll();
    }
    expect(irqCount(144)).toBe(3);
    expect(uart.pending()).toBe(0);
    const got: number[] = [];
    for (let b = consoleReadByte(); b >= 0; b = consoleReadByte()) got.push(b);
    expect(String.fromCharCode(...got)).toBe('ls\r');
    expect(gic.errors).toEqual([]);
    expect(uart.errors).toEqual([]);
  });
});
