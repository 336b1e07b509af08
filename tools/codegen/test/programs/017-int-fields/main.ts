// Fixed-width integer types as class fields, parameters, return types and
// FixedArray elements; widening into number and wrapping back.
import { FixedArray, i16, i32, i8, kprint, u16, u32, u8 } from '@unishyper/rt';

class Header {
  kind: u8;
  flags: u8;
  len: u16;
  seq: u32;
  delta: i16;
  offset: i32;
  small: i8;
  constructor(kind: u8, len: u16) {
    this.kind = kind;
    this.flags = u8(0);
    this.len = len;
    this.seq = u32(0);
    this.delta = i16(0);
    this.offset = i32(0);
    this.small = i8(0);
  }

  bump(): void {
    this.seq = u32(this.seq + 1);
    this.flags = u8(this.flags | 0x80);
    this.len = u16(this.len + 0x8000);
    this.delta = i16(this.delta - 20000);
    this.offset = i32(this.offset - 0x40000000);
    this.small = i8(this.small + 100);
  }

  total(): number {
    return this.kind + this.flags + this.len + this.seq + this.delta + this.offset + this.small;
  }
}

function checksum(bytes: FixedArray<u8>): u16 {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) s += bytes.get(i);
  return u16(~s);
}

function toI8(x: u8): i8 {
  return i8(x);
}

export function main(): void {
  const h = new Header(u8(300), u16(65535));
  kprint`kind=${h.kind} len=${h.len}\n`;
  for (let i = 0; i < 3; i++) {
    h.bump();
    kprint`seq=${h.seq} flags=${h.flags} len=${h.len} delta=${h.delta} offset=${h.offset} small=${h.small} total=${h.total()}\n`;
  }
  const bytes = new FixedArray<u8>(6, u8(0));
  for (let i = 0; i < bytes.length; i++) bytes.set(i, u8(i * 90));
  for (let i = 0; i < bytes.length; i++) kprint`b[${i}]=${bytes.get(i)} as i8 ${toI8(bytes.get(i))}\n`;
  kprint`checksum = ${checksum(bytes)}\n`;
  const words = new FixedArray<u32>(3, u32(0xffffffff));
  words.set(1, u32(words.get(0) + 2));
  kprint`words = ${words.get(0)} ${words.get(1)} ${words.get(2)}\n`;
}
