// i64: signed 64-bit arithmetic on bigints wrapped with i64().
import { i64, kprint } from '@unishyper/rt';

export function main(): void {
  const a: i64 = i64(-5n);
  const b: i64 = i64(7n);
  kprint`a + b = ${i64(a + b)}\n`;
  kprint`a - b = ${i64(a - b)}\n`;
  kprint`a * b = ${i64(a * b)}\n`;
  kprint`-a = ${i64(-a)}\n`;
  const max: i64 = i64(0x7fff_ffff_ffff_ffffn);
  const min: i64 = i64(-0x8000_0000_0000_0000n);
  kprint`max = ${max}\n`;
  kprint`min = ${min}\n`;
  kprint`max + 1 = ${i64(max + 1n)}\n`;
  kprint`min - 1 = ${i64(min - 1n)}\n`;
  kprint`-min = ${i64(-min)}\n`;
  kprint`min * -1 = ${i64(min * -1n)}\n`;
  kprint`max * 2 = ${i64(max * 2n)}\n`;
  kprint`max * max = ${i64(max * max)}\n`;
  kprint`i64(2^63) = ${i64(0x8000_0000_0000_0000n)}\n`;
  kprint`i64(2^64 - 1) = ${i64(0xffff_ffff_ffff_ffffn)}\n`;
  kprint`a & 0xff = ${i64(a & 0xffn)}, a | 1 = ${i64(a | 1n)}, a ^ b = ${i64(a ^ b)}, ~a = ${i64(~a)}\n`;
  kprint`a < b: ${a < b}, min < max: ${min < max}, a === -5n: ${a === -5n}, a !== b: ${a !== b}\n`;
  let acc: i64 = i64(0n);
  for (let i = 0; i < 20; i++) {
    acc = i64(acc * -3n + i64(i));
  }
  kprint`acc = ${acc}\n`;
  let p: i64 = i64(1n);
  for (let i = 0; i < 63; i++) p = i64(p * 2n);
  kprint`2^63 wrapped = ${p}\n`;
  p = i64(p * 2n);
  kprint`2^64 wrapped = ${p}\n`;
}
