// Two stacks over an in-memory wire: ARP resolution with a queued packet, ping, UDP echo,
// port unreachable, traceroute-style TTL errors, loss/duplication/reordering, no leaked buffers.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Drop, EchoResult, Endpoint, IpAddress, ipv4, NetError, UdpSocket } from '../src/index';
import { IP_A, IP_B, MAC_B, Pair } from './harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

function freeCounts(p: Pair): [number, number] {
  return [p.a.pool.freeCount(), p.b.pool.freeCount()];
}

describe('two stacks on a wire', () => {
  it('ARP: the first packet waits in the queue while the address resolves, then goes', () => {
    const p = new Pair();
    const start = freeCounts(p);
    expect(p.a.ping(IP_B, 7, 1, 32, 64)).toBe(0);
    // Queued behind ARP: one buffer held, one request sent.
    expect(p.a.arp.pendingCount()).toBe(1);
    expect(p.a.stats.arpRequestsSent).toBe(1);
    p.run(50);
    expect(p.a.arp.lookup(IP_B, p.now)).toBe(MAC_B);
    expect(p.a.arp.pendingCount()).toBe(0);
    // B learned A from the request addressed to it (RFC 826 merge: it was the target).
    expect(p.b.arp.lookup(IP_A, p.now)).toBeGreaterThan(0);
    const e = new EchoResult();
    expect(p.a.takeEcho(e)).toBe(true);
    expect([e.type, e.from, e.ident, e.seq, e.len]).toEqual([0, IP_B, 7, 1, 32]);
    expect(p.b.stats.echoReplies).toBe(1);
    expect(freeCounts(p)).toEqual(start);
    release(e);
    p.dispose();
  });

  it('ping: 20 echoes answered in order with their data', () => {
    const p = new Pair();
    const e = new EchoResult();
    for (let i = 0; i < 20; i++) {
      expect(p.a.ping(IP_B, 42, i, 100 + i, 64)).toBe(0);
      p.run(20);
      expect(p.a.takeEcho(e)).toBe(true);
      expect([e.type, e.seq, e.len]).toEqual([0, i, 100 + i]);
    }
    expect(p.a.stats.totalDrops()).toBe(0);
    expect(p.b.stats.totalDrops()).toBe(0);
    release(e);
    p.dispose();
  });

  it('ARP gives up after its retries and drops the queued packets (counted)', () => {
    const p = new Pair();
    const start = freeCounts(p);
    // 10.0.0.9 does not exist on the wire.
    for (let i = 0; i < 6; i++) expect(p.a.ping(ipv4(10, 0, 0, 9), 1, i, 8, 64)).toBe(0);
    expect(p.a.arp.pendingCount()).toBe(4); // queue limit
    expect(p.a.stats.dropped(Drop.ArpQueueFull)).toBe(2);
    p.run(5000, 100);
    expect(p.a.stats.arpRequestsSent).toBe(3); // 1 + retries, one per second at most
    expect(p.a.stats.dropped(Drop.ArpFailed)).toBe(4);
    expect(p.a.arp.pendingCount()).toBe(0);
    expect(freeCounts(p)).toEqual(start);
    p.dispose();
  });

  it('off-subnet destinations are sent to the gateway', () => {
    const p = new Pair();
    // A's gateway is B: a ping to 8.8.8.8 resolves B's MAC and reaches B, which is not 8.8.8.8.
    expect(p.a.ping(ipv4(8, 8, 8, 8), 1, 1, 8, 64)).toBe(0);
    p.run(50);
    expect(p.a.arp.lookup(IP_B, p.now)).toBe(MAC_B);
    expect(p.b.stats.dropped(Drop.IpNotForUs)).toBe(1);
    p.dispose();
  });

  it('UDP echo, bind conflicts, ephemeral ports, truncation', () => {
    const p = new Pair();
    const server = p.b.udpSocket(4096);
    const client = p.a.udpSocket(4096);
    server.setTimeoutMs(0);
    client.setTimeoutMs(0);
    const any = new IpAddress();
    expect(server.bind(any, 7)).toBe(7);
    const other = p.b.udpSocket(1024);
    expect(other.bind(any, 7)).toBe(-NetError.EADDRINUSE);
    expect(other.bind(IpAddress.fromV4(ipv4(10, 0, 0, 99)), 8)).toBe(-NetError.EADDRNOTAVAIL);
    other.close();
    const buf = allocBytes(2048, 16);
    const from = new Endpoint();
    const to = Endpoint.v4(IP_B, 7);
    expect(client.recvFrom(buf, 2048, from)).toBe(-NetError.EAGAIN);
    for (let i = 0; i < 300; i++) store8(buf + i, i * 3);
    expect(client.sendTo(buf, 300, to)).toBe(300);
    expect(client.localPort).toBe(49152);
    p.run(30);
    // the server echoes
    const got = allocBytes(2048, 16);
    expect(server.recvFrom(got, 2048, from)).toBe(300);
    expect(from.addr.v4()).toBe(IP_A);
    expect(from.port).toBe(49152);
    for (let i = 0; i < 300; i++) expect(load8(got + i)).toBe((i * 3) & 255);
    expect(server.sendTo(got, 300, from)).toBe(300);
    p.run(30);
    expect(client.recvFrom(buf, 100, from)).toBe(100); // truncated to the buffer
    expect(from.port).toBe(7);
    expect(client.pending()).toBe(0);
    // too large for the MTU
    expect(client.sendTo(buf, 1473, to)).toBe(-NetError.EMSGSIZE);
    expect(client.sendTo(buf, 1472, to)).toBe(1472);
    p.run(30);
    expect(server.recvFrom(got, 2048, from)).toBe(1472);
    freeBytes(buf);
    freeBytes(got);
    release(any);
    from[Symbol.dispose]();
    release(from);
    to[Symbol.dispose]();
    release(to);
    server.close();
    client.close();
    release(server);
    release(client);
    release(other);
    p.dispose();
  });

  it('a closed port answers ICMP port unreachable, reported as ECONNREFUSED', () => {
    const p = new Pair();
    const s = p.a.udpSocket(1024);
    s.setTimeoutMs(0);
    const buf = allocBytes(64, 16);
    const to = Endpoint.v4(IP_B, 9999);
    const from = new Endpoint();
    expect(s.sendTo(buf, 10, to)).toBe(10);
    p.run(30);
    expect(p.b.stats.dropped(Drop.UdpNoSocket)).toBe(1);
    expect(p.b.stats.icmpErrorsSent).toBe(1);
    expect(s.recvFrom(buf, 64, from)).toBe(-NetError.ECONNREFUSED);
    expect(from.addr.v4()).toBe(IP_B);
    expect(from.port).toBe(9999);
    expect([s.lastIcmpType, s.lastIcmpCode]).toEqual([3, 3]);
    freeBytes(buf);
    s.close();
    p.dispose();
  });

  it('a receive queue that is full drops and counts', () => {
    const p = new Pair();
    const server = p.b.udpSocket(256);
    server.setTimeoutMs(0);
    const any = new IpAddress();
    server.bind(any, 5000);
    const c = p.a.udpSocket(256);
    const buf = allocBytes(200, 16);
    const to = Endpoint.v4(IP_B, 5000);
    expect(c.sendTo(buf, 100, to)).toBe(100);
    p.run(30); // ARP resolved; the rest go at once
    for (let i = 0; i < 4; i++) expect(c.sendTo(buf, 100, to)).toBe(100);
    p.run(30);
    expect(server.pending()).toBe(2); // 2 x (16 + 100) fit in 256
    expect(p.b.stats.dropped(Drop.UdpQueueFull)).toBe(3);
    freeBytes(buf);
    server.close();
    c.close();
    p.dispose();
  });

  it('loss, duplication and reordering: pings still get through and no buffer leaks', () => {
    const p = new Pair(12345);
    p.wire.lossPermille = 100;
    p.wire.duplicatePermille = 100;
    p.wire.reorderPermille = 200;
    const start = freeCounts(p);
    const e = new EchoResult();
    let replies = 0;
    for (let i = 0; i < 200; i++) {
      p.a.ping(IP_B, 1, i, 64, 64);
      p.run(20);
      while (p.a.takeEcho(e)) replies++;
    }
    p.run(5000, 100);
    while (p.a.takeEcho(e)) replies++;
    expect(replies).toBeGreaterThan(120);
    expect(p.wire.lost).toBeGreaterThan(0);
    expect(p.wire.duplicated).toBeGreaterThan(0);
    expect(p.wire.reordered).toBeGreaterThan(0);
    p.wire.a.drain();
    p.wire.b.drain();
    expect(freeCounts(p)).toEqual(start);
    p.dispose();
  });
});
