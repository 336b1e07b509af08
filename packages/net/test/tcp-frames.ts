// Node-side TCP segment builder and parser for scripted-peer tests (plain JS test code).
import { csum, u16, u32b } from './frames';

export const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 } as const;

export interface TcpSeg {
  sport: number; dport: number; seq: number; ack: number; flags: number; wnd: number;
  data?: number[]; options?: number[]; badChecksum?: boolean; offset?: number;
}

/** A TCP segment (header, options, data) with a correct pseudo-header checksum from src to dst. */
export function tcp(src: number, dst: number, s: TcpSeg): number[] {
  const opts = s.options ?? [];
  const data = s.data ?? [];
  const hl = 20 + opts.length;
  const d = [
    ...u16(s.sport), ...u16(s.dport), ...u32b(s.seq >>> 0), ...u32b(s.ack >>> 0),
    ((s.offset ?? hl / 4) << 4), s.flags, ...u16(s.wnd), 0, 0, 0, 0, ...opts, ...data,
  ];
  const pseudo = [...u32b(src), ...u32b(dst), 0, 6, ...u16(d.length)];
  let sum = 0;
  for (let i = 0; i < pseudo.length; i += 2) sum += (pseudo[i]! << 8) | pseudo[i + 1]!;
  const c = csum(d, 0, d.length, sum) ^ (s.badChecksum ? 1 : 0);
  d[16] = c >> 8;
  d[17] = c & 255;
  return d;
}

export function mssOpt(mss: number): number[] {
  return [2, 4, ...u16(mss)];
}
export function wsOpt(shift: number): number[] {
  return [1, 3, 3, shift];
}

export interface Parsed {
  src: number; dst: number; sport: number; dport: number; seq: number; ack: number; flags: number; wnd: number;
  data: number[]; mss: number; ws: number;
}

/** Parses an Ethernet frame carrying IPv4/TCP (null for anything else). */
export function parseTcp(f: number[]): Parsed | null {
  if (f.length < 54 || f[12] !== 8 || f[13] !== 0 || f[23] !== 6) return null;
  const ip = 14;
  const ihl = (f[ip]! & 15) * 4;
  const total = (f[ip + 2]! << 8) | f[ip + 3]!;
  const t = ip + ihl;
  const be32 = (o: number) => ((f[o]! << 24) | (f[o + 1]! << 16) | (f[o + 2]! << 8) | f[o + 3]!) >>> 0;
  const hl = (f[t + 12]! >>> 4) * 4;
  let mss = -1;
  let ws = -1;
  for (let i = t + 20; i < t + hl;) {
    const k = f[i]!;
    if (k === 0) break;
    if (k === 1) { i++; continue; }
    const l = f[i + 1]!;
    if (k === 2) mss = (f[i + 2]! << 8) | f[i + 3]!;
    if (k === 3) ws = f[i + 2]!;
    i += l;
  }
  return {
    src: be32(ip + 12), dst: be32(ip + 16), sport: (f[t]! << 8) | f[t + 1]!, dport: (f[t + 2]! << 8) | f[t + 3]!,
    seq: be32(t + 4), ack: be32(t + 8), flags: f[t + 13]!, wnd: (f[t + 14]! << 8) | f[t + 15]!,
    data: f.slice(t + hl, ip + total), mss, ws,
  };
}
