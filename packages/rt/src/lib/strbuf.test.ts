import { beforeEach, describe, expect, it } from 'vitest';
import { hex, kprint } from '../kprint.js';
import { captureConsole, catchPanic, expectNoLeaks, heapStats, resetMachine } from '../sim/index.js';
import { StrBuf } from './strbuf.js';

beforeEach(() => resetMachine());

describe('StrBuf', () => {
  it('builds strings from pieces', () => {
    const b = new StrBuf(64);
    b.push('pid=');
    b.pushNum(42);
    b.push(' addr=');
    b.pushHex(0xbeef);
    b.pushByte(0x21);
    expect(b.toString()).toBe('pid=42 addr=0xbeef!');
    expect(b.len()).toBe(19);
    expect(b.capacity()).toBe(64);
    b.clear();
    expect(b.len()).toBe(0);
    expect(b.toString()).toBe('');
    b.push('é✓');
    expect(b.len()).toBe(5);
    expect(b.toString()).toBe('é✓');
    b[Symbol.dispose]();
  });

  it('formats numbers exactly as kprint does', () => {
    const values = [0, -0, 1, -1, 9, 10, -10, 15, 16, 255, 0xdead_beef, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 1234567890123];
    for (const n of values) {
      using b = new StrBuf(64);
      b.pushNum(n);
      b.pushByte(32);
      b.pushHex(n);
      expect(b.toString()).toBe(captureConsole(() => kprint`${n} ${hex(n)}`));
    }
    expectNoLeaks();
  });

  it('panics on overflow and appends nothing', () => {
    const b = new StrBuf(4);
    b.push('abc');
    expect(catchPanic(() => b.push('de'))).toBe('StrBuf overflow');
    expect(b.toString()).toBe('abc');
    expect(catchPanic(() => b.pushNum(10))).toBe('StrBuf overflow');
    expect(catchPanic(() => b.pushHex(1))).toBe('StrBuf overflow');
    b.pushByte(0x64);
    expect(catchPanic(() => b.pushByte(0x65))).toBe('StrBuf overflow');
    expect(b.toString()).toBe('abcd');
    const empty = new StrBuf(0);
    expect(catchPanic(() => empty.pushByte(1))).toBe('StrBuf overflow');
    empty.push('');
    expect(empty.toString()).toBe('');
    b[Symbol.dispose]();
    empty[Symbol.dispose]();
  });

  it('takes its bytes from the heap and gives them back', () => {
    const b = new StrBuf(100);
    expect(heapStats()).toMatchObject({ liveAllocations: 1, liveBytes: 100 });
    b[Symbol.dispose]();
    expectNoLeaks();
    expect(catchPanic(() => b[Symbol.dispose]())).toMatch(/^double free of 0x/);
    expect(catchPanic(() => new StrBuf(-1))).toBe('invalid allocation size -1');
  });
});
