import { beforeEach, describe, expect, it } from 'vitest';
import { u64 } from './int.js';
import { load16, load32, load64, load8, memcpy, memset, store16, store32, store64, store8 } from './memory.js';
import { catchPanic, DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE, readMemory, resetMachine, writeMemory } from './sim/index.js';

const A = DEFAULT_RAM_BASE + 0x100;

beforeEach(() => resetMachine());

describe('loads and stores', () => {
  it('are little-endian', () => {
    store32(A, 0x1234_5678);
    expect([...readMemory(A, 4)]).toEqual([0x78, 0x56, 0x34, 0x12]);
    expect(load8(A)).toBe(0x78);
    expect(load16(A + 1)).toBe(0x3456);
    store64(A + 8, 0x0102_0304_0506_0708n);
    expect(load32(A + 8)).toBe(0x0506_0708);
    expect(load64(A + 8)).toBe(0x0102_0304_0506_0708n);
  });

  it('allow any alignment', () => {
    for (let off = 0; off < 8; off++) {
      store64(A + 64 + off, 0xfedc_ba98_7654_3210n);
      expect(load64(A + 64 + off)).toBe(0xfedc_ba98_7654_3210n);
      store32(A + 32 + off, 0xdead_beef);
      expect(load32(A + 32 + off)).toBe(0xdead_beef);
      store16(A + 16 + off, 0xcafe);
      expect(load16(A + 16 + off)).toBe(0xcafe);
    }
  });

  it('store the low bits of the value', () => {
    store8(A, 0x1ff);
    expect(load8(A)).toBe(0xff);
    store8(A, -1);
    expect(load8(A)).toBe(0xff);
    store16(A, 0x12_3456);
    expect(load16(A)).toBe(0x3456);
    store32(A, 2 ** 53 - 1);
    expect(load32(A)).toBe(0xffff_ffff);
    store32(A, -2);
    expect(load32(A)).toBe(0xffff_fffe);
    store64(A, -1n);
    expect(load64(A)).toBe(2n ** 64n - 1n);
    store64(A, 2n ** 64n + 3n);
    expect(load64(A)).toBe(3n);
  });

  it('reach the first and last bytes of RAM', () => {
    const last = DEFAULT_RAM_BASE + DEFAULT_RAM_SIZE - 8;
    store64(last, u64(42));
    expect(load64(last)).toBe(42n);
    store8(DEFAULT_RAM_BASE, 7);
    expect(load8(DEFAULT_RAM_BASE)).toBe(7);
  });

  it('panic outside RAM, naming the address in hex', () => {
    expect(catchPanic(() => load32(0x1000))).toBe('bus error: load32 at unmapped address 0x1000');
    expect(catchPanic(() => store8(DEFAULT_RAM_BASE - 1, 0))).toBe('bus error: store8 at unmapped address 0x3fffffff');
    // straddling the end of RAM
    const end = DEFAULT_RAM_BASE + DEFAULT_RAM_SIZE;
    expect(catchPanic(() => load64(end - 4))).toBe(`bus error: load64 at unmapped address 0x${(end - 4).toString(16)}`);
    expect(catchPanic(() => load8(end))).toBe('bus error: load8 at unmapped address 0x44000000');
    expect(catchPanic(() => load8(-1))).toBe('bus error: load8 at unmapped address -0x1');
    expect(catchPanic(() => load8(1.5))).toBe('bus error: load8 at unmapped address 1.5');
  });
});

describe('memcpy and memset', () => {
  it('copy and fill', () => {
    writeMemory(A, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    memcpy(A + 100, A, 8);
    expect([...readMemory(A + 100, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    memset(A + 100, 0x1aa, 4);
    expect([...readMemory(A + 100, 8)]).toEqual([0xaa, 0xaa, 0xaa, 0xaa, 5, 6, 7, 8]);
    memset(A + 100, -1, 1);
    expect(load8(A + 100)).toBe(0xff);
  });

  it('handle overlap like memmove', () => {
    writeMemory(A, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    memcpy(A + 2, A, 6);
    expect([...readMemory(A, 8)]).toEqual([1, 2, 1, 2, 3, 4, 5, 6]);
    memcpy(A, A + 2, 6);
    expect([...readMemory(A, 8)]).toEqual([1, 2, 3, 4, 5, 6, 5, 6]);
  });

  it('do nothing for a length <= 0, even at unmapped addresses', () => {
    memcpy(0, 0, 0);
    memset(0, 0, -5);
    memcpy(A, A + 1, -1);
  });

  it('panic when the range leaves RAM', () => {
    const end = DEFAULT_RAM_BASE + DEFAULT_RAM_SIZE;
    expect(catchPanic(() => memset(end - 2, 0, 4))).toMatch(/^bus error: memset at unmapped address 0x/);
    expect(catchPanic(() => memcpy(A, 0x10, 4))).toMatch(/^bus error: memcpy at unmapped address 0x10$/);
  });
});
