// clz32, ctz32, popcnt32.
import { clz32, ctz32, kprint, popcnt32 } from '@unishyper/rt';

function show(x: number): void {
  kprint`${x}: clz32 ${clz32(x)}, ctz32 ${ctz32(x)}, popcnt32 ${popcnt32(x)}\n`;
}

export function main(): void {
  show(0);
  show(1);
  show(2);
  show(3);
  show(0x80000000);
  show(0xffffffff);
  show(-1);
  show(-2147483648);
  show(0x00f00000);
  show(0x12345678);
  show(4294967296);
  show(4294967296 + 0x100);
  show(9007199254740991);
  show(-9007199254740991);
  show(-256);
  let total = 0;
  for (let i = 0; i < 256; i++) total += popcnt32(i);
  kprint`sum of popcounts 0..255 = ${total}\n`;
  // floor(log2(x)) via clz32
  kprint`log2(1) = ${31 - clz32(1)}, log2(4096) = ${31 - clz32(4096)}, log2(5000) = ${31 - clz32(5000)}\n`;
  // next power of two
  const x = 1000;
  kprint`next pow2 of 1000 = ${1 << (32 - clz32(x - 1))}\n`;
}
