// divu32 / remu32 / divi32 / remi32, including the overflow case.
import { divi32, divu32, i32, kprint, remi32, remu32, u32 } from '@unishyper/rt';

function su(a: number, b: number): void {
  kprint`${u32(a)} /u ${u32(b)} = ${divu32(u32(a), u32(b))} rem ${remu32(u32(a), u32(b))}\n`;
}

function ss(a: number, b: number): void {
  kprint`${i32(a)} /s ${i32(b)} = ${divi32(i32(a), i32(b))} rem ${remi32(i32(a), i32(b))}\n`;
}

export function main(): void {
  su(7, 2);
  su(0xffffffff, 1);
  su(0xffffffff, 0xffffffff);
  su(0xffffffff, 16);
  su(-1, 3);
  su(0x80000000, 7);
  su(5, 9);
  su(0, 9);
  ss(7, 2);
  ss(-7, 2);
  ss(7, -2);
  ss(-7, -2);
  ss(-2147483648, -1);
  ss(-2147483648, 1);
  ss(-2147483648, 2);
  ss(2147483647, -1);
  ss(0xffffffff, 2);
  ss(-1, 0x7fffffff);
  // decimal rendering of a u32 with divu32/remu32
  let v: u32 = u32(4012345678);
  let rev = 0;
  let count = 0;
  while (v !== 0) {
    rev = rev * 10 + remu32(v, u32(10));
    v = divu32(v, u32(10));
    count++;
  }
  kprint`reversed digits = ${rev}, count = ${count}\n`;
  kprint`about to divide by zero\n`;
  const z = divi32(i32(5), i32(0));
  kprint`unreachable ${z}\n`;
}
