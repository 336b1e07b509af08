import { beforeEach, describe, expect, it } from 'vitest';
import { store8 } from './memory.js';
import { catchPanic, DEFAULT_RAM_BASE, resetMachine, writeMemory } from './sim/index.js';
import { strByteAt, strFromBytes, strLen } from './string.js';

beforeEach(() => resetMachine());

describe('strings', () => {
  it('count UTF-8 bytes', () => {
    expect(strLen('')).toBe(0);
    expect(strLen('abc')).toBe(3);
    expect(strLen('é')).toBe(2);
    expect(strLen('✓')).toBe(3);
    expect(strLen('😀')).toBe(4);
  });

  it('index bytes', () => {
    const s = 'aé✓';
    const bytes = [0x61, 0xc3, 0xa9, 0xe2, 0x9c, 0x93];
    for (let i = 0; i < bytes.length; i++) expect(strByteAt(s, i)).toBe(bytes[i]);
    // alternating strings do not confuse the one-entry cache
    expect(strByteAt('x', 0)).toBe(0x78);
    expect(strByteAt(s, 1)).toBe(0xc3);
  });

  it('panic on out-of-range indices', () => {
    expect(catchPanic(() => strByteAt('abc', 3))).toBe('index 3 out of bounds for length 3');
    expect(catchPanic(() => strByteAt('abc', -1))).toBe('index -1 out of bounds for length 3');
    expect(catchPanic(() => strByteAt('', 0))).toBe('index 0 out of bounds for length 0');
    expect(catchPanic(() => strByteAt('abc', 0.5))).toBe('index 0.5 out of bounds for length 3');
  });

  it('read strings from memory', () => {
    const at = DEFAULT_RAM_BASE + 0x200;
    writeMemory(at, new TextEncoder().encode('héllo'));
    expect(strFromBytes(at, 6)).toBe('héllo');
    expect(strFromBytes(at, 1)).toBe('h');
    expect(strFromBytes(at, 0)).toBe('');
    expect(strFromBytes(0, 0)).toBe('');
    store8(at, 0xff);
    expect(strFromBytes(at, 1)).toBe('\ufffd');
    expect(catchPanic(() => strFromBytes(at, -1))).toBe('invalid string length -1');
    expect(catchPanic(() => strFromBytes(0x10, 4))).toBe('bus error: strFromBytes at unmapped address 0x10');
  });
});
