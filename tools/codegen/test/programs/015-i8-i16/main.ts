// i8 and i16: sign-extending wrapping conversions.
import { i16, i8, kprint } from '@unishyper/rt';

function show8(x: number): void {
  kprint`i8(${x}) = ${i8(x)}\n`;
}

function show16(x: number): void {
  kprint`i16(${x}) = ${i16(x)}\n`;
}

export function main(): void {
  show8(0);
  show8(127);
  show8(128);
  show8(200);
  show8(255);
  show8(256);
  show8(-1);
  show8(-128);
  show8(-129);
  show8(-255);
  show8(0x7fffff80);
  show8(9007199254740991);
  show8(-9007199254740991);
  show8(1099511627903);
  show16(0);
  show16(32767);
  show16(32768);
  show16(40000);
  show16(65535);
  show16(65536);
  show16(-32768);
  show16(-32769);
  show16(-100000);
  show16(0x12348000);
  show16(9007199254740991);
  show16(-9007199254740991);
  let t: i8 = i8(120);
  for (let i = 0; i < 4; i++) {
    t = i8(t + 5);
    kprint`t = ${t}\n`;
  }
  let s: i16 = i16(-32760);
  s = i16(s - 10);
  kprint`s = ${s}\n`;
  const neg: number = i8(0xf0);
  kprint`i8(0xf0) as number * 1000 = ${neg * 1000}\n`;
  const widen: i16 = i16(i8(-100));
  kprint`i8 into i16: ${widen}\n`;
}
