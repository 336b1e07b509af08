import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz';

describe('fuzz: mutated frames', () => {
  it('3000 cases: no panic, no hang, no leaked packet buffer', () => {
    const lines: string[] = [];
    const failures = runFuzz(3000, 0xc0ffee, (s) => lines.push(s));
    expect(failures).toEqual([]);
    expect(lines.at(-1)).toMatch(/fuzz: 3000 cases/);
  }, 120_000);
});
