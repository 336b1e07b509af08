// memcpy and memset over allocBytes memory, including zero lengths and
// copies between neighbouring regions.
import { allocBytes, kprint, load32, load8, memcpy, memset, store8 } from '@unishyper/rt';

function dump(label: string, addr: number, n: number): void {
  kprint`${label}:`;
  for (let i = 0; i < n; i++) kprint` ${load8(addr + i)}`;
  kprint`\n`;
}

export function main(): void {
  const a = allocBytes(16, 8);
  const b = allocBytes(16, 8);
  memset(a, 0, 16);
  memset(b, 0, 16);
  for (let i = 0; i < 16; i++) store8(a + i, i + 1);
  dump('a', a, 16);
  memcpy(b, a, 16);
  dump('b after memcpy', b, 16);
  memset(b + 4, 0xee, 8);
  dump('b after memset', b, 16);
  memset(b, 0x1ff, 2);
  dump('memset with 0x1ff', b, 4);
  memset(b, -1, 1);
  dump('memset with -1', b, 2);
  memcpy(b, a + 8, 0);
  memset(b, 9, 0);
  dump('after zero-length ops', b, 4);
  memcpy(b + 12, a, 4);
  dump('tail copy', b, 16);
  kprint`word at b + 12 = ${load32(b + 12)}\n`;
  // copy a string into memory byte by byte, then duplicate it
  const big = allocBytes(256, 1);
  memset(big, 0x2a, 256);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += load8(big + i);
  kprint`sum after memset 0x2a x 256 = ${sum}\n`;
  memcpy(big + 128, a, 16);
  sum = 0;
  for (let i = 0; i < 256; i++) sum += load8(big + i);
  kprint`sum after copying a into the middle = ${sum}\n`;
}
