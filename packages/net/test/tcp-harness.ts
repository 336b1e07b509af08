// Node-side helpers for the TCP tests: two stacks on a MemoryWire with a Tcp each, a pump that
// drives both with a simulated clock, and byte-exact transfer checks.
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { Endpoint, IpAddress, NetOptions, Tcp, TcpListener, TcpOptions, TcpStream } from '../src/index';
import { IP_A, IP_B, Pair } from './harness';

export class TcpPair {
  readonly p: Pair;
  readonly ta: Tcp;
  readonly tb: Tcp;
  constructor(seed = 1, tcpOpts?: (o: TcpOptions) => void, netOpts?: (o: NetOptions) => void) {
    this.p = new Pair(seed, netOpts);
    const oa = new TcpOptions();
    const ob = new TcpOptions();
    oa.isnSecret = 0x1111;
    ob.isnSecret = 0x2222;
    tcpOpts?.(oa);
    tcpOpts?.(ob);
    this.ta = new Tcp(this.p.a, oa);
    this.tb = new Tcp(this.p.b, ob);
  }
  get now(): number {
    return this.p.now;
  }
  /** Polls both stacks every `step` ms for `ms` ms. */
  run(ms: number, step = 1): void {
    this.p.run(ms, step);
  }
  /** Polls until `done()` or `limitMs` passes; returns the simulated ms it took. */
  until(done: () => boolean, limitMs: number, step = 1): number {
    const start = this.p.now;
    while (!done() && this.p.now - start < limitMs) this.p.run(step, step);
    return this.p.now - start;
  }
  /** A listener on B's `port` with `backlog`, non-blocking. */
  listen(port: number, backlog = 128): TcpListener {
    const l = this.tb.listener();
    const any = new IpAddress();
    const r = l.bind(any, port);
    release(any);
    if (r !== port) throw new Error(`bind ${r}`);
    if (l.listen(backlog) !== 0) throw new Error('listen');
    l.setTimeoutMs(0);
    return l;
  }
  /** A non-blocking connect from A to B:port; the stream (connect returned -EINPROGRESS). */
  connect(port: number): TcpStream {
    const s = this.ta.stream();
    s.setNonBlocking(true);
    const to = Endpoint.v4(IP_B, port);
    const r = s.connect(to, 0);
    to[Symbol.dispose]();
    release(to);
    if (r !== -115) throw new Error(`connect ${r}`);
    return s;
  }
  /** Connects and accepts one connection: [client, server]. */
  establish(l: TcpListener, port: number): [TcpStream, TcpStream] {
    const c = this.connect(port);
    let s: TcpStream | null = null;
    this.until(() => (s = s ?? l.accept()) !== null && c.finishConnect(0) === 0, 5000);
    if (s === null) throw new Error('no accept');
    if (c.finishConnect(0) !== 0) throw new Error(`not connected ${c.finishConnect(0)}`);
    (s as TcpStream).setNonBlocking(true);
    return [c, s];
  }
  dispose(): void {
    this.ta[Symbol.dispose]();
    this.tb[Symbol.dispose]();
    release(this.ta);
    release(this.tb);
    this.p.dispose();
  }
}

/** A deterministic byte pattern: byte i of a stream with `seed`. */
export function pattern(i: number, seed: number): number {
  let x = (i * 2654435761 + seed * 40503) >>> 0;
  x ^= x >>> 13;
  return (x * 31 + (i >>> 8)) & 255;
}

/**
 * Sends `total` pattern bytes from `from` to `to` (both non-blocking) while pumping the pair,
 * checks every byte, and closes nothing. Returns [bytes received, simulated ms, first mismatch or -1].
 */
export function transfer(tp: TcpPair, from: TcpStream, to: TcpStream, total: number, seed: number, limitMs: number, chunk = 16384): [number, number, number] {
  const out = allocBytes(chunk, 16);
  const inb = allocBytes(chunk, 16);
  let sent = 0;
  let got = 0;
  let bad = -1;
  const start = tp.now;
  while (got < total && tp.now - start < limitMs) {
    if (sent < total) {
      const n = Math.min(chunk, total - sent);
      for (let i = 0; i < n; i++) store8(out + i, pattern(sent + i, seed));
      const w = from.write(out, n);
      if (w > 0) sent += w;
      else if (w !== -11) throw new Error(`write ${w}`);
    }
    tp.run(1, 1);
    for (;;) {
      const r = to.read(inb, chunk);
      if (r === -11 || r === 0) break;
      if (r < 0) throw new Error(`read ${r}`);
      for (let i = 0; i < r && bad < 0; i++) if (load8(inb + i) !== pattern(got + i, seed)) bad = got + i;
      got += r;
    }
  }
  freeBytes(out);
  freeBytes(inb);
  return [got, tp.now - start, bad];
}
