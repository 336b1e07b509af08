import { beforeEach, describe, expect, it } from 'vitest';
import { catchPanic, expectNoLeaks, fixedArrayStats, resetMachine } from '../sim/index.js';
import { Vec } from './vec.js';

beforeEach(() => resetMachine());

describe('Vec', () => {
  it('pushes, gets, sets and pops', () => {
    const v = new Vec<number>(0);
    expect(v.len()).toBe(0);
    v.push(10);
    v.push(20);
    v.push(30);
    expect(v.len()).toBe(3);
    expect([v.get(0), v.get(1), v.get(2)]).toEqual([10, 20, 30]);
    v.set(1, 21);
    expect(v.pop()).toBe(30);
    expect(v.pop()).toBe(21);
    expect(v.len()).toBe(1);
    expect(v.get(0)).toBe(10);
  });

  it('grows 4, 8, 16, ... keeping its elements and releasing old storage', () => {
    const v = new Vec<number>(-1);
    const caps: number[] = [];
    for (let i = 0; i < 100; i++) {
      v.push(i * 3);
      if (caps[caps.length - 1] !== v.capacity()) caps.push(v.capacity());
    }
    expect(caps).toEqual([4, 8, 16, 32, 64, 128]);
    for (let i = 0; i < 100; i++) expect(v.get(i)).toBe(i * 3);
    // 7 storages made (the empty one and six growths), 6 released
    expect(fixedArrayStats()).toEqual({ created: 7, released: 6, live: 1 });
    v[Symbol.dispose]();
    expectNoLeaks({ fixedArrays: true });
  });

  it('reserves capacity up front', () => {
    const v = new Vec<number>(0);
    v.reserve(50);
    expect(v.capacity()).toBe(50);
    v.reserve(10);
    expect(v.capacity()).toBe(50);
  });

  it('checks indices against the length, not the capacity', () => {
    const v = new Vec<number>(0);
    v.push(1);
    expect(v.capacity()).toBe(4);
    expect(catchPanic(() => v.get(1))).toBe('index 1 out of bounds for length 1');
    expect(catchPanic(() => v.set(-1, 0))).toBe('index -1 out of bounds for length 1');
  });

  it('panics popping an empty Vec', () => {
    const v = new Vec<number>(0);
    expect(catchPanic(() => v.pop())).toBe('pop from empty Vec');
    v.push(1);
    v.pop();
    expect(catchPanic(() => v.pop())).toBe('pop from empty Vec');
  });

  it('clears and forgets removed objects', () => {
    const v = new Vec<{ n: number } | null>(null);
    v.push({ n: 1 });
    v.push({ n: 2 });
    v.clear();
    expect(v.len()).toBe(0);
    expect(v.capacity()).toBe(4);
    v.push({ n: 3 });
    expect(v.get(0)).toEqual({ n: 3 });
  });

  it('releases its storage on dispose; use afterwards panics', () => {
    {
      using v = new Vec<number>(0);
      v.push(1);
    }
    expect(fixedArrayStats().live).toBe(0);
    const w = new Vec<number>(0);
    w.push(1);
    w[Symbol.dispose]();
    expect(catchPanic(() => w.push(2))).toBe('use of released FixedArray');
    expect(catchPanic(() => w[Symbol.dispose]())).toBe('double release');
  });
});
