/**
 * 64-bit arithmetic: FNV-1a 64 over the buffer's bytes, then a splitmix64
 * finaliser over its 64-bit words, as a kernel hashes keys or seeds an RNG.
 * `u64` values with explicit wraps, shifts by constants. Returns the low 52
 * bits of the combined hash.
 */
import { load64, load8, num, shr64, u64 } from '@unishyper/rt';

const FNV_OFFSET = u64(0xcbf29ce484222325n);
const FNV_PRIME = u64(0x100000001b3n);

function fnv1a(addr: number, len: number): u64 {
  let h = FNV_OFFSET;
  for (let i = 0; i < len; i++) h = u64((h ^ u64(load8(addr + i))) * FNV_PRIME);
  return h;
}

function mix(z0: u64): u64 {
  let z = u64(z0 + 0x9e3779b97f4a7c15n);
  z = u64((z ^ shr64(z, 30)) * 0xbf58476d1ce4e5b9n);
  z = u64((z ^ shr64(z, 27)) * 0x94d049bb133111ebn);
  return u64(z ^ shr64(z, 31));
}

export function u64mix(buf: number, len: number, n: number): number {
  let acc = u64(0);
  for (let round = 0; round < n; round++) {
    acc = u64(acc ^ fnv1a(buf, len >>> 2));
    for (let i = 0; i + 8 <= len; i += 8) acc = u64(acc + mix(u64(load64(buf + i) ^ acc)));
  }
  return num(u64(acc & 0xfffffffffffffn));
}
