/**
 * SHA-256 (FIPS 180-4) of the first `n` bytes at `buf`, written as a newcomer
 * would from docs/dialect.md: the state and the message schedule in
 * FixedArrays, 32-bit words wrapped with u32(), rotates with rotr32. Returns
 * the xor of the eight digest words (the test checks the full digest through
 * sha256Digest).
 */
import { FixedArray, allocBytes, idiv, freeBytes, load8, memcpy, memset, release, rotr32, store8, u32 } from '@unishyper/rt';

const K: readonly number[] = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
  0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

class Sha256 {
  readonly h = new FixedArray<number>(8, 0);
  readonly w = new FixedArray<number>(64, 0);

  constructor() {
    this.h.set(0, 0x6a09e667);
    this.h.set(1, 0xbb67ae85);
    this.h.set(2, 0x3c6ef372);
    this.h.set(3, 0xa54ff53a);
    this.h.set(4, 0x510e527f);
    this.h.set(5, 0x9b05688c);
    this.h.set(6, 0x1f83d9ab);
    this.h.set(7, 0x5be0cd19);
  }

  /** One 64-byte block at `p`. */
  block(p: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const q = p + t * 4;
      w.set(t, ((load8(q) << 24) | (load8(q + 1) << 16) | (load8(q + 2) << 8) | load8(q + 3)) >>> 0);
    }
    for (let t = 16; t < 64; t++) {
      const x = w.get(t - 15);
      const y = w.get(t - 2);
      const s0 = rotr32(x, 7) ^ rotr32(x, 18) ^ (x >>> 3);
      const s1 = rotr32(y, 17) ^ rotr32(y, 19) ^ (y >>> 10);
      w.set(t, u32(w.get(t - 16) + s0 + w.get(t - 7) + s1));
    }
    const h = this.h;
    let a = h.get(0);
    let b = h.get(1);
    let c = h.get(2);
    let d = h.get(3);
    let e = h.get(4);
    let f = h.get(5);
    let g = h.get(6);
    let k = h.get(7);
    for (let t = 0; t < 64; t++) {
      const s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = u32(k + s1 + ch + K[t] + w.get(t));
      const s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = u32(s0 + maj);
      k = g;
      g = f;
      f = e;
      e = u32(d + t1);
      d = c;
      c = b;
      b = a;
      a = u32(t1 + t2);
    }
    h.set(0, u32(h.get(0) + a));
    h.set(1, u32(h.get(1) + b));
    h.set(2, u32(h.get(2) + c));
    h.set(3, u32(h.get(3) + d));
    h.set(4, u32(h.get(4) + e));
    h.set(5, u32(h.get(5) + f));
    h.set(6, u32(h.get(6) + g));
    h.set(7, u32(h.get(7) + k));
  }

  /** The whole message of `n` bytes at `buf`, padded. */
  hash(buf: number, n: number): void {
    let done = 0;
    while (n - done >= 64) {
      this.block(buf + done);
      done += 64;
    }
    const tail = allocBytes(128, 16);
    memset(tail, 0, 128);
    const rest = n - done;
    memcpy(tail, buf + done, rest);
    store8(tail + rest, 0x80);
    const blocks = rest < 56 ? 1 : 2;
    const bits = n * 8;
    const hi = idiv(bits, 0x100000000);
    const end = tail + blocks * 64;
    for (let i = 0; i < 4; i++) {
      store8(end - 1 - i, (bits >>> (i * 8)) & 0xff);
      store8(end - 5 - i, (hi >>> (i * 8)) & 0xff);
    }
    for (let i = 0; i < blocks; i++) this.block(tail + i * 64);
    freeBytes(tail);
  }
}

/** The digest of `n` bytes at `buf` into `out` (8 words). */
export function sha256Digest(buf: number, n: number, out: FixedArray<number>): void {
  const s = new Sha256();
  s.hash(buf, n);
  for (let i = 0; i < 8; i++) out.set(i, s.h.get(i));
  release(s.h);
  release(s.w);
  release(s);
}

export function sha256(buf: number, len: number, n: number): number {
  const out = new FixedArray<number>(8, 0);
  sha256Digest(buf, n <= len ? n : len, out);
  let x = 0;
  for (let i = 0; i < 8; i++) x ^= out.get(i);
  release(out);
  return x >>> 0;
}
