// bswap16 / bswap32 / bswap64 and rotl32 / rotr32.
import { bswap16, bswap32, bswap64, hex, kprint, rotl32, rotr32, u64 } from '@unishyper/rt';

export function main(): void {
  kprint`bswap16(0x1234) = ${hex(bswap16(0x1234))}\n`;
  kprint`bswap16(0x12345678) = ${hex(bswap16(0x12345678))}\n`;
  kprint`bswap16(0xff00) = ${bswap16(0xff00)}\n`;
  kprint`bswap16(-1) = ${bswap16(-1)}\n`;
  kprint`bswap32(0x12345678) = ${hex(bswap32(0x12345678))}\n`;
  kprint`bswap32(0x000000ff) = ${bswap32(0x000000ff)}\n`;
  kprint`bswap32(-2) = ${bswap32(-2)}\n`;
  kprint`bswap32(0x1_0000_0001) = ${bswap32(0x100000001)}\n`;
  kprint`bswap32(bswap32(0xcafebabe)) = ${hex(bswap32(bswap32(0xcafebabe)))}\n`;
  kprint`bswap64(0x0102030405060708) = ${hex(bswap64(u64(0x0102030405060708n)))}\n`;
  kprint`bswap64(0xff) = ${bswap64(u64(0xffn))}\n`;
  kprint`bswap64(max) = ${bswap64(u64(-1n))}\n`;
  kprint`rotl32(1, 1) = ${rotl32(1, 1)}\n`;
  kprint`rotl32(0x80000000, 1) = ${rotl32(0x80000000, 1)}\n`;
  kprint`rotl32(0x12345678, 8) = ${hex(rotl32(0x12345678, 8))}\n`;
  kprint`rotl32(0x12345678, 0) = ${hex(rotl32(0x12345678, 0))}\n`;
  kprint`rotl32(0x12345678, 32) = ${hex(rotl32(0x12345678, 32))}\n`;
  kprint`rotl32(0x12345678, 36) = ${hex(rotl32(0x12345678, 36))}\n`;
  kprint`rotl32(-1, 5) = ${rotl32(-1, 5)}\n`;
  kprint`rotr32(1, 1) = ${rotr32(1, 1)}\n`;
  kprint`rotr32(0x12345678, 8) = ${hex(rotr32(0x12345678, 8))}\n`;
  kprint`rotr32(0x12345678, -8) = ${hex(rotr32(0x12345678, -8))}\n`;
  kprint`rotr32(0x1_0000_0003, 1) = ${rotr32(0x100000003, 1)}\n`;
  let x = 0xdeadbeef;
  for (let i = 0; i < 7; i++) x = rotl32(x, 13) ^ 0x5bd1e995;
  kprint`mixed = ${x}\n`;
}
