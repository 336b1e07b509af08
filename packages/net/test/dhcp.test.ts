// The DHCP client against a small server written in the test on the other stack (UDP port 67):
// DISCOVER/OFFER/REQUEST/ACK, the options used, renewal at T1; no server: fallback to the static
// configuration after the retries (4 s, 8 s, 16 s); a NAK restarts; bad replies are counted.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, store8, u32 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { DhcpClient, DhcpState, Drop, Endpoint, IpAddress, ipv4, NetOptions, NetStack, MemoryWire, UdpSocket } from '../src/index';
import { bytes, MAC_A, MAC_B } from './harness';
import { u16, u32b } from './frames';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

class Setup {
  wire = new MemoryWire(MAC_A, MAC_B, 64, 1);
  a = new NetStack(this.wire.a, new NetOptions());
  b = new NetStack(this.wire.b, new NetOptions());
  server: UdpSocket;
  dhcp: DhcpClient;
  now = 0;
  seen: number[] = [];
  nak = false;
  constructor() {
    this.a.start();
    this.b.start();
    this.b.setStatic(ipv4(10, 0, 0, 1), 24, 0);
    this.server = this.b.udpSocket(8192);
    this.server.setTimeoutMs(0);
    this.server.bind(new IpAddress(), 67);
    this.dhcp = new DhcpClient(this.a, 0x1234);
    this.dhcp.start(0);
  }
  /** The server: answers DISCOVER with an OFFER of 10.0.0.50 and REQUEST with an ACK (or NAK). */
  serve(): void {
    const buf = allocBytes(1500, 16);
    const from = new Endpoint();
    for (let n = this.server.recvFrom(buf, 1500, from); n > 0; n = this.server.recvFrom(buf, 1500, from)) {
      const m = bytes(buf, n);
      let type = 0;
      for (let i = 240; i < n && m[i] !== 255;) {
        if (m[i] === 0) { i++; continue; }
        if (m[i] === 53) type = m[i + 2]!;
        i += 2 + m[i + 1]!;
      }
      this.seen.push(type);
      const reply = m.slice(0, 240);
      reply[0] = 2;
      reply.splice(16, 4, ...u32b(ipv4(10, 0, 0, 50)));
      const t = type === 1 ? 2 : this.nak ? 6 : 5;
      const opts = [53, 1, t, 54, 4, 10, 0, 0, 1, 51, 4, ...u32b(100), 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 0, 1, 6, 4, 10, 0, 0, 53, 255];
      const out = [...reply, ...opts];
      for (let i = 0; i < out.length; i++) store8(buf + i, out[i]!);
      const to = Endpoint.v4(u32(0xffffffff), 68);
      this.server.sendTo(buf, out.length, to);
    }
    freeBytes(buf);
  }
  run(ms: number): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.a.poll(this.now);
      this.b.poll(this.now);
      this.serve();
      this.now += 50;
    }
  }
}

describe('DHCP client', () => {
  it('DISCOVER, OFFER, REQUEST, ACK: address, mask, router, DNS; renews at T1', () => {
    const s = new Setup();
    s.run(500);
    expect(s.seen).toEqual([1, 3]);
    expect(s.dhcp.state).toBe(DhcpState.Bound);
    expect(s.a.addr).toBe(ipv4(10, 0, 0, 50));
    expect(s.a.mask).toBe(0xffffff00);
    expect(s.a.gateway).toBe(ipv4(10, 0, 0, 1));
    expect(s.a.dns).toBe(ipv4(10, 0, 0, 53));
    // lease 100 s: T1 at 50 s, a unicast REQUEST, ACKed
    s.run(51_000);
    expect(s.seen).toEqual([1, 3, 3]);
    expect(s.dhcp.acks).toBe(2);
    expect(s.dhcp.state).toBe(DhcpState.Bound);
    // and the configured stack answers pings
    expect(s.b.ping(ipv4(10, 0, 0, 50), 1, 1, 8, 64)).toBe(0);
    s.run(200);
    expect(s.a.stats.echoReplies).toBe(1);
  });

  it('a NAK sends the client back to discovery', () => {
    const s = new Setup();
    s.nak = true;
    s.run(300);
    // every REQUEST is refused, and each NAK starts a new DISCOVER (RFC 2131 §3.1 step 5)
    expect(s.seen.slice(0, 4)).toEqual([1, 3, 1, 3]);
    expect(s.dhcp.state).not.toBe(DhcpState.Bound);
    expect(s.a.addr).toBe(0);
    s.nak = false;
    s.run(300);
    expect(s.dhcp.state).toBe(DhcpState.Bound);
  });

  it('no server: three DISCOVERs 4 s and 8 s apart, then the static fallback 10.0.0.2/24 via 10.0.0.1', () => {
    const s = new Setup();
    s.server.close();
    s.run(27_000);
    expect(s.dhcp.state).toBe(DhcpState.Selecting);
    s.run(2_000);
    expect(s.dhcp.state).toBe(DhcpState.Fallback);
    expect(s.a.addr).toBe(ipv4(10, 0, 0, 2));
    expect(s.a.gateway).toBe(ipv4(10, 0, 0, 1));
    expect(s.b.stats.dropped(Drop.UdpNoSocket)).toBe(3);
  });

  it('replies with the wrong xid, op or a truncated message are counted and ignored', () => {
    const s = new Setup();
    const buf = allocBytes(600, 16);
    const to = Endpoint.v4(u32(0xffffffff), 68);
    for (let i = 0; i < 300; i++) store8(buf + i, 0);
    store8(buf, 2);
    s.server.sendTo(buf, 300, to); // xid 0
    s.server.sendTo(buf, 100, to); // too short
    s.a.poll(0);
    s.b.poll(0);
    s.a.poll(0);
    expect(s.a.stats.dropped(Drop.DhcpBad)).toBe(2);
    expect(s.dhcp.state).toBe(DhcpState.Selecting);
    freeBytes(buf);
    void u16;
    void load8;
  });
});
