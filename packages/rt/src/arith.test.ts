import { describe, expect, it } from 'vitest';
import { NUMBERS, SHIFTS, U64S } from '../test/operands.js';
import {
  bswap16, bswap32, bswap64, clz32, ctz32, divi32, divi64, divu32, divu64, idiv, mul32, mulu32,
  popcnt32, remi32, remi64, remu32, remu64, rotl32, rotr32, sar64, shl64, shr64,
} from './arith.js';
import { type i32, type i64, type u32, type u64 } from './int.js';
import { catchPanic } from './sim/index.js';

// Reference models in BigInt arithmetic, written from the contract's
// definitions rather than from the implementation.
const B = BigInt;
const U32 = (x: number) => B.asUintN(32, B(x));
const I32 = (x: number) => B.asIntN(32, B(x));
const U64 = (x: bigint) => B.asUintN(64, x);
const I64 = (x: bigint) => B.asIntN(64, x);
const pairs = <T>(xs: readonly T[]): Array<[T, T]> => xs.flatMap((a) => xs.map((b): [T, T] => [a, b]));
const noNegZero = (x: number) => expect(Object.is(x, -0)).toBe(false);

describe('32-bit multiplication', () => {
  it.each(pairs(NUMBERS))('mul32/mulu32 %d * %d', (a, b) => {
    expect(mul32(a, b)).toBe(Number(B.asIntN(32, B(a) * B(b))));
    expect(mulu32(a, b)).toBe(Number(B.asUintN(32, B(a) * B(b))));
    noNegZero(mul32(a, b));
  });
});

describe('division', () => {
  it.each(pairs(NUMBERS))('idiv %d / %d', (a, b) => {
    if (b === 0) {
      expect(catchPanic(() => idiv(a, b))).toBe('division by zero');
      return;
    }
    const q = idiv(a, b);
    expect(q).toBe(Number(B(a) / B(b)));
    noNegZero(q);
  });

  it.each(pairs(NUMBERS))('32-bit %d, %d', (a, b) => {
    if (U32(b) === 0n) {
      for (const f of [divu32, remu32, divi32, remi32]) {
        expect(catchPanic(() => f(a as never, b as never))).toBe('division by zero');
      }
      return;
    }
    expect(divu32(a as u32, b as u32)).toBe(Number(U32(a) / U32(b)));
    expect(remu32(a as u32, b as u32)).toBe(Number(U32(a) % U32(b)));
    expect(divi32(a as i32, b as i32)).toBe(Number(B.asIntN(32, I32(a) / I32(b))));
    expect(remi32(a as i32, b as i32)).toBe(Number(I32(a) % I32(b)));
    noNegZero(divi32(a as i32, b as i32));
    noNegZero(remi32(a as i32, b as i32));
  });

  it('wraps MIN / -1', () => {
    expect(divi32(-0x8000_0000 as i32, -1 as i32)).toBe(-0x8000_0000);
    expect(remi32(-0x8000_0000 as i32, -1 as i32)).toBe(0);
    expect(divi64(-(2n ** 63n) as i64, -1n as i64)).toBe(-(2n ** 63n));
    expect(remi64(-(2n ** 63n) as i64, -1n as i64)).toBe(0n);
  });

  it('truncates toward zero', () => {
    expect(idiv(7, 2)).toBe(3);
    expect(idiv(-7, 2)).toBe(-3);
    expect(idiv(7, -2)).toBe(-3);
    expect(idiv(-1, 2)).toBe(0);
    expect(remi32(-7 as i32, 2 as i32)).toBe(-1);
    expect(divi64(-7n as i64, 2n as i64)).toBe(-3n);
    expect(remi64(-7n as i64, 2n as i64)).toBe(-1n);
  });

  it.each(pairs(U64S))('64-bit %d, %d', (a, b) => {
    if (b === 0n) {
      for (const f of [divu64, remu64, divi64, remi64]) {
        expect(catchPanic(() => f(a as never, b as never))).toBe('division by zero');
      }
      return;
    }
    expect(divu64(a as u64, b as u64)).toBe(a / b);
    expect(remu64(a as u64, b as u64)).toBe(a % b);
    const sa = I64(a);
    const sb = I64(b);
    expect(divi64(sa as i64, sb as i64)).toBe(I64(sa / sb));
    expect(remi64(sa as i64, sb as i64)).toBe(sa % sb);
  });
});

describe('64-bit shifts', () => {
  const cases = U64S.flatMap((a) => SHIFTS.map((n): [bigint, number] => [a, n]));
  it.each(cases)('%d by %d', (a, n) => {
    const s = B(((n % 64) + 64) % 64); // the count's low 6 bits, computed arithmetically
    expect(shl64(a as u64, n)).toBe(U64(a << s));
    expect(shr64(a as u64, n)).toBe(a >> s);
    expect(sar64(I64(a) as i64, n)).toBe(I64(a) >> s);
  });

  it('masks the count to 6 bits', () => {
    expect(shl64(1n as u64, 64)).toBe(1n);
    expect(shl64(1n as u64, 63)).toBe(2n ** 63n);
    expect(shr64((2n ** 64n - 1n) as u64, 65)).toBe(2n ** 63n - 1n);
    expect(sar64(-(2n ** 63n) as i64, 63)).toBe(-1n);
    expect(sar64(-2n as i64, -1)).toBe(-1n);
  });

  it('treats operands as their 64-bit patterns', () => {
    expect(shr64(-1n as u64, 60)).toBe(0xfn);
    expect(sar64((2n ** 64n - 1n) as i64, 4)).toBe(-1n);
  });
});

describe('bit counts', () => {
  it.each(NUMBERS)('%d', (x) => {
    const v = U32(x);
    const bits = v.toString(2).padStart(32, '0');
    expect(clz32(x)).toBe(v === 0n ? 32 : bits.indexOf('1'));
    expect(ctz32(x)).toBe(v === 0n ? 32 : 31 - bits.lastIndexOf('1'));
    expect(popcnt32(x)).toBe([...bits].filter((c) => c === '1').length);
  });

  it('has the documented values at the edges', () => {
    expect([clz32(0), ctz32(0), popcnt32(0)]).toEqual([32, 32, 0]);
    expect([clz32(1), ctz32(1), popcnt32(1)]).toEqual([31, 0, 1]);
    expect([clz32(-1), ctz32(-1), popcnt32(-1)]).toEqual([0, 0, 32]);
    expect([clz32(0x8000_0000), ctz32(0x8000_0000)]).toEqual([0, 31]);
    expect(ctz32(2 ** 32)).toBe(32);
  });
});

describe('byte swaps and rotates', () => {
  const swap = (v: bigint, bytes: number) => {
    let r = 0n;
    for (let i = 0; i < bytes; i++) r = (r << 8n) | ((v >> B(8 * i)) & 0xffn);
    return r;
  };
  it.each(NUMBERS)('bswap %d', (x) => {
    expect(bswap16(x)).toBe(Number(swap(B.asUintN(16, B(x)), 2)));
    expect(bswap32(x)).toBe(Number(swap(U32(x), 4)));
  });

  it.each(U64S)('bswap64 %d', (x) => {
    expect(bswap64(x as u64)).toBe(swap(x, 8));
    expect(bswap64(bswap64(x as u64))).toBe(x);
  });

  it('swaps known patterns', () => {
    expect(bswap16(0x1234)).toBe(0x3412);
    expect(bswap32(0x1234_5678)).toBe(0x7856_3412);
    expect(bswap64(0x0123_4567_89ab_cdefn as u64)).toBe(0xefcd_ab89_6745_2301n);
  });

  const cases = NUMBERS.flatMap((x) => SHIFTS.map((n): [number, number] => [x, n]));
  it.each(cases)('rotate %d by %d', (x, n) => {
    const v = U32(x);
    const s = B(((n % 32) + 32) % 32);
    const rotl = B.asUintN(32, (v << s) | (v >> ((32n - s) % 32n)));
    const rotr = B.asUintN(32, (v >> s) | (v << ((32n - s) % 32n)));
    expect(rotl32(x, n)).toBe(Number(s === 0n ? v : rotl));
    expect(rotr32(x, n)).toBe(Number(s === 0n ? v : rotr));
  });
});

describe('operand coercion', () => {
  it('converts out-of-type operands like C parameter conversion', () => {
    expect(divu32(-1 as u32, 2 as u32)).toBe(0x7fff_ffff);
    expect(divi32(0xffff_fffe as i32, 2 as i32)).toBe(-1);
    expect(divu64(-2n as u64, 2n as u64)).toBe(2n ** 63n - 1n);
    expect(divi64((2n ** 64n - 4n) as i64, 2n as i64)).toBe(-2n);
  });
});

