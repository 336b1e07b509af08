// u32 and i32 conversions and arithmetic that wraps through them.
import { i32, kprint, u32 } from '@unishyper/rt';

export function main(): void {
  kprint`u32(-1) = ${u32(-1)}\n`;
  kprint`u32(4294967296) = ${u32(4294967296)}\n`;
  kprint`u32(4294967297) = ${u32(4294967297)}\n`;
  kprint`u32(-4294967295) = ${u32(-4294967295)}\n`;
  kprint`u32(2^53-1) = ${u32(9007199254740991)}\n`;
  kprint`u32(-(2^53-1)) = ${u32(-9007199254740991)}\n`;
  kprint`u32(0x80000000) = ${u32(0x80000000)}\n`;
  kprint`i32(0x7fffffff) = ${i32(0x7fffffff)}\n`;
  kprint`i32(0x80000000) = ${i32(0x80000000)}\n`;
  kprint`i32(0xffffffff) = ${i32(0xffffffff)}\n`;
  kprint`i32(4294967296 + 5) = ${i32(4294967296 + 5)}\n`;
  kprint`i32(-2147483649) = ${i32(-2147483649)}\n`;
  kprint`i32(2^53-1) = ${i32(9007199254740991)}\n`;
  kprint`i32(-(2^53-1)) = ${i32(-9007199254740991)}\n`;
  let a: u32 = u32(0xfffffff0);
  a = u32(a + 0x20);
  kprint`u32 add wraps: ${a}\n`;
  a = u32(a - 0x40);
  kprint`u32 sub wraps: ${a}\n`;
  let b: i32 = i32(0x7ffffffe);
  b = i32(b + 3);
  kprint`i32 add wraps: ${b}\n`;
  b = i32(b - 2);
  kprint`i32 sub wraps: ${b}\n`;
  const c: u32 = u32(i32(-5));
  kprint`u32(i32(-5)) = ${c}\n`;
  const d: i32 = i32(u32(-5));
  kprint`i32(u32(-5)) = ${d}\n`;
  // u32 values mix into number arithmetic exactly
  const wide: number = u32(0xffffffff) + u32(0xffffffff);
  kprint`u32 max + u32 max as number = ${wide}\n`;
  // bitwise results on u32 are i32-valued numbers in JS
  const m: u32 = u32(0x80000001);
  kprint`m | 0 = ${m | 0}, m >>> 0 = ${m >>> 0}, m & 1 = ${m & 1}\n`;
  kprint`u32(m << 1) = ${u32(m << 1)}, i32(m << 1) = ${i32(m << 1)}\n`;
  let h: u32 = u32(2166136261);
  for (let i = 0; i < 5; i++) {
    h = u32(h ^ (97 + i));
    h = u32(h + 0x01000193 * (i + 1));
  }
  kprint`mixed hash = ${h}\n`;
}
