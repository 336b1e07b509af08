// Node-side frame builders for crafted input (plain JS: test code, not kernel code).
export function csum(b: number[], start = 0, end = b.length, init = 0): number {
  let s = init;
  for (let i = start; i < end; i += 2) s += (b[i]! << 8) | (i + 1 < end ? b[i + 1]! : 0);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export function u16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}
export function u32b(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}
export function mac(v: number): number[] {
  const out: number[] = [];
  for (let i = 5; i >= 0; i--) out.push(Math.floor(v / 2 ** (8 * i)) % 256);
  return out;
}

export function eth(dst: number, src: number, type: number, payload: number[]): number[] {
  return [...mac(dst), ...mac(src), ...u16(type), ...payload];
}

export interface IpOpts {
  ttl?: number; id?: number; flags?: number; fragOffset?: number; proto: number; src: number; dst: number;
  options?: number[]; totalLen?: number; version?: number; ihl?: number; badChecksum?: boolean;
}

export function ipv4(o: IpOpts, payload: number[]): number[] {
  const opts = o.options ?? [];
  const hl = 20 + opts.length;
  const h = [
    ((o.version ?? 4) << 4) | (o.ihl ?? hl / 4), 0, ...u16(o.totalLen ?? hl + payload.length), ...u16(o.id ?? 1),
    ...u16(((o.flags ?? 0) << 13) | ((o.fragOffset ?? 0) >> 3)), o.ttl ?? 64, o.proto, 0, 0, ...u32b(o.src), ...u32b(o.dst), ...opts,
  ];
  const c = csum(h);
  h[10] = c >> 8;
  h[11] = (c & 255) ^ (o.badChecksum ? 1 : 0);
  return [...h, ...payload];
}

export function udp(src: number, dst: number, sport: number, dport: number, data: number[], opts: { noChecksum?: boolean; badChecksum?: boolean; len?: number } = {}): number[] {
  const len = 8 + data.length;
  const d = [...u16(sport), ...u16(dport), ...u16(opts.len ?? len), 0, 0, ...data];
  if (!opts.noChecksum) {
    const pseudo = [...u32b(src), ...u32b(dst), 0, 17, ...u16(len)];
    let s = 0;
    for (let i = 0; i < pseudo.length; i += 2) s += (pseudo[i]! << 8) | pseudo[i + 1]!;
    let c = csum(d, 0, d.length, s);
    if (c === 0) c = 0xffff;
    if (opts.badChecksum) c ^= 0x100;
    d[6] = c >> 8;
    d[7] = c & 255;
  }
  return d;
}

export function icmp(type: number, code: number, rest: number[], data: number[], bad = false): number[] {
  const m = [type, code, 0, 0, ...rest, ...data];
  const c = csum(m) ^ (bad ? 1 : 0);
  m[2] = c >> 8;
  m[3] = c & 255;
  return m;
}

export function arp(op: number, sha: number, spa: number, tha: number, tpa: number): number[] {
  return [0, 1, 8, 0, 6, 4, ...u16(op), ...mac(sha), ...u32b(spa), ...mac(tha), ...u32b(tpa)];
}
