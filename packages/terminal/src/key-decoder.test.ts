import { describe, expect, it } from 'vitest';
import { KEY_NONE, Key } from './keys';
import { KeyDecoder } from './key-decoder';

const enc = new TextEncoder();

/** Keys decoded from `input`, fed in chunks of the given sizes (cycled). */
function decode(input: string | number[], chunks: number[] = [1]): number[] {
  const bytes = typeof input === 'string' ? Array.from(enc.encode(input)) : input;
  const d = new KeyDecoder();
  const keys: number[] = [];
  let i = 0;
  let c = 0;
  while (i < bytes.length) {
    const end = Math.min(bytes.length, i + chunks[c++ % chunks.length]!);
    for (; i < end; i++) {
      const k = d.feed(bytes[i]!);
      if (k !== KEY_NONE) keys.push(k);
    }
  }
  return keys;
}

const cps = (s: string) => Array.from(s).map((ch) => ch.codePointAt(0)!);

describe('KeyDecoder', () => {
  it('passes printable ASCII and UTF-8 through as code points', () => {
    expect(decode('ls -l')).toEqual(cps('ls -l'));
    expect(decode('é☻ SHELL➜ 😀日本')).toEqual(cps('é☻ SHELL➜ 😀日本'));
  });

  it('decodes the same whatever the reads are split into', () => {
    const input = 'a☻\x1b[A\x1b[1;5C😀\x1bOH\x1b[3~é\r\nb\x1b[200~x';
    const whole = decode(input, [1000]);
    for (const chunks of [[1], [2], [3], [1, 2, 5], [7, 1]]) expect(decode(input, chunks)).toEqual(whole);
    expect(whole).toEqual([0x61, 0x263b, Key.Up, Key.WordRight, 0x1f600, Key.Home, Key.Delete, 0xe9, Key.Enter, 0x62, 0x78]);
  });

  it('reports Enter once for CR, LF and CR LF, twice for CR CR', () => {
    expect(decode('\r')).toEqual([Key.Enter]);
    expect(decode('\n')).toEqual([Key.Enter]);
    expect(decode('\r\n')).toEqual([Key.Enter]);
    expect(decode('\r\r')).toEqual([Key.Enter, Key.Enter]);
    expect(decode('\n\n')).toEqual([Key.Enter, Key.Enter]);
    expect(decode('\ra\n')).toEqual([Key.Enter, 0x61, Key.Enter]);
  });

  it('maps the control keys', () => {
    expect(decode([0x7f, 0x08, 0x09, 1, 3, 4, 5, 11, 12, 21, 23])).toEqual([
      Key.Backspace, Key.Backspace, Key.Tab, Key.CtrlA, Key.CtrlC, Key.CtrlD, Key.CtrlE, Key.CtrlK, Key.CtrlL, Key.CtrlU, Key.CtrlW,
    ]);
    expect(decode([2, 6, 14, 16])).toEqual([Key.Left, Key.Right, Key.Down, Key.Up]);
    expect(decode([0, 7, 0x0f, 0x1c, 0x1f])).toEqual([]);
  });

  it('decodes arrows, home, end and delete in every form terminals send', () => {
    const cases: Array<[string, number]> = [
      ['\x1b[A', Key.Up], ['\x1b[B', Key.Down], ['\x1b[C', Key.Right], ['\x1b[D', Key.Left],
      ['\x1bOA', Key.Up], ['\x1bOB', Key.Down], ['\x1bOC', Key.Right], ['\x1bOD', Key.Left],
      ['\x1b[H', Key.Home], ['\x1b[F', Key.End], ['\x1bOH', Key.Home], ['\x1bOF', Key.End],
      ['\x1b[1~', Key.Home], ['\x1b[7~', Key.Home], ['\x1b[4~', Key.End], ['\x1b[8~', Key.End],
      ['\x1b[3~', Key.Delete], ['\x1b[1;5C', Key.WordRight], ['\x1b[1;5D', Key.WordLeft], ['\x1b[1;3D', Key.WordLeft],
      ['\x1b[1;2C', Key.Right], ['\x1b[1;5H', Key.Home], ['\x1bb', Key.WordLeft], ['\x1bf', Key.WordRight], ['\x1b\x7f', Key.WordErase],
    ];
    for (const [seq, key] of cases) expect(decode(seq), JSON.stringify(seq)).toEqual([key]);
  });

  it('swallows unknown sequences whole and goes on', () => {
    for (const seq of ['\x1b[2~', '\x1b[5~', '\x1b[15~', '\x1b[200~', '\x1b[?1h', '\x1b[>0c', '\x1b[1 q', '\x1bOP', '\x1bOx', '\x1bx', '\x1b[99999999999Z', '\x1b[3;5;7;9~'])
      expect(decode(`${seq}a`), JSON.stringify(seq)).toEqual([0x61]);
    expect(decode('\x1b\x1b[A')).toEqual([Key.Up]);
  });

  it('drops malformed UTF-8 and C1 controls, keeping the next good byte', () => {
    const cases: number[][] = [
      [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xf5, 0x80, 0x80, 0x80], [0xff],
      [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80],
      [0xc2, 0x80], [0xc2, 0x9f],
    ];
    for (const c of cases) expect(decode([...c, 0x61]), c.map((b) => b.toString(16)).join(' ')).toEqual([0x61]);
    expect(decode([0xc3, 0x61])).toEqual([0x61]); // a truncated character, then 'a'
    expect(decode([0xe2, 0x98, 0x1b, 0x5b, 0x41])).toEqual([Key.Up]); // an escape interrupts it
    expect(decode([0xc2, 0xa0, 0xf4, 0x8f, 0xbf, 0xbf])).toEqual([0xa0, 0x10ffff]);
  });

  it('lets a control byte abort a sequence and act', () => {
    expect(decode('\x1b[1\x03')).toEqual([Key.CtrlC]);
    expect(decode('\x1bO\x03')).toEqual([Key.CtrlC]);
    expect(decode('\x1b\x03')).toEqual([Key.CtrlC]);
    expect(decode('\x1b[\x1b[B')).toEqual([Key.Down]);
    expect(decode('\x1b[12\rx')).toEqual([Key.Enter, 0x78]);
  });

  it('says when it is in the middle of a sequence, and forgets it on reset', () => {
    const d = new KeyDecoder();
    expect(d.feed(0x1b)).toBe(KEY_NONE);
    expect(d.feed(0x5b)).toBe(KEY_NONE);
    expect(d.pending()).toBe(true);
    d.reset();
    expect(d.pending()).toBe(false);
    expect(d.feed(0x41)).toBe(0x41);
  });
});
