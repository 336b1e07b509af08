// divu64 / remu64 / divi64 / remi64.
import { divi64, divu64, i64, kprint, num, remi64, remu64, u64 } from '@unishyper/rt';

function su(a: bigint, b: bigint): void {
  const x: u64 = u64(a);
  const y: u64 = u64(b);
  kprint`${x} /u ${y} = ${divu64(x, y)} rem ${remu64(x, y)}\n`;
}

function ss(a: bigint, b: bigint): void {
  const x: i64 = i64(a);
  const y: i64 = i64(b);
  kprint`${x} /s ${y} = ${divi64(x, y)} rem ${remi64(x, y)}\n`;
}

export function main(): void {
  su(7n, 2n);
  su(-1n, 1n);
  su(-1n, 10n);
  su(-1n, -1n);
  su(0x8000_0000_0000_0000n, 3n);
  su(12345678901234567890n, 1000000007n);
  su(3n, 5n);
  ss(7n, 2n);
  ss(-7n, 2n);
  ss(7n, -2n);
  ss(-7n, -2n);
  ss(-0x8000_0000_0000_0000n, -1n);
  ss(-0x8000_0000_0000_0000n, 1n);
  ss(-0x8000_0000_0000_0000n, 10n);
  ss(0x7fff_ffff_ffff_ffffn, -1n);
  ss(-1n, 0x7fff_ffff_ffff_ffffn);
  // decimal digits of u64 max
  let v: u64 = u64(-1n);
  let n = 0;
  let sum = 0;
  while (v !== 0n) {
    sum += num(remu64(v, u64(10n)));
    v = divu64(v, u64(10n));
    n++;
  }
  kprint`digits of 2^64-1: ${n}, digit sum ${sum}\n`;
}
