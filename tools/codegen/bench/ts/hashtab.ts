/**
 * A connection table: objects keyed by (address, port) in 509 hash chains,
 * as a TCP stack finds the socket of a segment. `n` operations on keys drawn
 * from 256 connections: find, and insert on a miss or remove on every 8th
 * hit. Removed connections go to a free list and are reused (no allocation
 * on the lookup path). Returns found * 2^32 + the sum of found sockets'
 * counters mod 2^32.
 */
import { FixedArray, mul32, release } from '@unishyper/rt';

class Conn {
  next: Conn | null = null;
  packets = 0;
  constructor(
    public addr: number,
    public port: number,
  ) {}
}

class ConnTable {
  private readonly chains: FixedArray<Conn | null>;
  size = 0;
  private spare: Conn | null = null;

  constructor(private readonly buckets: number) {
    this.chains = new FixedArray<Conn | null>(buckets, null);
  }

  private bucket(addr: number, port: number): number {
    return ((mul32(addr, 0x9e3779b1) ^ port) >>> 0) % this.buckets;
  }

  find(addr: number, port: number): Conn | null {
    let c = this.chains.get(this.bucket(addr, port));
    while (c !== null) {
      if (c.addr === addr && c.port === port) return c;
      c = c.next;
    }
    return null;
  }

  /** A connection object for (addr, port): a spare one if there is one. */
  make(addr: number, port: number): Conn {
    const c = this.spare;
    if (c === null) return new Conn(addr, port);
    this.spare = c.next;
    c.next = null;
    c.addr = addr;
    c.port = port;
    c.packets = 0;
    return c;
  }

  insert(c: Conn): void {
    const b = this.bucket(c.addr, c.port);
    c.next = this.chains.get(b);
    this.chains.set(b, c);
    this.size++;
  }

  remove(c: Conn): void {
    const b = this.bucket(c.addr, c.port);
    let p = this.chains.get(b);
    if (p === c) this.chains.set(b, c.next);
    else {
      while (p !== null && p.next !== c) p = p.next;
      if (p !== null) p.next = c.next;
    }
    c.next = this.spare;
    this.spare = c;
    this.size--;
  }

  dispose(): void {
    while (this.spare !== null) {
      const next = this.spare.next;
      release(this.spare);
      this.spare = next;
    }
    for (let i = 0; i < this.buckets; i++) {
      let c = this.chains.get(i);
      while (c !== null) {
        const next = c.next;
        release(c);
        c = next;
      }
    }
    release(this.chains);
  }
}

export function hashtab(buf: number, len: number, n: number): number {
  const table = new ConnTable(509);
  let x = 0x12345678;
  let found = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const k = (x >>> 0) % 256;
    const addr = 0x0a000000 + (k >>> 4);
    const port = 1024 + (k & 15) * 7;
    const c = table.find(addr, port);
    if (c === null) {
      table.insert(table.make(addr, port));
    } else {
      found++;
      c.packets++;
      sum = (sum + c.packets) % 0x100000000;
      if ((found & 7) === 0) table.remove(c);
    }
  }
  table.dispose();
  release(table);
  return found * 0x100000000 + sum;
}
