import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, load64, store64, u64 } from '@unishyper/rt';
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { atomicCas, atomicFetchAdd, atomicLoad, atomicStore, atomicSwap, atomicWaitWhile } from './atomics';

describe('atomics (Node bodies)', () => {
  let w = 0;
  beforeEach(() => {
    resetMachine();
    w = allocBytes(8, 8);
    store64(w, u64(0n));
  });

  it('load-acquire and store-release read and write the word', () => {
    atomicStore(w, u64(0x1234_5678_9abc_def0n));
    expect(atomicLoad(w)).toBe(0x1234_5678_9abc_def0n);
    expect(load64(w)).toBe(0x1234_5678_9abc_def0n);
  });

  it('compare-and-swap stores only on a match and returns the old value', () => {
    expect(atomicCas(w, u64(0n), u64(7n))).toBe(0n);
    expect(load64(w)).toBe(7n);
    expect(atomicCas(w, u64(0n), u64(9n))).toBe(7n);
    expect(load64(w)).toBe(7n);
  });

  it('fetch-add returns the old value and wraps mod 2^64', () => {
    expect(atomicFetchAdd(w, u64(5n))).toBe(0n);
    expect(atomicFetchAdd(w, u64(0xffff_ffff_ffff_ffffn))).toBe(5n);
    expect(load64(w)).toBe(4n);
  });

  it('swap returns the old value', () => {
    store64(w, u64(3n));
    expect(atomicSwap(w, u64(11n))).toBe(3n);
    expect(load64(w)).toBe(11n);
  });

  it('wait-while returns a value that differs, and panics when it would wait forever', () => {
    store64(w, u64(2n));
    expect(atomicWaitWhile(w, u64(1n))).toBe(2n);
    expect(catchPanic(() => atomicWaitWhile(w, u64(2n)))).toMatch(/never changes/);
  });
});
