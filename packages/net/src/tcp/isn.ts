/**
 * Initial sequence numbers (RFC 9293 §3.4.1, RFC 6528 §3):
 * ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M
 * is a timer ticking every 4 µs and F a keyed hash of the connection's
 * identity — here an xorshift-multiply mix (not cryptographic; the key
 * comes from TcpOptions.isnSecret). Different connections get unrelated
 * ISNs; a reincarnation of one connection gets a later one.
 */
import { mulu32, u32 } from '@unishyper/rt';

function mix(h: number, v: number): number {
  let x = u32(h ^ v);
  x = mulu32(x ^ (x >>> 16), 0x7feb352d);
  x = mulu32(x ^ (x >>> 15), 0x846ca68b);
  return u32(x ^ (x >>> 16));
}

export function initialSequence(secret: number, nowMs: number, laddr: number, lport: number, raddr: number, rport: number): number {
  let h = mix(secret, laddr);
  h = mix(h, raddr);
  h = mix(h, (lport << 16) | rport);
  const m = (nowMs % 0x4000000) * 250; // 4 µs ticks, modulo 2^32 below
  return (m + h) >>> 0;
}
