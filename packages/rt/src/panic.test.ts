import { describe, expect, it } from 'vitest';
import { KernelPanic, panic } from './panic.js';
import { catchPanic } from './sim/index.js';

describe('panic', () => {
  it('throws a KernelPanic carrying the message', () => {
    let caught: unknown;
    try {
      panic('disk on fire');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KernelPanic);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as KernelPanic).kernelMessage).toBe('disk on fire');
    expect((caught as KernelPanic).message).toBe('disk on fire');
    expect((caught as KernelPanic).name).toBe('KernelPanic');
  });

  it('is told apart from other exceptions by catchPanic', () => {
    expect(catchPanic(() => panic('x'))).toBe('x');
    expect(catchPanic(() => {})).toBe(null);
    expect(() => catchPanic(() => {
      throw new TypeError('not a panic');
    })).toThrow(TypeError);
  });
});
