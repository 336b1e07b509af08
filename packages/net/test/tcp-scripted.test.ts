// TCP against a scripted peer: exact segments for resets, the handshake's options, fast
// retransmit and NewReno's cwnd, RFC 5961 challenge ACKs, zero-window probes, delayed and
// immediate ACKs, out-of-order data, malformed segments refused with their reason.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Drop, Endpoint, IpAddress, ipv4 as ip4, NetError, NetOptions, NetStack, ScriptedDevice, Tcp, TcpOptions, TcpState, TcpStream } from '../src/index';
import { bytes, withBytes } from './harness';
import { arp, eth, icmp, ipv4 } from './frames';
import { F, mssOpt, parseTcp, Parsed, tcp, TcpSeg, wsOpt } from './tcp-frames';

const US = 0x02_00_00_00_00_01;
const PEER = 0x02_00_00_00_00_99;
const ME = ip4(10, 0, 0, 2);
const HOST = ip4(10, 0, 0, 7);

let dev: ScriptedDevice;
let st: NetStack;
let t: Tcp;
let now = 0;

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
  now = 0;
  dev = new ScriptedDevice(US, 256);
  const o = new NetOptions();
  st = new NetStack(dev, o);
  expect(st.start()).toBe(0);
  st.setStatic(ME, 24, 0);
  const to = new TcpOptions();
  to.isnSecret = 42;
  t = new Tcp(st, to);
  // teach ARP the peer (a reply addressed to us)
  feed(eth(US, PEER, 0x0806, arp(2, PEER, HOST, US, ME)));
});

function feed(frame: number[]): void {
  withBytes(frame, (a, n) => expect(dev.inject(a, n)).toBe(true));
  st.poll(now);
}

function seg(s: TcpSeg): void {
  feed(eth(US, PEER, 0x0800, ipv4({ proto: 6, src: HOST, dst: ME }, tcp(HOST, ME, s))));
}

function sent(): Parsed[] {
  const out: Parsed[] = [];
  for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) {
    const p = parseTcp(bytes(b.data(), b.len));
    dev.recycle(b);
    if (p !== null) out.push(p);
  }
  return out;
}

function advance(ms: number): void {
  const end = now + ms;
  while (now < end) {
    now++;
    st.poll(now);
  }
}

/** Listener on 80, a scripted SYN (MSS 1000, shift 7) and ACK; returns [stream, our ISS, peer window bytes]. */
function handshake(peerWnd = 1000): [TcpStream, number] {
  const l = t.listener();
  const any = new IpAddress();
  expect(l.bind(any, 80)).toBe(80);
  release(any);
  expect(l.listen(4)).toBe(0);
  l.setTimeoutMs(0);
  seg({ sport: 4000, dport: 80, seq: 100, ack: 0, flags: F.SYN, wnd: 65535, options: [...mssOpt(1000), ...wsOpt(7)] });
  const sa = sent();
  expect(sa.length).toBe(1);
  const iss = sa[0]!.seq;
  seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: peerWnd });
  const s = l.accept()!;
  expect(s).not.toBeNull();
  s.setNonBlocking(true);
  l.close();
  release(l);
  return [s, iss];
}

describe('TCP with a scripted peer', () => {
  it('resets for a closed port (RFC 9293 §3.10.7.1)', () => {
    seg({ sport: 5555, dport: 81, seq: 1000, ack: 0, flags: F.SYN, wnd: 100 });
    let r = sent();
    expect(r.length).toBe(1);
    expect([r[0]!.flags, r[0]!.seq, r[0]!.ack, r[0]!.sport, r[0]!.dport]).toEqual([F.RST | F.ACK, 0, 1001, 81, 5555]);
    seg({ sport: 5555, dport: 81, seq: 5, ack: 777, flags: F.ACK, wnd: 100, data: [1, 2, 3] });
    r = sent();
    expect([r[0]!.flags, r[0]!.seq]).toEqual([F.RST, 777]);
    seg({ sport: 5555, dport: 81, seq: 5, ack: 0, flags: F.RST, wnd: 0 });
    expect(sent().length).toBe(0);
    expect(st.stats.dropped(Drop.TcpNoSocket)).toBe(3);
  });

  it('passive open: SYN,ACK with our MSS and window scale; the peer window is scaled (RFC 7323)', () => {
    const l = t.listener();
    const any = new IpAddress();
    expect(l.bind(any, 80)).toBe(80);
    expect(l.listen(4)).toBe(0);
    l.setTimeoutMs(0);
    expect(l.accept()).toBeNull();
    expect(l.lastError).toBe(-NetError.EAGAIN);
    seg({ sport: 4000, dport: 80, seq: 100, ack: 0, flags: F.SYN, wnd: 65535, options: [...mssOpt(1000), ...wsOpt(7)] });
    const sa = sent()[0]!;
    expect(sa.flags).toBe(F.SYN | F.ACK);
    expect(sa.ack).toBe(101);
    expect(sa.mss).toBe(1460);
    expect(sa.ws).toBe(1); // 64 KiB receive buffer: shift 1
    expect(sa.wnd).toBe(65535); // unscaled in a SYN
    // a SYN without window scale gets none back
    seg({ sport: 4001, dport: 80, seq: 900, ack: 0, flags: F.SYN, wnd: 65535 });
    const sb = sent()[0]!;
    expect([sb.ws, sb.mss]).toEqual([-1, 1460]);
    seg({ sport: 4000, dport: 80, seq: 101, ack: sa.seq + 1, flags: F.ACK, wnd: 1000 });
    const s = l.accept()!;
    const c = s.conn!;
    expect(c.state).toBe(TcpState.Established);
    expect(c.sndWnd).toBe(128000);
    expect(c.sndMss).toBe(1000);
    expect(c.sndShift).toBe(7);
    // windows we send are scaled by our shift (1)
    seg({ sport: 4000, dport: 80, seq: 101, ack: sa.seq + 1, flags: F.ACK | F.PSH, wnd: 1000, data: [1, 2, 3] });
    advance(50); // delayed ACK
    const ack = sent()[0]!;
    expect(ack.ack).toBe(104);
    expect(ack.wnd).toBe((65536 - 3) >>> 1);
    expect(t.stats.passiveOpens).toBe(2);
    s.close();
    release(s);
    l.close();
    release(l);
    release(any);
  });

  it('fast retransmit on the third duplicate ACK, NewReno recovery (RFC 5681 §3.2, RFC 6582)', () => {
    const [s, iss] = handshake();
    s.setNoDelay(true);
    const buf = allocBytes(20000, 16);
    for (let i = 0; i < 20000; i++) store8(buf + i, i & 255);
    expect(s.write(buf, 20000)).toBe(20000);
    let out = sent();
    // IW = min(4*SMSS, max(2*SMSS, 4380)) = 4000 with SMSS 1000 (RFC 5681 §3.1 eq. 1)
    expect(out.map((p) => [p.seq - iss - 1, p.data.length])).toEqual([[0, 1000], [1000, 1000], [2000, 1000], [3000, 1000]]);
    expect(out[1]!.data[0]).toBe(1000 & 255);
    const cc = s.conn!.cc;
    expect(cc.cwnd).toBe(4000);
    // ACK of the first segment: slow start, cwnd += SMSS, two more segments go
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 1000, flags: F.ACK, wnd: 1000 });
    expect(cc.cwnd).toBe(5000);
    out = sent();
    expect(out.map((p) => p.seq - iss - 1)).toEqual([4000, 5000]);
    // three duplicate ACKs for 1000: the third retransmits the segment at 1000
    for (let k = 0; k < 2; k++) seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 1000, flags: F.ACK, wnd: 1000 });
    expect(sent().length).toBe(0);
    expect(t.stats.fastRetransmits).toBe(0);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 1000, flags: F.ACK, wnd: 1000 });
    out = sent();
    expect(out.length).toBe(1);
    expect([out[0]!.seq - iss - 1, out[0]!.data.length]).toEqual([1000, 1000]);
    expect(t.stats.fastRetransmits).toBe(1);
    // ssthresh = max(FlightSize/2, 2*SMSS) = 2500; cwnd = ssthresh + 3*SMSS
    expect(cc.ssthresh).toBe(2500);
    expect(cc.cwnd).toBe(5500);
    expect(cc.inRecovery).toBe(true);
    // a fourth duplicate inflates cwnd by SMSS: 6500 > 5000 in flight, so one new segment goes
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 1000, flags: F.ACK, wnd: 1000 });
    expect(cc.cwnd).toBe(6500);
    out = sent();
    expect(out.map((p) => p.seq - iss - 1)).toEqual([6000]);
    // a partial ACK (up to 3000): retransmit 3000, deflate
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 3000, flags: F.ACK, wnd: 1000 });
    out = sent();
    expect(out[0]!.seq - iss - 1).toBe(3000);
    expect(cc.inRecovery).toBe(true);
    expect(cc.cwnd).toBe(6500 - 2000 + 1000);
    // the full ACK (everything sent up to 7000 = recover): recovery ends, cwnd = min(ssthresh, flight + SMSS)
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 7000, flags: F.ACK, wnd: 1000 });
    expect(cc.inRecovery).toBe(false);
    expect(cc.cwnd).toBe(2000); // flight 0 after the ACK: max(0, SMSS) + SMSS = 2000 < ssthresh 2500
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('RST: in the window but not RCV.NXT -> challenge ACK; exactly RCV.NXT -> ECONNRESET (RFC 5961 §3.2)', () => {
    const [s, iss] = handshake();
    seg({ sport: 4000, dport: 80, seq: 111, ack: 0, flags: F.RST, wnd: 0 });
    const out = sent();
    expect(out.length).toBe(1);
    expect([out[0]!.flags, out[0]!.seq, out[0]!.ack]).toEqual([F.ACK, iss + 1, 101]);
    expect(t.stats.challengeAcks).toBe(1);
    expect(s.state()).toBe(TcpState.Established);
    // SYN on an established connection: challenge ACK too (RFC 5961 §4)
    seg({ sport: 4000, dport: 80, seq: 5000, ack: 0, flags: F.SYN, wnd: 0 });
    expect(sent()[0]!.flags).toBe(F.ACK);
    seg({ sport: 4000, dport: 80, seq: 101, ack: 0, flags: F.RST, wnd: 0 });
    expect(sent().length).toBe(0);
    const buf = allocBytes(16, 16);
    expect(s.read(buf, 16)).toBe(-NetError.ECONNRESET);
    expect(s.write(buf, 16)).toBe(-NetError.ECONNRESET);
    expect(s.state()).toBe(TcpState.Closed);
    freeBytes(buf);
    s.close();
    release(s);
    expect(t.stats.made - t.stats.destroyed).toBe(0);
  });

  it('zero window: persist probes back off, a window update restarts the data (RFC 9293 §3.8.6.1)', () => {
    const [s, iss] = handshake(0);
    const buf = allocBytes(100, 16);
    for (let i = 0; i < 100; i++) store8(buf + i, 200 - i);
    expect(s.write(buf, 100)).toBe(100);
    expect(sent().length).toBe(0);
    const c = s.conn!;
    expect(c.persistAt).toBeGreaterThan(0);
    const first = c.persistAt - now;
    advance(first);
    let out = sent();
    expect(out.length).toBe(1);
    expect([out[0]!.seq - iss - 1, out[0]!.data]).toEqual([0, [200]]);
    // the peer still has no room
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 0 });
    expect(c.persistAt - now).toBe(2 * first);
    advance(2 * first);
    out = sent();
    expect(out.length).toBe(1);
    expect(t.stats.persistProbes).toBe(2);
    // window opens: all 100 bytes go
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 1000 });
    out = sent();
    expect(out.length).toBe(1);
    expect(out[0]!.data.length).toBe(100);
    expect(c.persistAt).toBe(-1);
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('a window too small to use with nothing in flight is used after the override timeout (RFC 9293 §3.8.6.2.1)', () => {
    const [s, iss] = handshake(8); // 8 << 7 = 1024 bytes
    const buf = allocBytes(3000, 16);
    expect(s.write(buf, 3000)).toBe(3000);
    let out = sent();
    expect(out.map((p) => p.data.length)).toEqual([1000]); // 24 more would be a silly window
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1 + 1000, flags: F.ACK, wnd: 1 }); // 128 bytes
    expect(sent().length).toBe(0);
    const c = s.conn!;
    expect(c.persistAt).toBeGreaterThan(now);
    advance(c.persistAt - now);
    out = sent();
    expect(out.map((p) => [p.seq - iss - 1, p.data.length])).toEqual([[1000, 128]]);
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('delayed ACK: one segment is acknowledged after the delay, two full ones at once (RFC 5681 §4.2)', () => {
    const [s, iss] = handshake();
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 1000, data: new Array(100).fill(7) });
    expect(sent().length).toBe(0);
    advance(39);
    expect(sent().length).toBe(0);
    advance(1);
    let out = sent();
    expect(out.length).toBe(1);
    expect(out[0]!.ack).toBe(201);
    const full = new Array(1460).fill(9);
    seg({ sport: 4000, dport: 80, seq: 201, ack: iss + 1, flags: F.ACK, wnd: 1000, data: full });
    expect(sent().length).toBe(0);
    seg({ sport: 4000, dport: 80, seq: 201 + 1460, ack: iss + 1, flags: F.ACK, wnd: 1000, data: full });
    out = sent();
    expect(out.length).toBe(1);
    expect(out[0]!.ack).toBe(201 + 2920);
    s.close(); // unread data: RST (RFC 2525 §2.17)
    out = sent();
    expect(out[0]!.flags & F.RST).toBe(F.RST);
    release(s);
  });

  it('out-of-order segments are kept; duplicate ACK at once; the hole filled acknowledges all', () => {
    const [s, iss] = handshake();
    const a = Array.from({ length: 500 }, (_, i) => i & 255);
    const b = Array.from({ length: 500 }, (_, i) => (i + 500) & 255);
    const c2 = Array.from({ length: 500 }, (_, i) => (i + 1000) & 255);
    seg({ sport: 4000, dport: 80, seq: 601, ack: iss + 1, flags: F.ACK, wnd: 1000, data: b });
    let out = sent();
    expect(out.map((p) => p.ack)).toEqual([101]);
    seg({ sport: 4000, dport: 80, seq: 1101, ack: iss + 1, flags: F.ACK, wnd: 1000, data: c2 });
    expect(sent().map((p) => p.ack)).toEqual([101]);
    expect(s.available()).toBe(0);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 1000, data: a });
    out = sent();
    expect(out.map((p) => p.ack)).toEqual([1601]);
    const buf = allocBytes(2000, 16);
    expect(s.read(buf, 2000)).toBe(1500);
    for (let i = 0; i < 1500; i++) expect(load8(buf + i)).toBe(i & 255);
    // reading 1500 bytes moves the right edge by more than an MSS: a window update (RFC 9293 §3.8.6.2.2)
    const wu = sent();
    expect(wu.length).toBe(1);
    expect(wu[0]!.wnd).toBe(65536 >>> 1);
    // outside the window entirely: an ACK, nothing taken
    seg({ sport: 4000, dport: 80, seq: 101 + 1500 + 200000, ack: iss + 1, flags: F.ACK, wnd: 1000, data: [1] });
    out = sent();
    expect(out.map((p) => p.ack)).toEqual([1601]);
    expect(st.stats.dropped(Drop.TcpOutOfWindow)).toBe(1);
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('ICMP port unreachable for our SYN refuses the connect; host unreachable is a soft error reported at the timeout (RFC 1122 §4.2.3.9)', () => {
    const s = t.stream();
    const to = Endpoint.v4(HOST as never, 80);
    expect(s.connect(to, 0)).toBe(-NetError.EINPROGRESS);
    const raw: number[][] = [];
    for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) {
      raw.push(bytes(b.data(), b.len));
      dev.recycle(b);
    }
    const syn = parseTcp(raw[0]!)!;
    expect([syn.flags, syn.mss, syn.ws, syn.dport]).toEqual([F.SYN, 1460, 1, 80]);
    const quote = raw[0]!.slice(14, 14 + 28);
    // a quote whose sequence number is not one we sent is ignored (RFC 5927 §4.1)
    const forged = quote.slice();
    forged[24] ^= 0x55;
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(3, 3, [0, 0, 0, 0], forged))));
    expect(s.finishConnect(0)).toBe(-NetError.EINPROGRESS);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(3, 3, [0, 0, 0, 0], quote))));
    expect(s.finishConnect(0)).toBe(-NetError.ECONNREFUSED);
    s.close();
    release(s);
    // host unreachable: soft; the connect goes on and, when it times out, reports it
    const s2 = t.stream();
    expect(s2.connect(to, 0)).toBe(-NetError.EINPROGRESS);
    const q2 = bytes(dev.takeSent()!.data(), 14 + 28);
    sent();
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(3, 1, [0, 0, 0, 0], q2.slice(14)))));
    expect(s2.finishConnect(0)).toBe(-NetError.EINPROGRESS);
    for (let k = 0; k < 200 && s2.finishConnect(0) === -NetError.EINPROGRESS; k++) {
      advance(1000);
      sent();
    }
    expect(s2.finishConnect(0)).toBe(-NetError.EHOSTUNREACH);
    s2.close();
    release(s2);
    to[Symbol.dispose]();
    release(to);
    expect(t.stats.made - t.stats.destroyed).toBe(0);
  });

  it('TIME-WAIT: a retransmitted FIN is acknowledged again and restarts 2*MSL (RFC 9293 §3.10.7.4)', () => {
    const [s, iss] = handshake();
    s.close(); // we close first: FIN-WAIT-1
    let out = sent();
    expect(out.map((p) => [p.flags, p.seq - iss])).toEqual([[F.FIN | F.ACK, 1]]);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 2, flags: F.ACK, wnd: 1000 });
    expect(t.stateOf(80, HOST, 4000)).toBe(TcpState.FinWait2);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 2, flags: F.FIN | F.ACK, wnd: 1000 });
    expect(t.stateOf(80, HOST, 4000)).toBe(TcpState.TimeWait);
    out = sent();
    expect(out.map((p) => [p.flags, p.ack])).toEqual([[F.ACK, 102]]);
    advance(30000);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 2, flags: F.FIN | F.ACK, wnd: 1000 });
    out = sent();
    expect(out.map((p) => [p.flags, p.ack])).toEqual([[F.ACK, 102]]);
    advance(59000); // 89 s after the first FIN, 59 s after the second: still there
    expect(t.stateOf(80, HOST, 4000)).toBe(TcpState.TimeWait);
    advance(1001);
    expect(t.stateOf(80, HOST, 4000)).toBe(-1);
    release(s);
    expect(t.stats.made - t.stats.destroyed).toBe(0);
  });

  it('LAST-ACK: the FIN sent again is acknowledged twice; the second ACK gets a reset but aborts nothing (RFC 9293 §3.10.7.1)', () => {
    const [s, iss] = handshake();
    const l = t.listener(); // still listening, as a server is
    l.reuseAddr = true;
    const any = new IpAddress();
    expect(l.bind(any, 80)).toBe(80);
    release(any);
    expect(l.listen(4)).toBe(0);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.FIN | F.ACK, wnd: 1000 });
    expect(t.stateOf(80, HOST, 4000)).toBe(TcpState.CloseWait);
    s.close();
    expect(t.stateOf(80, HOST, 4000)).toBe(TcpState.LastAck);
    advance(5000); // the peer is slow: our FIN goes again
    const fins = sent().filter((p) => (p.flags & F.FIN) !== 0);
    expect(fins.length).toBeGreaterThanOrEqual(2);
    // the peer acknowledges the first FIN, then (from TIME-WAIT) the one sent again
    seg({ sport: 4000, dport: 80, seq: 102, ack: iss + 2, flags: F.ACK, wnd: 1000 });
    expect(t.stateOf(80, HOST, 4000)).toBe(-1);
    sent();
    seg({ sport: 4000, dport: 80, seq: 102, ack: iss + 2, flags: F.ACK, wnd: 1000 });
    const out = sent();
    expect(out.map((p) => [p.flags, p.seq - iss])).toEqual([[F.RST, 2]]);
    expect(t.stats.resetsSent).toBe(1);
    expect(st.stats.dropped(Drop.TcpBadSegment)).toBe(1);
    expect(t.stats.aborts).toBe(0);
    l.close();
    release(l);
    release(s);
    expect(t.stats.made - t.stats.destroyed).toBe(0);
  });

  it('abortive close (data unread) counts an abort', () => {
    const [s, iss] = handshake();
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK | F.PSH, wnd: 1000, data: [1, 2, 3] });
    sent();
    s.close();
    expect(sent().map((p) => p.flags & F.RST)).toEqual([F.RST]);
    expect([t.stats.resetsSent, t.stats.aborts]).toEqual([1, 1]);
    release(s);
  });

  it('malformed segments are refused with their exact reason and never answered', () => {
    const good = tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100 });
    const send = (p: number[]) => feed(eth(US, PEER, 0x0800, ipv4({ proto: 6, src: HOST, dst: ME }, p)));
    send(good.slice(0, 19));
    send(tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100, offset: 4 }));
    send(tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100, offset: 15 }));
    send(tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100, badChecksum: true }));
    send(tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100, options: [2, 0, 0, 0] }));
    send(tcp(HOST, ME, { sport: 4000, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100, options: [3, 9, 0, 0] }));
    send(tcp(HOST, ME, { sport: 0, dport: 80, seq: 1, ack: 0, flags: F.SYN, wnd: 100 }));
    send(tcp(HOST, ME, { sport: 4000, dport: 0, seq: 1, ack: 0, flags: F.SYN, wnd: 100 }));
    expect(sent().length).toBe(0);
    expect([
      st.stats.dropped(Drop.TcpTooShort), st.stats.dropped(Drop.TcpBadOffset), st.stats.dropped(Drop.TcpBadChecksum),
      st.stats.dropped(Drop.TcpBadOptions), st.stats.dropped(Drop.TcpBadPort),
    ]).toEqual([1, 2, 1, 2, 2]);
  });
});

describe('TCP receive fast paths', () => {
  /** The raw frames sent since the last call. */
  function rawSent(): number[][] {
    const out: number[][] = [];
    for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) {
      out.push(bytes(b.data(), b.len));
      dev.recycle(b);
    }
    return out;
  }

  it('a pure ACK from the prebuilt frame is byte for byte the one built the general way (checksums recomputed here)', () => {
    const [s, iss] = handshake();
    const data = Array.from({ length: 1460 }, (_, i) => (i * 7) & 255);
    for (let k = 0; k < 3; k++) {
      // Two full-sized segments (our MSS, 1460): an ACK at once (RFC 5681 §4.2), from the prebuilt frame.
      seg({ sport: 4000, dport: 80, seq: 101 + 2920 * k, ack: iss + 1, flags: F.ACK, wnd: 1000, data });
      seg({ sport: 4000, dport: 80, seq: 1561 + 2920 * k, ack: iss + 1, flags: F.ACK | F.PSH, wnd: 1000, data });
      const frames = rawSent();
      expect(frames.length).toBe(1);
      const f = frames[0]!;
      const ident = (f[18]! << 8) | f[19]!;
      const wnd = (f[48]! << 8) | f[49]!;
      const want = eth(PEER, US, 0x0800, ipv4({ proto: 6, src: ME, dst: HOST, id: ident }, tcp(ME, HOST, { sport: 80, dport: 4000, seq: iss + 1, ack: 3021 + 2920 * k, flags: F.ACK, wnd })));
      expect(f).toEqual([...want, 0, 0, 0, 0, 0, 0]); // padded to the 60-byte minimum frame
      expect(wnd).toBeGreaterThan(0);
    }
    const buf = allocBytes(16384, 16);
    expect(s.read(buf, 16384)).toBe(8760);
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('in-order data with a bad checksum, copied ahead of the check, is never delivered; the good copy after it is', () => {
    const [s, iss] = handshake();
    const junk = Array.from({ length: 1000 }, () => 0xee);
    const data = Array.from({ length: 1000 }, (_, i) => (i * 13 + 5) & 255);
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 1000, data: junk, badChecksum: true });
    expect(st.stats.dropped(Drop.TcpBadChecksum)).toBe(1);
    expect(s.available()).toBe(0);
    expect(s.conn!.rcvNxt).toBe(101);
    advance(600);
    expect(sent().length).toBe(0); // nothing to acknowledge
    // odd lengths too, so the copy's sum swaps bytes where the ring wraps or a piece starts odd
    seg({ sport: 4000, dport: 80, seq: 101, ack: iss + 1, flags: F.ACK, wnd: 1000, data: data.slice(0, 999) });
    seg({ sport: 4000, dport: 80, seq: 1100, ack: iss + 1, flags: F.ACK, wnd: 1000, data: data.slice(999), badChecksum: true });
    seg({ sport: 4000, dport: 80, seq: 1100, ack: iss + 1, flags: F.ACK, wnd: 1000, data: data.slice(999) });
    expect(st.stats.dropped(Drop.TcpBadChecksum)).toBe(2);
    const buf = allocBytes(2048, 16);
    expect(s.read(buf, 2048)).toBe(1000);
    expect(bytes(buf, 1000)).toEqual(data);
    freeBytes(buf);
    s.close();
    release(s);
  });

  it('the checksum of data placed across the receive ring\'s wrap, at odd offsets, is verified right', () => {
    const [s, iss] = handshake();
    const buf = allocBytes(65536, 16);
    let seq = 101;
    let next = 0;
    const byte = (i: number) => (i * 31 + 7) & 255;
    // 997-byte segments read back after each: the ring's end moves through every alignment and wraps.
    for (let k = 0; k < 140; k++) {
      const data = Array.from({ length: 997 }, (_, i) => byte(next + i));
      seg({ sport: 4000, dport: 80, seq, ack: iss + 1, flags: F.ACK, wnd: 1000, data });
      seq += 997;
      const n = s.read(buf, 65536);
      expect(n).toBe(997);
      expect(bytes(buf, n)).toEqual(data);
      next += 997;
      sent();
    }
    expect(st.stats.dropped(Drop.TcpBadChecksum)).toBe(0);
    freeBytes(buf);
    s.close();
    release(s);
  });
});
