import { beforeEach, describe, expect, it } from 'vitest';
import { FixedArray } from './fixed-array.js';
import { release } from './release.js';
import { catchPanic, expectNoLeaks, fixedArrayStats, isReleased, resetMachine } from './sim/index.js';

beforeEach(() => resetMachine());

describe('FixedArray', () => {
  it('has a fixed length and a fill value', () => {
    const a = new FixedArray<number>(3, 7);
    expect(a.length).toBe(3);
    expect([a.get(0), a.get(1), a.get(2)]).toEqual([7, 7, 7]);
    a.set(1, 42);
    expect(a.get(1)).toBe(42);
    expect(new FixedArray<boolean>(0, false).length).toBe(0);
  });

  it('checks bounds', () => {
    const a = new FixedArray<number>(3, 0);
    expect(catchPanic(() => a.get(3))).toBe('index 3 out of bounds for length 3');
    expect(catchPanic(() => a.set(-1, 1))).toBe('index -1 out of bounds for length 3');
    expect(catchPanic(() => a.get(1.5))).toBe('index 1.5 out of bounds for length 3');
    expect(catchPanic(() => a.get(NaN))).toBe('index NaN out of bounds for length 3');
    expect(catchPanic(() => new FixedArray<number>(0, 0).get(0))).toBe('index 0 out of bounds for length 0');
  });

  it('rejects bad lengths', () => {
    expect(catchPanic(() => new FixedArray<number>(-1, 0))).toBe('FixedArray length must not be negative');
    expect(catchPanic(() => new FixedArray<number>(2.5, 0))).toBe('invalid FixedArray length 2.5');
    expect(catchPanic(() => new FixedArray<number>(2 ** 40, 0))).toBe('out of memory');
  });

  it('refuses use after release, and a second release', () => {
    const a = new FixedArray<number>(2, 0);
    release(a);
    expect(isReleased(a)).toBe(true);
    expect(catchPanic(() => a.get(0))).toBe('use of released FixedArray');
    expect(catchPanic(() => a.set(0, 1))).toBe('use of released FixedArray');
    expect(catchPanic(() => release(a))).toBe('double release');
  });

  it('counts arrays for leak checks', () => {
    const a = new FixedArray<number>(1, 0);
    new FixedArray<number>(1, 0);
    expect(fixedArrayStats()).toEqual({ created: 2, released: 0, live: 2 });
    release(a);
    expect(fixedArrayStats().live).toBe(1);
    expect(() => expectNoLeaks({ fixedArrays: true })).toThrow('1 FixedArray(s) never released');
    expectNoLeaks();
  });
});

describe('release', () => {
  it('records releases of any object', () => {
    const o = {};
    expect(isReleased(o)).toBe(false);
    release(o);
    expect(isReleased(o)).toBe(true);
    expect(catchPanic(() => release(o))).toBe('double release');
    resetMachine();
    expect(isReleased(o)).toBe(false);
  });
});
