import { describe, expect, it } from 'vitest';
import { I64S, NUMBERS, U64S } from '../test/operands.js';
import { i16, i32, i64, i8, num, u16, u32, u64, u8 } from './int.js';
import { catchPanic } from './sim/index.js';

// Reference: reduce modulo 2^bits in BigInt, independent of JS bitwise ops.
const wrapU = (bits: number, x: number) => Number(BigInt.asUintN(bits, BigInt(x)));
const wrapI = (bits: number, x: number) => Number(BigInt.asIntN(bits, BigInt(x)));

describe('32-bit and narrower conversions', () => {
  it.each(NUMBERS)('wrap %d', (x) => {
    expect(u8(x)).toBe(wrapU(8, x));
    expect(u16(x)).toBe(wrapU(16, x));
    expect(u32(x)).toBe(wrapU(32, x));
    expect(i8(x)).toBe(wrapI(8, x));
    expect(i16(x)).toBe(wrapI(16, x));
    expect(i32(x)).toBe(wrapI(32, x));
  });

  it('matches the contract on familiar values', () => {
    expect(u8(-1)).toBe(255);
    expect(u8(256)).toBe(0);
    expect(u16(0x1_2345)).toBe(0x2345);
    expect(u32(-1)).toBe(0xffff_ffff);
    expect(u32(2 ** 32)).toBe(0);
    expect(i8(0x80)).toBe(-128);
    expect(i8(0x7f)).toBe(127);
    expect(i16(0xffff)).toBe(-1);
    expect(i32(0x8000_0000)).toBe(-0x8000_0000);
    expect(i32(2 ** 53 - 1)).toBe(-1);
    expect(Object.is(i32(-0), 0)).toBe(true);
  });
});

describe('64-bit conversions', () => {
  it.each(NUMBERS)('from number %d', (x) => {
    expect(u64(x)).toBe(BigInt.asUintN(64, BigInt(x)));
    expect(i64(x)).toBe(BigInt(x));
  });

  it.each(U64S)('from bigint %d', (x) => {
    expect(u64(x)).toBe(x);
    expect(i64(x)).toBe(BigInt.asIntN(64, x));
    expect(u64(i64(x))).toBe(x);
  });

  it('wraps bigints beyond 64 bits', () => {
    expect(u64(-1n)).toBe(2n ** 64n - 1n);
    expect(u64(2n ** 64n + 5n)).toBe(5n);
    expect(i64(2n ** 63n)).toBe(-(2n ** 63n));
  });
});

describe('num', () => {
  it('converts within the safe range', () => {
    expect(num(0n)).toBe(0);
    expect(num(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(num(-(2n ** 53n - 1n))).toBe(-(2 ** 53 - 1));
    expect(num(u64(12345))).toBe(12345);
  });

  it.each([2n ** 53n, -(2n ** 53n), 2n ** 63n, 2n ** 64n - 1n, -(2n ** 63n)])('panics on %d', (x) => {
    expect(catchPanic(() => num(x))).toBe('value out of number range');
  });

  it.each(I64S)('agrees with the range check for %d', (x) => {
    const inRange = x <= 2n ** 53n - 1n && x >= -(2n ** 53n - 1n);
    expect(catchPanic(() => num(x))).toBe(inRange ? null : 'value out of number range');
  });
});
