/**
 * Memory intrinsics: loads, stores, memcpy and memset over the simulated bus.
 * Little-endian, any alignment. Natively these are unaligned-safe plain
 * accesses (`__builtin_memcpy`); under Node an access outside RAM and every
 * device window panics with the address in hex.
 */
import { busCopy, busFill, busRead, busRead64, busReadBytes, busWrite, busWrite64 } from './bus.js';
import type { u16, u32, u64, u8 } from './int.js';

export function load8(addr: number): u8 {
  return busRead(addr, 1, 'load8') as u8;
}

export function load16(addr: number): u16 {
  return busRead(addr, 2, 'load16') as u16;
}

export function load32(addr: number): u32 {
  return busRead(addr, 4, 'load32') as u32;
}

export function load64(addr: number): u64 {
  return busRead64(addr, 'load64') as u64;
}

/** Stores the low 8 bits of `v`. */
export function store8(addr: number, v: number): void {
  busWrite(addr, 1, v, 'store8');
}

/** Stores the low 16 bits of `v`. */
export function store16(addr: number, v: number): void {
  busWrite(addr, 2, v, 'store16');
}

/** Stores the low 32 bits of `v`. */
export function store32(addr: number, v: number): void {
  busWrite(addr, 4, v, 'store32');
}

/** Stores `v` modulo 2^64. */
export function store64(addr: number, v: bigint): void {
  busWrite64(addr, v, 'store64');
}

/** Copies `len` bytes; overlapping ranges are handled like memmove. `len <= 0` does nothing. */
export function memcpy(dst: number, src: number, len: number): void {
  if (len > 0) busCopy(dst, src, len, 'memcpy');
}

/** Sets `len` bytes to the low 8 bits of `byte`. `len <= 0` does nothing. */
export function memset(dst: number, byte: number, len: number): void {
  if (len > 0) busFill(dst, len, byte & 0xff, 'memset');
}

/**
 * The Internet checksum's sum (RFC 1071): the ones' complement sum of the
 * `len` bytes at `addr` taken as big-endian 16-bit words (an odd last byte
 * padded with a zero octet), folded to 16 bits. 0 only when every byte is 0
 * (or `len <= 0`), else 1..0xffff. Natively 64-bit loads with end-around
 * carry (AArch64: an adds/adcs chain, about a quarter instruction per byte).
 */
export function onesSum16(addr: number, len: number): number {
  if (len <= 0) return 0;
  const b = busReadBytes(addr, len, 'onesSum16');
  let s = 0;
  for (let i = 0; i + 1 < len; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if ((len & 1) !== 0) s += b[len - 1]! << 8;
  while (s > 0xffff) s = (s % 0x10000) + Math.floor(s / 0x10000);
  return s;
}
