import { describe, expect, it } from 'vitest';
import { runTcpFuzz } from './tcp-fuzz';

describe('fuzz: mutated TCP segments', () => {
  it('4000 cases: no panic, no hang, no leaked buffer or connection', () => {
    const lines: string[] = [];
    const failures = runTcpFuzz(4000, 0xbadc0de, (s) => lines.push(s));
    console.log(lines.join('\n'));
    expect(failures).toEqual([]);
  }, 120_000);
});
