// kprint of every value type: number, fixed-width ints, u64/i64,
// booleans, strings, with many interpolations in one template.
import { i16, i32, i64, i8, kprint, u16, u32, u64, u8 } from '@unishyper/rt';

function name(): string {
  return 'unishyper';
}

export function main(): void {
  kprint`number: ${0} ${-1} ${42} ${-9007199254740991} ${9007199254740991}\n`;
  kprint`u8 ${u8(255)} u16 ${u16(65535)} u32 ${u32(4294967295)}\n`;
  kprint`i8 ${i8(-128)} i16 ${i16(-32768)} i32 ${i32(-2147483648)}\n`;
  kprint`u64 ${u64(18446744073709551615n)} i64 ${i64(-9223372036854775808n)}\n`;
  kprint`bool ${true} ${false} ${1 < 2}\n`;
  kprint`string ${'plain'} ${name()} [${''}] ${'ünïcödé'}\n`;
  const a: number = 1;
  const b: number = 2;
  kprint`${a}+${b}=${a + b};${a}-${b}=${a - b};${a}*${b}=${a * b};${a === b}\n`;
  kprint`${a}${b}${a}${b}${a}${b}${a}${b}${a}${b}${a}${b}\n`;
  let total = 0;
  for (let i = 0; i < 3; i++) {
    total += i;
    kprint`i=${i} total=${total} even=${i % 2 === 0}\n`;
  }
}
