// u64: bigint literals and arithmetic wrapped with u64().
import { kprint, u64 } from '@unishyper/rt';

export function main(): void {
  const a: u64 = u64(5n);
  const b: u64 = u64(7n);
  kprint`a + b = ${u64(a + b)}\n`;
  kprint`a - b = ${u64(a - b)}\n`;
  kprint`a * b = ${u64(a * b)}\n`;
  const max: u64 = u64(0xffff_ffff_ffff_ffffn);
  kprint`max = ${max}\n`;
  kprint`max + 1 = ${u64(max + 1n)}\n`;
  kprint`max + max = ${u64(max + max)}\n`;
  kprint`max * max = ${u64(max * max)}\n`;
  kprint`0 - 1 = ${u64(0n - 1n)}\n`;
  kprint`u64(-1n) = ${u64(-1n)}\n`;
  kprint`u64(2^64 + 3) = ${u64(18446744073709551619n)}\n`;
  const big: u64 = u64(0x1234_5678_9abc_def0n);
  kprint`big = ${big}\n`;
  kprint`big * 16 = ${u64(big * 16n)}\n`;
  kprint`big & 0xffff = ${u64(big & 0xffffn)}\n`;
  kprint`big | 0xf = ${u64(big | 0xfn)}\n`;
  kprint`big ^ max = ${u64(big ^ max)}\n`;
  kprint`~big = ${u64(~big)}\n`;
  kprint`a < b: ${a < b}, a > b: ${a > b}, a === 5n: ${a === 5n}, max >= big: ${max >= big}\n`;
  // FNV-1a 64
  let h: u64 = u64(0xcbf29ce484222325n);
  for (let i = 0; i < 10; i++) {
    h = u64(h ^ u64(48 + i));
    h = u64(h * 0x100000001b3n);
  }
  kprint`fnv1a64("0123456789") = ${h}\n`;
  let f: u64 = u64(1n);
  for (let i = 1; i <= 25; i++) f = u64(f * u64(i));
  kprint`25! mod 2^64 = ${f}\n`;
  let x: u64 = u64(1n);
  for (let i = 0; i < 70; i++) x = u64(x + x);
  kprint`2^70 mod 2^64 = ${x}\n`;
}
