/**
 * The board against Debian's real bcm2837-rpi-3-b.dtb: every address it
 * reads from the tree (translated from the VideoCore bus through /soc's
 * ranges) is the BCM2837's own, so nothing differs; the spin-table release
 * addresses and UART0's interrupt come from the CPU and serial nodes.
 */
import fs from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetMachine, writeMemory } from '@unishyper/rt/sim';
import { Raspi3bBoard, RASPI_IC_BASE, RASPI_LOCAL_BASE, RASPI_PM_BASE, RASPI_UART0_BASE, RASPI_UART0_IRQ } from '../src';
import { debianRaspi3bDtb } from './debian-dtb';

const DTB = 0x4000_0000;
let blob: Uint8Array;

beforeAll(() => {
  blob = new Uint8Array(fs.readFileSync(debianRaspi3bDtb()));
}, 600_000);

beforeEach(() => resetMachine());

describe("raspi3b board with Debian's device tree", () => {
  it('finds every device where the BCM2837 has it', () => {
    writeMemory(DTB, blob);
    const board = new Raspi3bBoard();
    board.init(DTB);
    const a = board.addresses;
    expect(a.fromTree).toBe(true);
    expect(a.uart).toBe(RASPI_UART0_BASE);
    expect(a.ic).toBe(RASPI_IC_BASE);
    expect(a.local).toBe(RASPI_LOCAL_BASE);
    expect(a.pm).toBe(RASPI_PM_BASE);
    expect(a.uartIrq).toBe(RASPI_UART0_IRQ);
    expect(board.uartIrq()).toBe(89);
    expect([0, 1, 2, 3].map((c) => a.release.get(c))).toEqual([0xd8, 0xe0, 0xe8, 0xf0]);
    expect(a.differences).toBe(0);
    expect(board.cpuCount()).toBe(4);
    // The file says 1 GiB (the firmware would write the ARM's share): RAM stops at the peripherals.
    expect(board.ramSize()).toBe(0x3f00_0000);
  });

  it('uses what the tree says where it differs, and counts it', () => {
    // The same tree with the serial node's interrupt moved to GPU interrupt 56 (bank 2, 24).
    const copy = new Uint8Array(blob);
    const at = Buffer.from(copy).indexOf(Buffer.from([0, 0, 0, 2, 0, 0, 0, 25]));
    expect(at).toBeGreaterThan(0);
    copy[at + 7] = 24;
    writeMemory(DTB, copy);
    const board = new Raspi3bBoard();
    board.init(DTB);
    expect(board.uartIrq()).toBe(88);
    expect(board.addresses.differences).toBe(1);
  });

  it('keeps the chip\'s addresses without a tree', () => {
    const board = new Raspi3bBoard();
    board.init(0);
    expect(board.addresses.fromTree).toBe(false);
    expect(board.ramSize()).toBe(0x3c00_0000);
    expect(board.uartIrq()).toBe(89);
  });
});
