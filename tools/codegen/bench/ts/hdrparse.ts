/**
 * Parsing packed headers where they lie: the buffer is read as back-to-back
 * 28-byte IPv4 + UDP headers (pattern bytes, so most fail validation), each
 * field read with load8/load16/load32 and big-endian fields byte-swapped, as
 * packages/net reads a frame. Returns a digest of the accepted headers.
 */
import { bswap16, bswap32, load16, load32, load8 } from '@unishyper/rt';

const Ip = { verIhl: 0, tos: 1, totalLen: 2, id: 4, frag: 6, ttl: 8, proto: 9, csum: 10, src: 12, dst: 16 } as const;
const Udp = { sport: 20, dport: 22, len: 24, csum: 26 } as const;
const HEADER = 28;

function be16(p: number): number {
  return bswap16(load16(p));
}

function be32(p: number): number {
  return bswap32(load32(p));
}

export function hdrparse(buf: number, len: number, n: number): number {
  let accepted = 0;
  let digest = 0;
  for (let round = 0; round < n; round++) {
    for (let p = buf; p + HEADER <= buf + len; p += HEADER) {
      const vi = load8(p + Ip.verIhl);
      if ((vi & 0x0f) < 5) continue; // IHL below the minimum
      const total = be16(p + Ip.totalLen);
      if (total < HEADER) continue;
      const frag = be16(p + Ip.frag);
      if ((frag & 0x1fff) !== 0 && (vi & 0x80) === 0) continue; // a fragment
      const ttl = load8(p + Ip.ttl);
      if (ttl === 0) continue;
      const src = be32(p + Ip.src);
      const dst = be32(p + Ip.dst);
      const dport = be16(p + Udp.dport);
      const ulen = be16(p + Udp.len);
      accepted++;
      digest = (digest + ((src ^ dst) >>> 0) + dport + ulen + load8(p + Ip.proto) + be16(p + Udp.sport)) % 0x100000000;
    }
  }
  return accepted * 0x100000000 + digest;
}
