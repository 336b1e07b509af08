// Conversions between number and u64/i64 (u64(x), i64(x), num(x)).
import { i64, kprint, num, remu64, u64 } from '@unishyper/rt';

export function main(): void {
  kprint`u64(0) = ${u64(0)}\n`;
  kprint`u64(-1) = ${u64(-1)}\n`;
  kprint`u64(2^53-1) = ${u64(9007199254740991)}\n`;
  kprint`u64(-(2^53-1)) = ${u64(-9007199254740991)}\n`;
  kprint`i64(-1) = ${i64(-1)}\n`;
  kprint`i64(-(2^53-1)) = ${i64(-9007199254740991)}\n`;
  kprint`i64(u64(-1)) = ${i64(u64(-1))}\n`;
  kprint`u64(i64(-2n)) = ${u64(i64(-2n))}\n`;
  kprint`num(u64(12345)) = ${num(u64(12345))}\n`;
  kprint`num(i64(-12345)) = ${num(i64(-12345))}\n`;
  const n = num(u64(9007199254740991n));
  kprint`num(2^53-1) = ${n}, + 0 = ${n + 0}\n`;
  kprint`num(-(2^53-1)) = ${num(i64(-9007199254740991n))}\n`;
  const x: u64 = u64(1000000007);
  const y = num(remu64(u64(x * x), u64(1000)));
  kprint`(1e9+7)^2 mod 2^64 mod 1000 (via num) = ${y}\n`;
  const z: u64 = u64(0x1_0000_0005n);
  kprint`num(z) | 0 = ${num(z) | 0}\n`;
  let total = 0;
  for (let i = 0; i < 10; i++) total += num(u64(i * 1000000000000));
  kprint`total = ${total}\n`;
  const back: u64 = u64(num(u64(42n)) + 1);
  kprint`back = ${back}\n`;
  kprint`about to convert 2^53 to number\n`;
  const tooBig: u64 = u64(9007199254740992n);
  const bad = num(tooBig);
  kprint`unreachable ${bad}\n`;
}
