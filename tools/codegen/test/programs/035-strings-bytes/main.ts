// strLen and strByteAt: UTF-8 byte length and bytes, non-ASCII literals
// (2-, 3- and 4-byte sequences), escapes.
import { hex, kprint, strByteAt, strLen } from '@unishyper/rt';

function dumpBytes(s: string): void {
  kprint`${s}: len ${strLen(s)}, bytes`;
  for (let i = 0; i < strLen(s); i++) kprint` ${hex(strByteAt(s, i))}`;
  kprint`\n`;
}

function countChar(s: string, c: number): number {
  let n = 0;
  for (let i = 0; i < strLen(s); i++) {
    if (strByteAt(s, i) === c) n++;
  }
  return n;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < strLen(s); i++) {
    if (strByteAt(s, i) >= 0x80) return false;
  }
  return true;
}

export function main(): void {
  dumpBytes('');
  dumpBytes('A');
  dumpBytes('hi!');
  dumpBytes('é');
  dumpBytes('€');
  dumpBytes('日本');
  dumpBytes('😀');
  dumpBytes('a\tb\n');
  dumpBytes('\u00ff\u0100');
  kprint`strLen('hello world') = ${strLen('hello world')}\n`;
  kprint`strLen('☻ SHELL➜ ') = ${strLen('☻ SHELL➜ ')}\n`;
  kprint`count of 'l' in 'hello world' = ${countChar('hello world', 0x6c)}\n`;
  kprint`isAscii('plain') = ${isAscii('plain')}, isAscii('café') = ${isAscii('café')}\n`;
  let h = 0;
  const s = 'Unishyper';
  for (let i = 0; i < strLen(s); i++) h = (h * 31 + strByteAt(s, i)) % 1000000007;
  kprint`hash('${s}') = ${h}\n`;
  kprint`first and last byte: ${strByteAt(s, 0)} ${strByteAt(s, strLen(s) - 1)}\n`;
}
