// mul32 / mulu32: 32-bit multiplication with wrap (Math.imul).
import { i32, kprint, mul32, mulu32, u32 } from '@unishyper/rt';

function show(a: number, b: number): void {
  kprint`${a} * ${b}: mul32 ${mul32(a, b)}, mulu32 ${mulu32(a, b)}\n`;
}

export function main(): void {
  show(3, 4);
  show(-3, 4);
  show(-3, -4);
  show(0x10000, 0x10000);
  show(0xffffffff, 0xffffffff);
  show(0xffffffff, 2);
  show(0x7fffffff, 0x7fffffff);
  show(-2147483648, -1);
  show(123456789, 987654321);
  show(4294967296 + 3, 5);
  show(9007199254740991, 9007199254740991);
  const a: u32 = u32(0xdeadbeef);
  const b: u32 = u32(0x9e3779b9);
  kprint`u32 * u32 via mulu32 = ${mulu32(a, b)}\n`;
  const c: i32 = i32(-77777);
  const d: i32 = i32(99999);
  kprint`i32 * i32 via mul32 = ${mul32(c, d)}\n`;
  let h: u32 = u32(2166136261);
  for (let i = 0; i < 8; i++) {
    h = u32(h ^ (65 + i));
    h = mulu32(h, 16777619);
  }
  kprint`fnv1a32("ABCDEFGH") = ${h}\n`;
  let x: u32 = u32(1);
  for (let i = 0; i < 40; i++) x = mulu32(x, 3);
  kprint`3^40 mod 2^32 = ${x}\n`;
}
