// hex(): lowercase, 0x prefix, no padding, for number, fixed-width and
// 64-bit values.
import { hex, i32, i64, kprint, u16, u32, u64, u8 } from '@unishyper/rt';

export function main(): void {
  kprint`${hex(0)}\n`;
  kprint`${hex(1)}\n`;
  kprint`${hex(9)} ${hex(10)} ${hex(15)} ${hex(16)}\n`;
  kprint`${hex(255)} ${hex(256)}\n`;
  kprint`${hex(0xdeadbeef)}\n`;
  kprint`${hex(0xABCDEF)}\n`;
  kprint`${hex(4294967296)}\n`;
  kprint`${hex(9007199254740991)}\n`;
  kprint`${hex(0x4000_0000)}\n`;
  kprint`${hex(u8(0x1ff))} ${hex(u16(-1))} ${hex(u32(-1))}\n`;
  kprint`${hex(u64(0n))} ${hex(u64(-1n))} ${hex(u64(0x1234_5678_9abc_def0n))}\n`;
  kprint`addr=${hex(0x0900_0000)} size=${hex(0x1000)} end=${hex(0x0900_0000 + 0x1000)}\n`;
  kprint`mixed ${1234} = ${hex(1234)}\n`;
  kprint`negative: ${hex(-1)} ${hex(-255)} ${hex(i32(-16))} ${hex(i64(-4096n))} ${hex(-9007199254740991)}\n`;
  for (let i = 0; i < 5; i++) kprint`${hex(1 << (i * 7))} `;
  kprint`\n`;
}
