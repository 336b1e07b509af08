// A scripted peer: crafted frames into one stack; replies checked byte by byte; every malformed
// frame refused with its counted reason; reassembly and its limits; ARP answers and gratuitous ARP;
// ICMP errors surfaced to sockets (traceroute); no buffer leaked.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, release } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import {
  Drop, EchoResult, Endpoint, IpAddress, ipv4 as ip4, NetError, NetOptions, NetStack, ScriptedDevice, dropName,
} from '../src/index';
import { bytes, withBytes } from './harness';
import { arp, eth, icmp, ipv4, udp } from './frames';

const US = 0x02_00_00_00_00_01;
const PEER = 0x02_00_00_00_00_99;
const ME = ip4(10, 0, 0, 2);
const GW = ip4(10, 0, 0, 1);
const HOST = ip4(10, 0, 0, 7);
const FAR = ip4(192, 168, 9, 9);

let dev: ScriptedDevice;
let st: NetStack;
let now = 0;
let startFree = 0;

function setup(opts?: (o: NetOptions) => void): void {
  dev = new ScriptedDevice(US, 64);
  const o = new NetOptions();
  o.buffers = 32;
  opts?.(o);
  st = new NetStack(dev, o);
  expect(st.start()).toBe(0);
  st.setStatic(ME, 24, GW);
  startFree = st.pool.freeCount();
}

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
  now = 0;
  setup();
});

function feed(frame: number[]): void {
  withBytes(frame, (a, n) => expect(dev.inject(a, n)).toBe(true));
  st.poll(now);
}

/** Frames the stack sent since the last call, as byte arrays. */
function sent(): number[][] {
  const out: number[][] = [];
  for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) {
    out.push(bytes(b.data(), b.len));
    dev.recycle(b);
  }
  return out;
}

/** Teaches the stack the MAC of `ip` (an ARP reply addressed to us). */
function learn(ipAddr: number, m: number): void {
  feed(eth(US, m, 0x0806, arp(2, m, ipAddr, US, ME)));
  sent();
}

function drops(): Record<string, number> {
  const r: Record<string, number> = {};
  for (let i = 1; i < 44; i++) if (st.stats.dropped(i) !== 0) r[dropName(i)] = st.stats.dropped(i);
  return r;
}

function expectNoLeak(): void {
  dev.drain();
  expect(st.pool.freeCount() + st.buffersHeld()).toBe(startFree);
}

describe('ARP', () => {
  it('answers a request for our address in place, with the exact reply', () => {
    feed(eth(0xffff_ffff_ffff, PEER, 0x0806, arp(1, PEER, HOST, 0, ME)));
    const out = sent();
    expect(out.length).toBe(1);
    const want = eth(PEER, US, 0x0806, arp(2, US, ME, PEER, HOST));
    expect(out[0]!.slice(0, 42)).toEqual(want);
    expect(out[0]!.length).toBe(60); // padded to the minimum frame
    expect(st.arp.lookup(HOST, now)).toBe(PEER); // we were the target: added
    expectNoLeak();
  });

  it('ignores requests for others, does not add them; gratuitous ARP refreshes only known entries', () => {
    feed(eth(0xffff_ffff_ffff, PEER, 0x0806, arp(1, PEER, HOST, 0, ip4(10, 0, 0, 50))));
    expect(sent().length).toBe(0);
    expect(st.arp.lookup(HOST, now)).toBe(-1);
    // gratuitous for an unknown host: not added
    feed(eth(0xffff_ffff_ffff, PEER, 0x0806, arp(1, PEER, HOST, 0, HOST)));
    expect(st.arp.lookup(HOST, now)).toBe(-1);
    learn(HOST, PEER);
    // gratuitous ARP announcing a new MAC for a known host: updated
    const NEW = 0x02_00_00_00_00_77;
    feed(eth(0xffff_ffff_ffff, NEW, 0x0806, arp(1, NEW, HOST, 0, HOST)));
    expect(st.arp.lookup(HOST, now)).toBe(NEW);
    // someone claiming our address is refused (RFC 5227 conflict)
    feed(eth(0xffff_ffff_ffff, NEW, 0x0806, arp(2, NEW, ME, 0, ME)));
    expect(drops()['arp-address-conflict']).toBe(1);
    expectNoLeak();
  });

  it('entries expire after their lifetime', () => {
    learn(HOST, PEER);
    now = 59_000;
    st.poll(now);
    expect(st.arp.lookup(HOST, now)).toBe(PEER);
    now = 61_000;
    st.poll(now);
    expect(st.arp.lookup(HOST, now)).toBe(-1);
  });

  it('an entry in use is asked for again before it expires, and the answer keeps it (no resolution with packets queued)', () => {
    learn(HOST, PEER);
    const s = st.udpSocket(1024);
    const buf = allocBytes(8, 8);
    const to = Endpoint.v4(HOST, 9);
    const sendOne = () => expect(s.sendTo(buf, 8, to)).toBe(8);
    now = 50_000; // more than refreshMs before expiry: just the datagram
    st.poll(now);
    sendOne();
    expect(sent().map((f) => (f[12]! << 8) | f[13]!)).toEqual([0x0800]);
    now = 56_000; // within refreshMs: the datagram, then an ARP request for HOST
    st.poll(now);
    sendOne();
    let out = sent();
    expect(out.map((f) => (f[12]! << 8) | f[13]!)).toEqual([0x0806, 0x0800]);
    expect(out[0]!.slice(38, 42)).toEqual([10, 0, 0, 7]); // target protocol address: HOST
    sendOne(); // asked already within retryMs: no second request
    expect(sent().map((f) => (f[12]! << 8) | f[13]!)).toEqual([0x0800]);
    feed(eth(US, PEER, 0x0806, arp(2, PEER, HOST, US, ME))); // the answer
    sent();
    now = 70_000; // past the first lifetime: still reachable, straight out
    st.poll(now);
    sendOne();
    out = sent();
    expect(out.map((f) => (f[12]! << 8) | f[13]!)).toEqual([0x0800]);
    expect(out[0]!.slice(0, 6)).toEqual([2, 0, 0, 0, 0, 0x99]);
    freeBytes(buf);
    to[Symbol.dispose]();
    release(to);
    s.close();
    release(s);
  });
});

describe('ICMP', () => {
  it('echo request -> exact echo reply (ping works)', () => {
    learn(HOST, PEER);
    const data = Array.from({ length: 56 }, (_, i) => i);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME, id: 77 }, icmp(8, 0, [0x12, 0x34, 0, 5], data))));
    const out = sent();
    expect(out.length).toBe(1);
    const f = out[0]!;
    expect(f.slice(0, 14)).toEqual(eth(PEER, US, 0x0800, []));
    const ipHdr = f.slice(14, 34);
    expect(ipHdr[9]).toBe(1);
    expect(ipHdr.slice(12, 20)).toEqual([10, 0, 0, 2, 10, 0, 0, 7]);
    expect(f.slice(34)).toEqual(icmp(0, 0, [0x12, 0x34, 0, 5], data));
    expectNoLeak();
  });

  it('an echo to the broadcast address is not answered', () => {
    feed(eth(0xffff_ffff_ffff, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: 0xffffffff }, icmp(8, 0, [0, 1, 0, 1], []))));
    expect(sent().length).toBe(0);
    expectNoLeak();
  });

  it('a datagram for an unknown protocol gets protocol unreachable quoting header + 8 bytes', () => {
    learn(HOST, PEER);
    const d = ipv4({ proto: 99, src: HOST, dst: ME }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    feed(eth(US, PEER, 0x0800, d));
    const out = sent();
    expect(out.length).toBe(1);
    expect(out[0]!.slice(34)).toEqual(icmp(3, 2, [0, 0, 0, 0], d.slice(0, 28)));
    expect(drops()).toEqual({ 'ip-unknown-protocol': 1 });
  });

  it('traceroute: time exceeded and port unreachable come back to the UDP socket with the reporter', () => {
    learn(GW, PEER);
    const s = st.udpSocket(1024);
    s.setTimeoutMs(0);
    expect(s.setTtl(1)).toBe(0);
    const buf = allocBytes(64, 16);
    const to = Endpoint.v4(FAR, 33434);
    const from = new Endpoint();
    expect(s.sendTo(buf, 12, to)).toBe(12);
    const out = sent();
    expect(out.length).toBe(1);
    expect(out[0]![14 + 8]).toBe(1); // TTL 1
    expect(out[0]!.slice(0, 6)).toEqual([2, 0, 0, 0, 0, 0x99]); // via the gateway
    const orig = out[0]!.slice(14, 14 + 28);
    const router = ip4(10, 0, 0, 1);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: router, dst: ME }, icmp(11, 0, [0, 0, 0, 0], orig))));
    expect(s.recvFrom(buf, 64, from)).toBe(-NetError.EHOSTUNREACH);
    expect(from.addr.v4()).toBe(router);
    expect(from.port).toBe(33434);
    expect([s.lastIcmpType, s.lastIcmpCode]).toEqual([11, 0]);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: FAR, dst: ME }, icmp(3, 3, [0, 0, 0, 0], orig))));
    expect(s.recvFrom(buf, 64, from)).toBe(-NetError.ECONNREFUSED);
    expect(from.addr.v4()).toBe(FAR);
    // an error about something we did not send is refused
    const forged = orig.slice();
    forged[12] = 9;
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: FAR, dst: ME }, icmp(3, 3, [0, 0, 0, 0], forged))));
    expect(s.recvFrom(buf, 64, from)).toBe(-NetError.EAGAIN);
    freeBytes(buf);
    s.close();
    expectNoLeak();
  });

  it('ping errors: time exceeded about an echo we sent is reported to the pinger', () => {
    learn(GW, PEER);
    expect(st.ping(FAR, 9, 3, 8, 1)).toBe(0);
    const out = sent();
    const orig = out[0]!.slice(14, 14 + 28);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 1, src: GW, dst: ME }, icmp(11, 0, [0, 0, 0, 0], orig))));
    const e = new EchoResult();
    expect(st.takeEcho(e)).toBe(true);
    expect([e.type, e.from, e.ident, e.seq]).toEqual([11, GW, 9, 3]);
  });
});

describe('UDP input', () => {
  it('delivers with and without a checksum; a bad checksum or length is refused', () => {
    const s = st.udpSocket(4096);
    s.setTimeoutMs(0);
    const any = new IpAddress();
    expect(s.bind(any, 53)).toBe(53);
    const buf = allocBytes(64, 16);
    const from = new Endpoint();
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1000, 53, [1, 2, 3]))));
    expect(s.recvFrom(buf, 64, from)).toBe(3);
    expect(bytes(buf, 3)).toEqual([1, 2, 3]);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1000, 53, [4, 5], { noChecksum: true }))));
    expect(s.recvFrom(buf, 64, from)).toBe(2);
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1000, 53, [4, 5], { badChecksum: true }))));
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1000, 53, [4, 5], { len: 200 }))));
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, [0, 1, 0])));
    expect(s.recvFrom(buf, 64, from)).toBe(-NetError.EAGAIN);
    expect(drops()).toEqual({ 'udp-bad-checksum': 1, 'udp-bad-length': 1, 'udp-too-short': 1 });
    // a datagram to a broadcast for a closed port: no ICMP (RFC 1122 §3.2.2)
    feed(eth(0xffff_ffff_ffff, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: 0xffffffff }, udp(HOST, 0xffffffff, 1, 4444, []))));
    expect(sent().length).toBe(0);
    freeBytes(buf);
    release(any);
    s.close();
    expectNoLeak();
  });
});

describe('malformed frames: each refused with its reason, no reply, no leak', () => {
  const good = () => ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1, 7, [1, 2, 3, 4]));
  const cases: [string, () => number[], string][] = [
    ['empty frame', () => [], 'eth-too-short'],
    ['13 bytes', () => new Array(13).fill(0), 'eth-too-short'],
    ['another station', () => eth(PEER, PEER, 0x0800, good()), 'eth-not-for-us'],
    ['unknown EtherType', () => eth(US, PEER, 0x1234, good()), 'eth-unknown-type'],
    ['ARP short', () => eth(US, PEER, 0x0806, arp(1, PEER, HOST, 0, ME).slice(0, 27)), 'arp-too-short'],
    ['ARP hardware 6', () => { const a = arp(1, PEER, HOST, 0, ME); a[1] = 6; return eth(US, PEER, 0x0806, a); }, 'arp-bad-hardware'],
    ['ARP protocol IPv6', () => { const a = arp(1, PEER, HOST, 0, ME); a[2] = 0x86; a[3] = 0xdd; return eth(US, PEER, 0x0806, a); }, 'arp-bad-protocol'],
    ['ARP op 3', () => eth(US, PEER, 0x0806, arp(3, PEER, HOST, 0, ME)), 'arp-bad-op'],
    ['ARP broadcast sender', () => eth(US, PEER, 0x0806, arp(1, 0xffff_ffff_ffff, HOST, 0, ME)), 'arp-bad-sender'],
    ['IP 19 bytes', () => eth(US, PEER, 0x0800, good().slice(0, 19)), 'ip-too-short'],
    ['IP version 6', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, version: 6 }, [])), 'ip-bad-version'],
    ['IHL 4', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, ihl: 4 }, [])), 'ip-bad-ihl'],
    ['IHL past the buffer', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, ihl: 15 }, [])), 'ip-bad-ihl'],
    ['total length > frame', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, totalLen: 400 }, [])), 'ip-bad-total-length'],
    ['total length < header', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, totalLen: 19 }, [])), 'ip-bad-total-length'],
    ['header checksum', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, badChecksum: true }, [])), 'ip-bad-checksum'],
    ['option length 0', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, options: [7, 0, 0, 0] }, [])), 'ip-bad-options'],
    ['option past header', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, options: [1, 7, 9, 0] }, [])), 'ip-bad-options'],
    ['not our address', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ip4(10, 0, 0, 3) }, [])), 'ip-not-for-us'],
    ['broadcast source', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: 0xffffffff, dst: ME }, [])), 'ip-bad-source'],
    ['multicast source', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: ip4(224, 0, 0, 1), dst: ME }, [])), 'ip-bad-source'],
    ['ICMP 7 bytes', () => eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, [8, 0, 0, 0, 0, 0, 0])), 'icmp-too-short'],
    ['ICMP checksum', () => eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(8, 0, [0, 1, 0, 1], [1], true))), 'icmp-bad-checksum'],
    ['ICMP type 42', () => eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(42, 0, [0, 0, 0, 0], []))), 'icmp-unknown-type'],
    ['ICMP error quoting 10 bytes', () => eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(3, 3, [0, 0, 0, 0], new Array(10).fill(0x45)))), 'icmp-bad-quote'],
    ['fragment not a multiple of 8', () => eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, flags: 1 }, [1, 2, 3])), 'frag-bad'],
  ];
  for (const [name, make, reason] of cases) {
    it(name, () => {
      feed(make());
      expect(drops()).toEqual({ [reason]: 1 });
      expect(sent().length).toBe(0);
      expectNoLeak();
    });
  }
});

describe('fragment reassembly', () => {
  function fragments(id: number, payload: number[], size: number, proto = 17): number[][] {
    const out: number[][] = [];
    for (let off = 0; off < payload.length; off += size) {
      const more = off + size < payload.length;
      out.push(eth(US, PEER, 0x0800, ipv4({ proto, src: HOST, dst: ME, id, flags: more ? 1 : 0, fragOffset: off }, payload.slice(off, off + size))));
    }
    return out;
  }
  function bigUdp(n: number): number[] {
    return udp(HOST, ME, 1000, 7, Array.from({ length: n }, (_, i) => (i * 7) & 255));
  }

  it('reassembles in any order, with duplicates, and delivers the datagram', () => {
    const s = st.udpSocket(16384);
    s.setTimeoutMs(0);
    const any = new IpAddress();
    s.bind(any, 7);
    const buf = allocBytes(8192, 16);
    const from = new Endpoint();
    const frs = fragments(5, bigUdp(4000), 1480);
    feed(frs[2]!);
    feed(frs[0]!);
    feed(frs[0]!);
    feed(frs[1]!);
    expect(s.recvFrom(buf, 8192, from)).toBe(4000);
    expect(bytes(buf, 4000)).toEqual(Array.from({ length: 4000 }, (_, i) => (i * 7) & 255));
    expect(drops()).toEqual({ 'frag-duplicate': 1 });
    expect(st.stats.reassembled).toBe(1);
    expect(st.frag.inProgress()).toBe(0);
    freeBytes(buf);
    s.close();
    expectNoLeak();
  });

  it('refuses overlaps, too-big datagrams, too many fragments, too many datagrams, and times out', () => {
    const p = bigUdp(3000);
    // overlap: 0..1480 then 800..2280
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 1, flags: 1, fragOffset: 0 }, p.slice(0, 1480))));
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 1, flags: 1, fragOffset: 800 }, p.slice(800, 2280))));
    expect(drops()['frag-overlap']).toBe(1);
    expect(st.frag.inProgress()).toBe(0);
    // beyond the slot (8192 bytes)
    feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 2, flags: 0, fragOffset: 8000 }, p.slice(0, 400))));
    expect(drops()['frag-too-big']).toBe(1);
    // more than 16 fragments of 8 bytes
    for (let i = 0; i < 17; i++) feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 3, flags: 1, fragOffset: i * 8 }, p.slice(0, 8))));
    expect(drops()['frag-too-many']).toBe(1);
    // four datagrams in progress fill the slots; a fifth is refused
    for (let id = 10; id < 15; id++) feed(eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id, flags: 1, fragOffset: 0 }, p.slice(0, 8))));
    expect(st.frag.inProgress()).toBe(4);
    expect(drops()['frag-no-slot']).toBe(1);
    now = 60_000;
    st.poll(now);
    expect(st.frag.inProgress()).toBe(0);
    expect(drops()['frag-timeout']).toBe(4);
    expectNoLeak();
  });
});
