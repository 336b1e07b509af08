// Table-driven CRC-32 (IEEE) over the bytes of strings and of memory,
// using u32 arithmetic, >>> and ^, and a table built at start-up.
import { allocBytes, FixedArray, hex, kprint, load8, store8, strByteAt, strLen, u32 } from '@unishyper/rt';

let table: FixedArray<u32> = new FixedArray<u32>(256, u32(0));

function buildTable(): void {
  for (let n = 0; n < 256; n++) {
    let c: u32 = u32(n);
    for (let k = 0; k < 8; k++) {
      if ((c & 1) !== 0) {
        c = u32(0xedb88320 ^ (c >>> 1));
      } else {
        c = u32(c >>> 1);
      }
    }
    table.set(n, c);
  }
}

function crcString(s: string): u32 {
  let c: u32 = u32(0xffffffff);
  for (let i = 0; i < strLen(s); i++) {
    c = u32(table.get((c ^ strByteAt(s, i)) & 0xff) ^ (c >>> 8));
  }
  return u32(c ^ 0xffffffff);
}

function crcMemory(addr: number, len: number): u32 {
  let c: u32 = u32(0xffffffff);
  for (let i = 0; i < len; i++) {
    c = u32(table.get((c ^ load8(addr + i)) & 0xff) ^ (c >>> 8));
  }
  return u32(c ^ 0xffffffff);
}

export function main(): void {
  buildTable();
  kprint`table[1] = ${hex(table.get(1))}, table[255] = ${hex(table.get(255))}\n`;
  kprint`crc32('123456789') = ${hex(crcString('123456789'))}\n`;
  kprint`crc32('') = ${hex(crcString(''))}\n`;
  kprint`crc32('The quick brown fox jumps over the lazy dog') = ${hex(crcString('The quick brown fox jumps over the lazy dog'))}\n`;
  kprint`crc32('héllo') = ${crcString('héllo')}\n`;
  const buf = allocBytes(1024, 8);
  for (let i = 0; i < 1024; i++) store8(buf + i, i * 31 + 7);
  kprint`crc32 of 1 KiB pattern = ${hex(crcMemory(buf, 1024))}\n`;
  for (let i = 0; i < 9; i++) store8(buf + i, 49 + i);
  kprint`crc32 of '123456789' in memory = ${hex(crcMemory(buf, 9))}\n`;
  table = new FixedArray<u32>(256, u32(0));
  kprint`after replacing the table: ${hex(crcString('123456789'))}\n`;
}
