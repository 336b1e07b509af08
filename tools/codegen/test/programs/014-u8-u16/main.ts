// u8 and u16: wrapping conversions from every kind of number.
import { kprint, u16, u8 } from '@unishyper/rt';

function show8(label: string, v: u8): void {
  kprint`${label}: ${v}\n`;
}

function show16(label: string, v: u16): void {
  kprint`${label}: ${v}\n`;
}

export function main(): void {
  show8('u8(0)', u8(0));
  show8('u8(255)', u8(255));
  show8('u8(256)', u8(256));
  show8('u8(300)', u8(300));
  show8('u8(-1)', u8(-1));
  show8('u8(-128)', u8(-128));
  show8('u8(-256)', u8(-256));
  show8('u8(-257)', u8(-257));
  show8('u8(2^53-1)', u8(9007199254740991));
  show8('u8(-(2^53-1))', u8(-9007199254740991));
  show8('u8(0x1234567890)', u8(0x1234567890));
  let a: u8 = u8(250);
  for (let i = 0; i < 3; i++) {
    a = u8(a + 5);
    kprint`a = ${a}\n`;
  }
  a = u8(a - 20);
  kprint`a - 20 = ${a}\n`;
  let sum = 0;
  for (let i = 0; i < 1000; i++) sum += u8(i * 7);
  kprint`sum of u8(i * 7) = ${sum}\n`;

  show16('u16(0)', u16(0));
  show16('u16(65535)', u16(65535));
  show16('u16(65536)', u16(65536));
  show16('u16(70000)', u16(70000));
  show16('u16(-1)', u16(-1));
  show16('u16(-65536)', u16(-65536));
  show16('u16(-65537)', u16(-65537));
  show16('u16(0x12345678)', u16(0x12345678));
  show16('u16(2^53-1)', u16(9007199254740991));
  show16('u16(-(2^53-1))', u16(-9007199254740991));
  let b: u16 = u16(65530);
  b = u16(b + 10);
  kprint`b = ${b}\n`;
  const widened: number = b;
  kprint`widened + 100000 = ${widened + 100000}\n`;
  const c: u16 = u16(u8(200));
  kprint`u8 stored into u16: ${c}\n`;
  const d: u8 = u8(u16(0xabcd));
  kprint`u8(u16(0xabcd)) = ${d}\n`;
}
