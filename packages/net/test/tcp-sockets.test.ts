// Socket behaviour between two stacks: refused, unreachable, timed out, simultaneous open and
// close, TIME-WAIT, a backlog of 128+, abortive close, half-close, Nagle, keepalive, address rules.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { EchoResult, Endpoint, IpAddress, ipv4, NetError, TcpState, TcpStream } from '../src/index';
import { IP_A, IP_B } from './harness';
import { TcpPair } from './tcp-harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

function resolveArp(tp: TcpPair): void {
  tp.p.a.ping(IP_B, 1, 1, 8, 64);
  tp.run(5);
  const e = new EchoResult();
  tp.p.a.takeEcho(e);
  release(e);
}

function endpoint(a: number, port: number): Endpoint {
  return Endpoint.v4(a as never, port);
}

function free(e: Endpoint): void {
  e[Symbol.dispose]();
  release(e);
}

describe('TCP sockets', () => {
  it('connect to a closed port: RST -> ECONNREFUSED', () => {
    const tp = new TcpPair();
    const s = tp.connect(9);
    tp.run(20);
    expect(s.finishConnect(0)).toBe(-NetError.ECONNREFUSED);
    expect(s.state()).toBe(TcpState.Closed);
    expect(tp.tb.stats.resetsSent).toBe(1);
    s.close();
    release(s);
    expect(tp.ta.stats.made - tp.ta.stats.destroyed).toBe(0);
    tp.dispose();
  });

  it('connect to a host that does not answer ARP: EHOSTUNREACH; to a silent one: ETIMEDOUT', () => {
    const tp = new TcpPair(3, (o) => (o.synRetries = 2));
    const s = tp.ta.stream();
    const to = endpoint(ipv4(10, 0, 0, 99), 80);
    expect(s.connect(to, 0)).toBe(-NetError.EINPROGRESS);
    expect(s.connect(to, 0)).toBe(-NetError.EINPROGRESS); // again while it is under way
    tp.until(() => s.finishConnect(0) !== -NetError.EINPROGRESS, 20000, 10);
    expect(s.finishConnect(0)).toBe(-NetError.EHOSTUNREACH);
    expect(tp.now).toBeGreaterThanOrEqual(7000); // 1 + 2 + 4 s of backed-off RTO
    s.close();
    release(s);
    free(to);
    resolveArp(tp);
    tp.p.wire.lossPermille = 1000;
    const t2 = tp.connect(80);
    tp.until(() => t2.finishConnect(0) !== -NetError.EINPROGRESS, 20000, 10);
    expect(t2.finishConnect(0)).toBe(-NetError.ETIMEDOUT);
    t2.close();
    release(t2);
    tp.dispose();
  });

  it('no address configured: ENETUNREACH; bad endpoints: EINVAL', () => {
    const tp = new TcpPair();
    tp.p.a.setStatic(0, 0, 0);
    const s = tp.ta.stream();
    const to = endpoint(IP_B, 80);
    expect(s.connect(to, 0)).toBe(-NetError.ENETUNREACH);
    const bad = endpoint(IP_B, 0);
    expect(s.connect(bad, 0)).toBe(-NetError.EINVAL);
    const buf = allocBytes(8, 8);
    expect(s.read(buf, 8)).toBe(-NetError.ENOTCONN);
    expect(s.write(buf, 8)).toBe(-NetError.ENOTCONN);
    expect(s.read(buf, -1)).toBe(-NetError.EINVAL);
    s.close();
    expect(s.read(buf, 8)).toBe(-NetError.EBADF);
    freeBytes(buf);
    release(s);
    free(to);
    free(bad);
    tp.dispose();
  });

  it('simultaneous close: FIN-WAIT-1 -> CLOSING -> TIME-WAIT on both sides (RFC 9293 §3.6)', () => {
    const tp = new TcpPair(4, (o) => (o.mslMs = 300));
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    tp.run(100);
    expect(c.shutdown()).toBe(0);
    expect(s.shutdown()).toBe(0);
    expect(c.state()).toBe(TcpState.FinWait1);
    expect(s.state()).toBe(TcpState.FinWait1);
    tp.p.a.poll(tp.now); // A gets B's FIN before the ACK of its own
    expect(c.state()).toBe(TcpState.Closing);
    tp.p.b.poll(tp.now);
    expect(s.state()).toBe(TcpState.TimeWait);
    tp.run(5);
    expect(c.state()).toBe(TcpState.TimeWait);
    const buf = allocBytes(8, 8);
    expect(c.read(buf, 8)).toBe(0);
    expect(c.write(buf, 8)).toBe(-NetError.EPIPE);
    // TIME-WAIT lasts 2*MSL
    tp.run(550, 10);
    expect(tp.ta.count + tp.tb.count).toBe(2);
    tp.run(100, 10);
    expect(tp.ta.count + tp.tb.count).toBe(0);
    expect(c.state()).toBe(TcpState.Closed);
    expect(c.read(buf, 8)).toBe(0); // still end of stream
    freeBytes(buf);
    c.close();
    s.close();
    release(c);
    release(s);
    l.close();
    release(l);
    expect(tp.ta.stats.made - tp.ta.stats.destroyed).toBe(0);
    expect(tp.tb.stats.made - tp.tb.stats.destroyed).toBe(0);
    tp.dispose();
  });

  it('simultaneous open: both SYNs cross, both connect (RFC 9293 §3.5 Figure 8)', () => {
    const tp = new TcpPair(5);
    resolveArp(tp);
    const a = tp.ta.stream();
    const b = tp.tb.stream();
    const any = new IpAddress();
    expect(a.bind(any, 7000)).toBe(7000);
    expect(b.bind(any, 8000)).toBe(8000);
    const toB = endpoint(IP_B, 8000);
    const toA = endpoint(IP_A, 7000);
    expect(a.connect(toB, 0)).toBe(-NetError.EINPROGRESS);
    expect(b.connect(toA, 0)).toBe(-NetError.EINPROGRESS);
    tp.run(20);
    expect(a.finishConnect(0)).toBe(0);
    expect(b.finishConnect(0)).toBe(0);
    a.setNonBlocking(true);
    b.setNonBlocking(true);
    const buf = allocBytes(8, 8);
    store8(buf, 42);
    expect(a.write(buf, 1)).toBe(1);
    tp.run(5);
    store8(buf, 0);
    expect(b.read(buf, 8)).toBe(1);
    expect(load8(buf)).toBe(42);
    freeBytes(buf);
    a.close();
    b.close();
    release(a);
    release(b);
    release(any);
    free(toA);
    free(toB);
    tp.dispose();
  });

  it('a backlog of 128: 130 clients connect, 128 wait in the queue, the rest get in as it drains', () => {
    const tp = new TcpPair(6, (o) => {
      o.sendBuffer = 4096;
      o.receiveBuffer = 4096;
    });
    resolveArp(tp);
    const l = tp.listen(80, 128);
    l.setBufferSizes(4096, 4096);
    const clients: TcpStream[] = [];
    for (let i = 0; i < 130; i++) clients.push(tp.connect(80));
    tp.until(() => l.queued === 128, 20000, 10);
    tp.run(2000, 10);
    const connected = clients.filter((c) => c.finishConnect(0) === 0).length;
    expect(l.pending).toBe(128);
    expect(l.queued).toBe(128);
    expect(connected).toBe(128);
    const servers: TcpStream[] = [];
    for (;;) {
      const s = l.accept();
      if (s === null) break;
      s.setNonBlocking(true);
      servers.push(s);
    }
    expect(servers.length).toBe(128);
    expect(l.lastError).toBe(-NetError.EAGAIN);
    // the two that were turned away retry their SYN and get in
    tp.run(10000, 10);
    for (;;) {
      const s = l.accept();
      if (s === null) break;
      s.setNonBlocking(true);
      servers.push(s);
    }
    expect(servers.length).toBe(130);
    expect(clients.every((c) => c.finishConnect(0) === 0)).toBe(true);
    // every connection carries its own byte
    const buf = allocBytes(8, 8);
    clients.forEach((c, i) => {
      store8(buf, i);
      expect(c.write(buf, 1)).toBe(1);
    });
    // 130 segments at once overflow the wire's 64-frame queue: some are retransmitted (RTO 3 s after SYN timeouts, RFC 6298 §5.7)
    tp.until(() => servers.every((s) => s.available() === 1), 60000, 10);
    const seen = new Set<number>();
    for (const s of servers) {
      expect(s.read(buf, 8)).toBe(1);
      seen.add(load8(buf));
    }
    expect(seen.size).toBe(130);
    freeBytes(buf);
    for (const c of clients) { c.close(); release(c); }
    for (const s of servers) { s.close(); release(s); }
    tp.run(200);
    l.close();
    release(l);
    tp.dispose();
  }, 60_000);

  it('256 concurrent connections, each echoing its own 1000 bytes, all freed at the end', () => {
    const tp = new TcpPair(12, (o) => {
      o.sendBuffer = 4096;
      o.receiveBuffer = 4096;
      o.mslMs = 100;
    });
    resolveArp(tp);
    const l = tp.listen(80, 256);
    l.setBufferSizes(4096, 4096);
    const clients: TcpStream[] = [];
    const servers: TcpStream[] = [];
    for (let i = 0; i < 256; i++) clients.push(tp.connect(80));
    const buf = allocBytes(4096, 16);
    const written = new Array<number>(256).fill(0);
    const echoed = new Array<number>(256).fill(0);
    const start = tp.now;
    while (echoed.some((n) => n < 1000) && tp.now - start < 60000) {
      for (let s = l.accept(); s !== null; s = l.accept()) {
        s.setNonBlocking(true);
        servers.push(s);
      }
      clients.forEach((c, i) => {
        if (written[i]! < 1000 && c.finishConnect(0) === 0) {
          for (let k = 0; k < 1000 - written[i]!; k++) store8(buf + k, (i + written[i]! + k) & 255);
          const w = c.write(buf, 1000 - written[i]!);
          if (w > 0) written[i]! += w;
        }
        for (;;) {
          const r = c.read(buf, 4096);
          if (r <= 0) break;
          for (let k = 0; k < r; k++) expect(load8(buf + k)).toBe((i + echoed[i]! + k) & 255);
          echoed[i]! += r;
        }
      });
      for (const s of servers) {
        const r = s.read(buf, 4096);
        if (r > 0) expect(s.write(buf, r)).toBe(r);
      }
      tp.run(10, 10);
    }
    expect(servers.length).toBe(256);
    expect(echoed.every((n) => n === 1000)).toBe(true);
    expect(tp.ta.count).toBe(256);
    for (const c of clients) { c.close(); release(c); }
    tp.run(50, 10);
    for (const s of servers) { s.close(); release(s); }
    tp.until(() => tp.ta.count + tp.tb.count === 0, 60000, 10);
    expect(tp.ta.count + tp.tb.count).toBe(0);
    expect(tp.ta.stats.made - tp.ta.stats.destroyed + tp.tb.stats.made - tp.tb.stats.destroyed).toBe(0);
    freeBytes(buf);
    l.close();
    release(l);
    tp.dispose();
  }, 60_000);

  it('closing a listener resets connections not yet accepted', () => {
    const tp = new TcpPair(7);
    const l = tp.listen(80, 4);
    const c = tp.connect(80);
    tp.run(20);
    expect(c.finishConnect(0)).toBe(0);
    l.close();
    tp.run(20);
    const buf = allocBytes(8, 8);
    expect(c.read(buf, 8)).toBe(-NetError.ECONNRESET);
    expect(l.accept()).toBeNull();
    expect(l.lastError).toBe(-NetError.EBADF);
    freeBytes(buf);
    c.close();
    release(c);
    release(l);
    expect(tp.tb.stats.made - tp.tb.stats.destroyed).toBe(0);
    tp.dispose();
  });

  it('close with unread data resets the connection (RFC 2525 §2.17); half-close keeps the other direction', () => {
    const tp = new TcpPair(8);
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    const buf = allocBytes(64, 16);
    for (let i = 0; i < 64; i++) store8(buf + i, i);
    // half-close: the client says it is done, the server still answers
    expect(c.write(buf, 10)).toBe(10);
    expect(c.shutdown()).toBe(0);
    tp.run(10);
    expect(s.read(buf, 64)).toBe(10);
    expect(s.read(buf, 64)).toBe(0);
    expect(s.write(buf, 20)).toBe(20);
    tp.run(10);
    expect(c.read(buf, 64)).toBe(20);
    s.close();
    c.close();
    tp.run(10);
    release(c);
    release(s);
    // abortive: the server closes with 5 bytes unread
    const [c2, s2] = tp.establish(l, 80);
    expect(c2.write(buf, 5)).toBe(5);
    tp.run(10);
    s2.close();
    tp.run(10);
    expect(c2.read(buf, 64)).toBe(-NetError.ECONNRESET);
    expect(tp.tb.stats.resetsSent).toBe(1);
    c2.close();
    release(c2);
    release(s2);
    freeBytes(buf);
    l.close();
    release(l);
    tp.dispose();
  });

  it('Nagle holds small writes while data is unacknowledged; nodelay sends each', () => {
    const tp = new TcpPair(9);
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    const buf = allocBytes(16, 16);
    const before = tp.ta.stats.segsOut;
    for (let i = 0; i < 10; i++) expect(c.write(buf, 10)).toBe(10);
    expect(tp.ta.stats.segsOut - before).toBe(1); // the first goes, the other 90 bytes wait for its ACK
    tp.run(100);
    expect(s.available()).toBe(100);
    expect(tp.ta.stats.segsOut - before).toBe(2);
    c.setNoDelay(true);
    const b2 = tp.ta.stats.segsOut;
    for (let i = 0; i < 10; i++) expect(c.write(buf, 10)).toBe(10);
    expect(tp.ta.stats.segsOut - b2).toBe(10);
    freeBytes(buf);
    c.close();
    s.close();
    tp.run(50);
    release(c);
    release(s);
    l.close();
    release(l);
    tp.dispose();
  });

  it('keepalive: probes answered keep the connection; an unanswering peer times out', () => {
    const tp = new TcpPair(10);
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    expect(c.setKeepalive(true, 1000, 100, 3)).toBe(0);
    tp.run(5000, 10);
    expect(tp.ta.stats.keepaliveProbes).toBeGreaterThanOrEqual(4);
    expect(c.state()).toBe(TcpState.Established);
    tp.p.wire.lossPermille = 1000;
    const probes = tp.ta.stats.keepaliveProbes;
    tp.run(1500, 10);
    expect(tp.ta.stats.keepaliveProbes - probes).toBe(3);
    const buf = allocBytes(8, 8);
    expect(c.read(buf, 8)).toBe(-NetError.ETIMEDOUT);
    freeBytes(buf);
    c.close();
    s.close();
    release(c);
    release(s);
    l.close();
    release(l);
    tp.dispose();
  });

  it('address rules: one listener per port, ports in use, ephemeral ports', () => {
    const tp = new TcpPair(11);
    const l = tp.listen(80);
    const l2 = tp.tb.listener();
    const any = new IpAddress();
    expect(l2.bind(any, 80)).toBe(-NetError.EADDRINUSE);
    expect(l2.bind(IpAddress.fromV4(ipv4(10, 9, 9, 9)), 81)).toBe(-NetError.EADDRNOTAVAIL);
    expect(l2.listen(5)).toBe(-NetError.EINVAL); // not bound
    const [c, s] = tp.establish(l, 80);
    expect(c.conn!.localPort).toBe(49152);
    // A's port 49152 is used by a connection: a listener there needs reuseAddr
    const la = tp.ta.listener();
    expect(la.bind(any, 49152)).toBe(-NetError.EADDRINUSE);
    la.reuseAddr = true;
    expect(la.bind(any, 49152)).toBe(49152);
    la.close();
    release(la);
    l2.close();
    release(l2);
    c.close();
    s.close();
    tp.run(50);
    release(c);
    release(s);
    release(any);
    l.close();
    release(l);
    tp.dispose();
  });
});
