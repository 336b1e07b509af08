// StrBuf: building strings without concatenation; push, pushByte, pushNum,
// pushHex, len, clear, toString compared with literals, using-disposal.
import { kprint, StrBuf, strLen } from '@unishyper/rt';

function formatPair(buf: StrBuf, a: number, b: number): string {
  buf.clear();
  buf.push('(');
  buf.pushNum(a);
  buf.push(', ');
  buf.pushNum(b);
  buf.push(')');
  return buf.toString();
}

export function main(): void {
  using buf = new StrBuf(64);
  kprint`capacity ${buf.capacity()}, len ${buf.len()}, empty: [${buf.toString()}]\n`;
  buf.push('hello');
  buf.pushByte(0x2c);
  buf.pushByte(32);
  buf.push('wörld');
  kprint`${buf.toString()} (len ${buf.len()})\n`;
  kprint`equals literal: ${buf.toString() === 'hello, wörld'}\n`;
  buf.clear();
  buf.pushNum(0);
  buf.push(' ');
  buf.pushNum(-42);
  buf.push(' ');
  buf.pushNum(9007199254740991);
  buf.push(' ');
  buf.pushHex(255);
  buf.push(' ');
  buf.pushHex(0);
  buf.push(' ');
  buf.pushHex(0xdeadbeef);
  kprint`${buf.toString()}\n`;
  kprint`${formatPair(buf, 3, -4)}\n`;
  const s = formatPair(buf, 10, 20);
  kprint`pair string length ${strLen(s)}, equals '(10, 20)': ${s === '(10, 20)'}\n`;
  {
    using small = new StrBuf(8);
    for (let i = 0; i < 8; i++) small.pushByte(97 + i);
    kprint`small full: ${small.toString()}, len ${small.len()}\n`;
  }
  kprint`done\n`;
}
