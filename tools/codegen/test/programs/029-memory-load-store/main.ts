// allocBytes + load/store of every width: little-endian layout, unaligned
// accesses, truncation of stored values.
import { allocBytes, freeBytes, hex, kprint, load16, load32, load64, load8, store16, store32, store64, store8, u64 } from '@unishyper/rt';

export function main(): void {
  const buf = allocBytes(64, 16);
  kprint`aligned to 16: ${buf % 16 === 0}, non-zero: ${buf !== 0}\n`;
  for (let i = 0; i < 64; i++) store8(buf + i, 0);
  store32(buf, 0x11223344);
  kprint`bytes of 0x11223344: ${hex(load8(buf))} ${hex(load8(buf + 1))} ${hex(load8(buf + 2))} ${hex(load8(buf + 3))}\n`;
  kprint`load16 low = ${hex(load16(buf))}, high = ${hex(load16(buf + 2))}\n`;
  kprint`unaligned load16 at +1 = ${hex(load16(buf + 1))}\n`;
  kprint`unaligned load32 at +1 = ${hex(load32(buf + 1))}\n`;
  store8(buf + 8, 0x1ff);
  kprint`store8 0x1ff -> ${load8(buf + 8)}\n`;
  store8(buf + 9, -1);
  kprint`store8 -1 -> ${load8(buf + 9)}\n`;
  store16(buf + 10, 0x12345);
  kprint`store16 0x12345 -> ${hex(load16(buf + 10))}\n`;
  store32(buf + 12, -2);
  kprint`store32 -2 -> ${load32(buf + 12)}\n`;
  store32(buf + 17, 0xcafebabe);
  kprint`unaligned store32 -> ${hex(load32(buf + 17))}, byte at +17 = ${hex(load8(buf + 17))}\n`;
  store32(buf + 24, 0x1_2345_6789);
  kprint`store32 of a 33-bit value -> ${hex(load32(buf + 24))}\n`;
  store64(buf + 32, 0x0102_0304_0506_0708n);
  kprint`load64 = ${hex(load64(buf + 32))}\n`;
  kprint`low word = ${hex(load32(buf + 32))}, high word = ${hex(load32(buf + 36))}\n`;
  store64(buf + 41, -1n);
  kprint`store64 -1 at +41: ${load64(buf + 41)}, byte before = ${load8(buf + 40)}, byte after = ${load8(buf + 49)}\n`;
  store64(buf + 48, u64(0x1_0000_0000_0000_0001n));
  kprint`load64 after overlapping store = ${hex(load64(buf + 48))}\n`;
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += load8(buf + i);
  kprint`byte sum = ${sum}\n`;
  const second = allocBytes(8, 8);
  kprint`second allocation distinct: ${second !== buf}, aligned: ${second % 8 === 0}\n`;
  store64(second, 77n);
  kprint`first buffer unchanged: ${hex(load32(buf))}, second = ${load64(second)}\n`;
  freeBytes(second);
  freeBytes(buf);
  kprint`freed\n`;
}
