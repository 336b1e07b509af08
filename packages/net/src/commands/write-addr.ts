/**
 * Addresses as the network commands print and read them: a.b.c.d and
 * aa:bb:cc:dd:ee:ff to a TermOutput (the kprint forms are in addr.ts),
 * and a dotted quad parsed from a word typed at the prompt.
 */
import { strByteAt, strLen, u32 } from '@unishyper/rt';
import type { TermOutput } from '@unishyper/terminal';
import { hexDigit, macByte } from '../addr';

export function writeIpv4(out: TermOutput, v: number): void {
  out.writeNum((v >>> 24) & 255);
  out.write('.');
  out.writeNum((v >>> 16) & 255);
  out.write('.');
  out.writeNum((v >>> 8) & 255);
  out.write('.');
  out.writeNum(v & 255);
}

/** Columns writeIpv4 takes for `v`. */
export function ipv4Columns(v: number): number {
  let n = 3;
  for (let shift = 24; shift >= 0; shift -= 8) {
    const b = (v >>> shift) & 255;
    n += b >= 100 ? 3 : b >= 10 ? 2 : 1;
  }
  return n;
}

export function writeMac(out: TermOutput, mac: number): void {
  for (let i = 0; i < 6; i++) {
    const b = macByte(mac, i);
    if (i > 0) out.write(':');
    out.write(hexDigit(b >>> 4));
    out.write(hexDigit(b & 15));
  }
}

/** The IPv4 address in `s` ("10.0.0.1": four decimal parts 0..255, nothing else), or -1. */
export function parseIpv4(s: string): number {
  const n = strLen(s);
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? strByteAt(s, i) : 46;
    if (c >= 48 && c <= 57) {
      if (digits === 3) return -1;
      part = part * 10 + (c - 48);
      digits++;
      continue;
    }
    if (c !== 46 || digits === 0 || part > 255) return -1;
    if (i < n) dots++;
    v = v * 256 + part;
    part = 0;
    digits = 0;
  }
  return dots === 3 ? u32(v) : -1;
}
