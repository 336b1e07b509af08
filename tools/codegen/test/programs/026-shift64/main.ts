// shl64 / shr64 / sar64: 64-bit shifts with the count masked to 6 bits.
import { hex, i64, kprint, sar64, shl64, shr64, u64 } from '@unishyper/rt';

export function main(): void {
  const one: u64 = u64(1n);
  kprint`1 << 0 = ${shl64(one, 0)}\n`;
  kprint`1 << 1 = ${shl64(one, 1)}\n`;
  kprint`1 << 63 = ${shl64(one, 63)}\n`;
  kprint`1 << 64 = ${shl64(one, 64)}\n`;
  kprint`1 << 65 = ${shl64(one, 65)}\n`;
  kprint`1 << -1 = ${shl64(one, -1)}\n`;
  const pat: u64 = u64(0xf0f0_0000_0000_0f0fn);
  kprint`pat << 4 = ${hex(shl64(pat, 4))}\n`;
  kprint`pat >> 4 = ${hex(shr64(pat, 4))}\n`;
  kprint`pat >> 60 = ${shr64(pat, 60)}\n`;
  kprint`pat >> 64 = ${hex(shr64(pat, 64))}\n`;
  kprint`pat >> 127 = ${shr64(pat, 127)}\n`;
  const neg: i64 = i64(-256n);
  kprint`-256 >>s 4 = ${sar64(neg, 4)}\n`;
  kprint`-256 >>s 63 = ${sar64(neg, 63)}\n`;
  kprint`-256 >>s 64 = ${sar64(neg, 64)}\n`;
  kprint`-1 >>s 1 = ${sar64(i64(-1n), 1)}\n`;
  kprint`min >>s 62 = ${sar64(i64(-0x8000_0000_0000_0000n), 62)}\n`;
  kprint`max >>s 62 = ${sar64(i64(0x7fff_ffff_ffff_ffffn), 62)}\n`;
  kprint`1000 >>s 3 = ${sar64(i64(1000n), 3)}\n`;
  // build a 64-bit value from bytes and take it apart again
  let v: u64 = u64(0n);
  for (let i = 0; i < 8; i++) v = u64(shl64(v, 8) | u64(0x11 * (i + 1)));
  kprint`assembled = ${hex(v)}\n`;
  let parts = 0;
  for (let i = 0; i < 8; i++) {
    const byte = u64(shr64(v, i * 8) & 0xffn);
    parts += i === 7 ? 0 : 1;
    kprint` byte ${i} = ${hex(byte)}\n`;
  }
  kprint`parts = ${parts}\n`;
}
