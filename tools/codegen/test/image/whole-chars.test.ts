import { describe, expect, it } from 'vitest';
import { wholeCharsEnd, wholeCharsWriter } from '../../src/image/whole-chars.js';

describe('console output in whole UTF-8 characters', () => {
  it('finds where the whole characters end', () => {
    const prompt = Buffer.from('☻ SHELL➜ ');
    expect(wholeCharsEnd(prompt)).toBe(prompt.length);
    expect(wholeCharsEnd(Buffer.from('abc'))).toBe(3);
    expect(wholeCharsEnd(Buffer.from([]))).toBe(0);
    const arrow = Buffer.from('➜'); // 3 bytes
    expect(wholeCharsEnd(Buffer.concat([Buffer.from('L'), arrow.subarray(0, 1)]))).toBe(1);
    expect(wholeCharsEnd(Buffer.concat([Buffer.from('L'), arrow.subarray(0, 2)]))).toBe(1);
    expect(wholeCharsEnd(Buffer.from('😀').subarray(0, 3))).toBe(0);
    expect(wholeCharsEnd(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80]))).toBe(5); // not UTF-8: passed on
  });

  it('passes a console written one byte at a time on without splitting a character', () => {
    const text = 'boot\n☻ SHELL➜ ps — ok 😀\n';
    const writes: Buffer[] = [];
    const sink = wholeCharsWriter({ write: (b) => writes.push(Buffer.from(b)) });
    for (const byte of Buffer.from(text)) sink(Uint8Array.of(byte));
    for (const w of writes) expect(w.toString('utf8')).not.toContain('\ufffd');
    expect(Buffer.concat(writes).toString('utf8')).toBe(text);
  });
});
