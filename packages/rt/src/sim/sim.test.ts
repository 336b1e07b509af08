import { afterEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes } from '../heap.js';
import { kprint } from '../kprint.js';
import { load32, store32 } from '../memory.js';
import { panic } from '../panic.js';
import {
  captureConsole, catchPanic, DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE, expectNoLeaks, heapStats, liveAllocations,
  ramWindow, readMemory, resetMachine, setConsole, writeMemory,
} from './index.js';

afterEach(() => resetMachine());

describe('resetMachine', () => {
  it('defaults to 64 MiB of RAM at 0x4000_0000 with the heap in its upper three quarters', () => {
    resetMachine();
    expect(ramWindow()).toEqual({ base: DEFAULT_RAM_BASE, size: DEFAULT_RAM_SIZE });
    expect(DEFAULT_RAM_BASE).toBe(0x4000_0000);
    expect(DEFAULT_RAM_SIZE).toBe(64 * 1024 * 1024);
    const s = heapStats();
    expect(s.heapBase).toBe(0x4100_0000);
    expect(s.heapSize).toBe(48 * 1024 * 1024);
    expect(allocBytes(8, 8)).toBe(0x4100_0010);
  });

  it('takes a RAM window and a heap window', () => {
    resetMachine({ ramBase: 0x8000_0000, ramSize: 0x10_0000, heapBase: 0x8008_0000, heapSize: 0x1000 });
    store32(0x8000_0000, 5);
    expect(load32(0x8000_0000)).toBe(5);
    expect(catchPanic(() => load32(0x4000_0000))).toMatch(/unmapped address 0x40000000/);
    expect(allocBytes(1, 1)).toBe(0x8008_0010);
    expect(catchPanic(() => allocBytes(0x1000, 1))).toBe('out of memory');
    expect(() => resetMachine({ heapBase: 0x1000, heapSize: 0x1000 })).toThrow(/not inside RAM/);
    expect(() => resetMachine({ ramSize: -1 })).toThrow(/bad RAM window/);
  });

  it('clears RAM, the heap and the console sink', () => {
    store32(DEFAULT_RAM_BASE, 0xffff_ffff);
    allocBytes(10, 1);
    setConsole(() => {
      throw new Error('old sink');
    });
    resetMachine();
    expect(load32(DEFAULT_RAM_BASE)).toBe(0);
    expect(heapStats().liveAllocations).toBe(0);
    expect(captureConsole(() => kprint`fine`)).toBe('fine');
  });
});

describe('test helpers', () => {
  it('read and write simulated memory', () => {
    writeMemory(DEFAULT_RAM_BASE + 4, new Uint8Array([1, 2, 3, 4]));
    expect(load32(DEFAULT_RAM_BASE + 4)).toBe(0x0403_0201);
    expect([...readMemory(DEFAULT_RAM_BASE + 3, 3)]).toEqual([0, 1, 2]);
  });

  it('report leaks with their addresses', () => {
    resetMachine();
    const a = allocBytes(24, 8);
    expect(liveAllocations()).toEqual([{ addr: a, size: 24 }]);
    expect(() => expectNoLeaks()).toThrow('24 bytes at 0x41000010');
    freeBytes(a);
    expectNoLeaks();
  });

  it('catch panics and pass other errors through', () => {
    expect(catchPanic(() => panic('x'))).toBe('x');
    expect(() => catchPanic(() => JSON.parse('{'))).toThrow(SyntaxError);
  });
});

describe('the README example', () => {
  it('runs as written', async () => {
    const { mmioRead32 } = await import('../mmio.js');
    const { mapDevice, setSysreg } = await import('./index.js');
    resetMachine();
    mapDevice(0x0900_0000, 0x1000, {
      read: (offset) => (offset === 0x18 ? 0x90 : 0),
      write: () => {},
    });
    setSysreg('CNTVCT_EL0', 1_000n);
    const out = captureConsole(() => kprint`flags=${mmioRead32(0x0900_0018)}\n`);
    expect(out).toBe('flags=144\n');
    expect(catchPanic(() => mmioRead32(0x1234))).toMatch(/unmapped address 0x1234/);
    expectNoLeaks({ fixedArrays: true });
  });
});
