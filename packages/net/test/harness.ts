// Node-side helpers for the tests: two stacks over a MemoryWire, a clock, and byte helpers.
import { allocBytes, freeBytes, load8, store8 } from '@unishyper/rt';
import { IpAddress, ipv4, MemoryWire, NetOptions, NetStack } from '../src/index';

export const MAC_A = 0x02_00_00_00_00_0a;
export const MAC_B = 0x02_00_00_00_00_0b;
export const IP_A = ipv4(10, 0, 0, 2);
export const IP_B = ipv4(10, 0, 0, 1);

export class Pair {
  readonly wire: MemoryWire;
  readonly a: NetStack;
  readonly b: NetStack;
  now = 0;
  constructor(seed = 1, opts?: (o: NetOptions) => void) {
    this.wire = new MemoryWire(MAC_A, MAC_B, 64, seed);
    const oa = new NetOptions();
    const ob = new NetOptions();
    opts?.(oa);
    opts?.(ob);
    this.a = new NetStack(this.wire.a, oa);
    this.b = new NetStack(this.wire.b, ob);
    expectZero(this.a.start());
    expectZero(this.b.start());
    this.a.setStatic(IP_A, 24, IP_B);
    this.b.setStatic(IP_B, 24, 0);
  }
  /** Polls both stacks every `step` ms for `ms` ms. */
  run(ms: number, step = 10): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.a.poll(this.now);
      this.b.poll(this.now);
      this.now += step;
    }
    this.a.poll(this.now);
    this.b.poll(this.now);
  }
  /** Frees everything; the pools must be whole again. */
  dispose(): void {
    this.wire[Symbol.dispose]();
    this.a[Symbol.dispose]();
    this.b[Symbol.dispose]();
  }
}

function expectZero(r: number): void {
  if (r !== 0) throw new Error(`expected 0, got ${r}`);
}

export function bytes(addr: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(load8(addr + i));
  return out;
}

/** Copies `data` into fresh simulated RAM; returns the address (free with freeBytes). */
export function put(data: number[] | Uint8Array): number {
  const a = allocBytes(Math.max(1, data.length), 16);
  for (let i = 0; i < data.length; i++) store8(a + i, data[i]!);
  return a;
}

export function withBytes<T>(data: number[] | Uint8Array, fn: (addr: number, len: number) => T): T {
  const a = put(data);
  try {
    return fn(a, data.length);
  } finally {
    freeBytes(a);
  }
}

export function ip(s: string): IpAddress {
  const p = s.split('.').map(Number);
  return IpAddress.v4(p[0]!, p[1]!, p[2]!, p[3]!);
}
