import { beforeEach, describe, expect, it } from 'vitest';
import { load32, store32, store8 } from './memory.js';
import {
  mmioRead16, mmioRead32, mmioRead64, mmioRead8, mmioWrite16, mmioWrite32, mmioWrite64, mmioWrite8,
} from './mmio.js';
import { type AccessWidth, type DeviceModel, catchPanic, DEFAULT_RAM_BASE, mapDevice, resetMachine, unmapDevice } from './sim/index.js';

const UART = 0x0900_0000;

/** Records every access; reads return offset * 0x01010101 + width. */
function recorder(): DeviceModel & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    read(offset: number, width: AccessWidth) {
      log.push(`r${width * 8}@${offset}`);
      return width === 8 ? 0x1122_3344_5566_7788n : offset * 0x0101_0101 + width;
    },
    write(offset: number, width: AccessWidth, value: bigint | number) {
      log.push(`w${width * 8}@${offset}=${typeof value === 'bigint' ? `${value}n` : value}`);
    },
  };
}

beforeEach(() => resetMachine());

describe('MMIO dispatch', () => {
  it('sends accesses in a device window to its model with the offset and width', () => {
    const dev = recorder();
    mapDevice(UART, 0x1000, dev);
    expect(mmioRead8(UART + 1)).toBe((0x0101_0101 + 1) & 0xff);
    expect(mmioRead16(UART + 2)).toBe((2 * 0x0101_0101 + 2) & 0xffff);
    expect(mmioRead32(UART + 4)).toBe(4 * 0x0101_0101 + 4);
    expect(mmioRead64(UART + 8)).toBe(0x1122_3344_5566_7788n);
    mmioWrite8(UART, 0x141);
    mmioWrite16(UART + 2, -1);
    mmioWrite32(UART + 4, -2);
    mmioWrite64(UART + 8, -1n);
    expect(dev.log).toEqual([
      'r8@1', 'r16@2', 'r32@4', 'r64@8',
      'w8@0=65', 'w16@2=65535', 'w32@4=4294967294', `w64@8=${2n ** 64n - 1n}n`,
    ]);
  });

  it('reduces whatever a model returns to the access width', () => {
    mapDevice(UART, 0x100, {
      read: (_o, w) => (w === 4 ? -1 : 0x1_0000_0000_0000_0001n),
      write: () => {},
    });
    expect(mmioRead32(UART)).toBe(0xffff_ffff);
    expect(mmioRead8(UART)).toBe(1);
  });

  it('also serves plain loads and stores in the window', () => {
    const dev = recorder();
    mapDevice(UART, 0x1000, dev);
    store8(UART + 3, 9);
    load32(UART + 8);
    expect(dev.log).toEqual(['w8@3=9', 'r32@8']);
  });

  it('falls through to RAM where no model is mapped', () => {
    mmioWrite32(DEFAULT_RAM_BASE + 0x40, 0xabcd_ef01);
    expect(load32(DEFAULT_RAM_BASE + 0x40)).toBe(0xabcd_ef01);
    store32(DEFAULT_RAM_BASE + 0x48, 7);
    expect(mmioRead32(DEFAULT_RAM_BASE + 0x48)).toBe(7);
    expect(mmioRead64(DEFAULT_RAM_BASE + 0x40)).toBe(0xabcd_ef01n);
  });

  it('gives devices priority over RAM they overlap', () => {
    const dev = recorder();
    mapDevice(DEFAULT_RAM_BASE, 0x10, dev);
    mmioWrite32(DEFAULT_RAM_BASE + 4, 1);
    expect(dev.log).toEqual(['w32@4=1']);
    expect(unmapDevice(DEFAULT_RAM_BASE)).toBe(true);
    expect(unmapDevice(DEFAULT_RAM_BASE)).toBe(false);
    mmioWrite32(DEFAULT_RAM_BASE + 4, 1);
    expect(load32(DEFAULT_RAM_BASE + 4)).toBe(1);
  });

  it('panics on unmapped, straddling and misaligned accesses', () => {
    mapDevice(UART, 0x10, recorder());
    expect(catchPanic(() => mmioRead32(0x0800_0000))).toBe('bus error: mmioRead32 at unmapped address 0x8000000');
    expect(catchPanic(() => mmioWrite8(0x10, 0))).toBe('bus error: mmioWrite8 at unmapped address 0x10');
    expect(catchPanic(() => load32(UART + 14))).toBe('bus error: load32 at 0x900000e straddles the device window at 0x9000000');
    expect(catchPanic(() => mmioRead32(UART + 2))).toBe('bus error: mmioRead32 at misaligned address 0x9000002');
    expect(catchPanic(() => mmioWrite64(UART + 4, 0n))).toBe('bus error: mmioWrite64 at misaligned address 0x9000004');
    expect(catchPanic(() => mmioWrite16(UART + 1, 0))).toBe('bus error: mmioWrite16 at misaligned address 0x9000001');
  });

  it('refuses overlapping windows and is cleared by resetMachine', () => {
    mapDevice(UART, 0x1000, recorder());
    expect(() => mapDevice(UART + 0xff0, 0x100, recorder())).toThrow(/overlaps/);
    resetMachine();
    expect(catchPanic(() => mmioRead32(UART))).toMatch(/unmapped/);
  });
});
