import { beforeEach, describe, expect, it } from 'vitest';
import { i64, u32, u64 } from './int.js';
import { hex, kprint } from './kprint.js';
import { captureConsole, resetMachine, setConsole, startConsoleCapture, stopConsoleCapture } from './sim/index.js';

beforeEach(() => resetMachine());

const show = (fn: () => void) => captureConsole(fn);

describe('kprint', () => {
  it('prints literal pieces and values without adding a newline', () => {
    expect(show(() => kprint`hello`)).toBe('hello');
    expect(show(() => kprint``)).toBe('');
    expect(show(() => kprint`a=${1} b=${'two'} c=${true} d=${false}\n`)).toBe('a=1 b=two c=true d=false\n');
    expect(show(() => kprint`${'x'}${'y'}`)).toBe('xy');
  });

  it('prints numbers and bigints in decimal', () => {
    expect(show(() => kprint`${0} ${-0} ${-1} ${2 ** 53 - 1} ${-(2 ** 53 - 1)}`)).toBe(
      '0 0 -1 9007199254740991 -9007199254740991',
    );
    expect(show(() => kprint`${u64(-1)} ${i64(2n ** 63n)} ${u32(-1)}`)).toBe(
      '18446744073709551615 -9223372036854775808 4294967295',
    );
  });

  it('prints hex in lowercase with 0x and no padding', () => {
    expect(show(() => kprint`${hex(0)} ${hex(255)} ${hex(0xdead_beef)} ${hex(2 ** 53 - 1)}`)).toBe(
      '0x0 0xff 0xdeadbeef 0x1fffffffffffff',
    );
    expect(show(() => kprint`${hex(-1)} ${hex(-0x10)} ${hex(-0)}`)).toBe('-0x1 -0x10 0x0');
    expect(show(() => kprint`${hex(u64(-1))} ${hex(i64(-(2n ** 63n)))} ${hex(0x0123_4567_89ab_cdefn)}`)).toBe(
      '0xffffffffffffffff -0x8000000000000000 0x123456789abcdef',
    );
  });

  it('writes each call to the sink in one piece', () => {
    const pieces: string[] = [];
    setConsole((t) => pieces.push(t));
    kprint`x=${1}, y=${2}\n`;
    kprint`z`;
    expect(pieces).toEqual(['x=1, y=2\n', 'z']);
  });

  it('captures with start/stop and restores the sink on errors', () => {
    startConsoleCapture();
    kprint`one `;
    kprint`two`;
    expect(stopConsoleCapture()).toBe('one two');
    const outer = captureConsole(() => {
      expect(() => captureConsole(() => {
        kprint`inner`;
        throw new Error('boom');
      })).toThrow('boom');
      kprint`outer`;
    });
    expect(outer).toBe('outer');
  });
});
