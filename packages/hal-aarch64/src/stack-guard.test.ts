import { describe, expect, it } from 'vitest';
import { resetMachine } from '@unishyper/rt/sim';
import { initOverflowStack, OVERFLOW_STACK_BYTES, overflowStackTop, setStackLimit, stackLimit } from './stack-guard';

describe('stack guard registers (Node bodies)', () => {
  it('keeps the limit, and gives a core one overflow stack however often it asks', () => {
    resetMachine();
    setStackLimit(0x4100_1000);
    expect(stackLimit()).toBe(0x4100_1000);
    setStackLimit(0);
    expect(stackLimit()).toBe(0);
    initOverflowStack();
    const top = overflowStackTop();
    expect(top).toBeGreaterThan(OVERFLOW_STACK_BYTES);
    expect(top % 16).toBe(0);
    initOverflowStack();
    expect(overflowStackTop()).toBe(top);
  });
});
