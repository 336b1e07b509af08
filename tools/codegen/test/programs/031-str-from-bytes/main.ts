// strFromBytes: build UTF-8 bytes in memory and view them as a string;
// compare with literals, measure with strLen.
import { allocBytes, kprint, memcpy, store8, strByteAt, strFromBytes, strLen } from '@unishyper/rt';

function copyString(s: string, addr: number): number {
  const n = strLen(s);
  for (let i = 0; i < n; i++) store8(addr + i, strByteAt(s, i));
  return n;
}

export function main(): void {
  const buf = allocBytes(64, 1);
  const n = copyString('hello', buf);
  const s = strFromBytes(buf, n);
  kprint`s = ${s}, len = ${strLen(s)}, equals literal: ${s === 'hello'}\n`;
  const prefix = strFromBytes(buf, 4);
  kprint`prefix = ${prefix}, equals 'hello': ${prefix === 'hello'}, equals 'hell': ${prefix === 'hell'}\n`;
  const empty = strFromBytes(buf, 0);
  kprint`empty = [${empty}], len = ${strLen(empty)}, equals '': ${empty === ''}\n`;
  const m = copyString('grüße ✓', buf + 16);
  const u = strFromBytes(buf + 16, m);
  kprint`utf-8: ${u}, bytes = ${m}, equal: ${u === 'grüße ✓'}\n`;
  memcpy(buf + 40, buf, n);
  store8(buf + 40, 0x4a); // 'J'
  const j = strFromBytes(buf + 40, n);
  kprint`modified copy = ${j}, original = ${strFromBytes(buf, n)}, different: ${j !== s}\n`;
  let digits = 0;
  for (let i = 0; i < 10; i++) {
    store8(buf + 50 + i, 48 + ((i * 7) % 10));
    digits++;
  }
  kprint`digits = ${strFromBytes(buf + 50, digits)}\n`;
}
