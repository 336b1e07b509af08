// The DNS resolver against a server written in the test on the other stack
// (UDP port 53): the query's bytes, an A answer after a CNAME with
// compressed names, NXDOMAIN, no A record, retries with new ids over a wire
// that loses the first query, a timeout, answers from elsewhere or with
// another id ignored, and malformed answers (pointer loops, truncation,
// lengths past the end) refused with EPROTO, never a panic or a hang.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { DnsResolver, Endpoint, IpAddress, ipv4, NetError, readDnsAnswer, writeDnsQuery, type UdpSocket } from '../src/index';
import { bytes, IP_B, Pair, put } from './harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

/** A DNS server on stack b: `answer` turns each query's bytes into the reply's (null: no reply). */
class Server {
  readonly sock: UdpSocket;
  queries: number[][] = [];
  constructor(
    readonly p: Pair,
    readonly answer: (q: number[]) => number[] | null,
  ) {
    this.sock = p.b.udpSocket(8192);
    this.sock.setTimeoutMs(0);
    expect(this.sock.bind(new IpAddress(), 53)).toBe(53);
  }
  serve(): void {
    const buf = allocBytes(512, 8);
    const from = new Endpoint();
    for (let n = this.sock.recvFrom(buf, 512, from); n >= 0; n = this.sock.recvFrom(buf, 512, from)) {
      const q = bytes(buf, n);
      this.queries.push(q);
      const a = this.answer(q);
      if (a === null) continue;
      const out = put(a);
      this.sock.sendTo(out, a.length, from);
      freeBytes(out);
    }
    freeBytes(buf);
  }
}

/** Runs the resolver's begin/step against the server until it is done; its result. */
function run(p: Pair, srv: Server, dns: DnsResolver, name: string): number {
  let r = dns.begin(name);
  for (let t = 0; r === -NetError.EAGAIN && t < 2000; t++) {
    p.run(10);
    srv.serve();
    p.run(10);
    r = dns.step(0);
  }
  return r;
}

const u16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const u32 = (v: number) => [...u16(v >>> 16), ...u16(v & 0xffff)];
/** The question section of a query (everything after its 12-byte header). */
const question = (q: number[]) => q.slice(12);

/** An answer to `q`: header flags, then the question, then `records`. */
function reply(q: number[], flags: number, count: number, records: number[]): number[] {
  return [q[0]!, q[1]!, ...u16(flags), ...u16(1), ...u16(count), 0, 0, 0, 0, ...question(q), ...records];
}
/** An A record named by a pointer to the question's name (offset 12). */
const aRecord = (addr: number) => [0xc0, 12, ...u16(1), ...u16(1), ...u32(300), ...u16(4), ...u32(addr)];

describe('DNS resolver', () => {
  it('sends a recursive A query and takes the A record after a CNAME, names compressed', () => {
    const p = new Pair();
    p.a.dns = IP_B;
    const srv = new Server(p, (q) => {
      // www.example.com CNAME web.example.com (compressed: "web" + pointer to "example.com"), then its A record.
      const cname = [0xc0, 12, ...u16(5), ...u16(1), ...u32(60), ...u16(6), 3, 119, 101, 98, 0xc0, 16];
      const a = [0xc0, 12 + question(q).length + 12, ...u16(1), ...u16(1), ...u32(60), ...u16(4), ...u32(ipv4(93, 184, 216, 34))];
      return reply(q, 0x8180, 2, [...cname, ...a]);
    });
    const dns = new DnsResolver(p.a);
    expect(run(p, srv, dns, 'www.example.com')).toBe(0);
    expect(dns.result.v4()).toBe(ipv4(93, 184, 216, 34));
    const q = srv.queries[0]!;
    expect(q.slice(2, 12)).toEqual([0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD, one question
    expect(question(q)).toEqual([3, 119, 119, 119, 7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0, 0, 1, 0, 1]);
  });

  it('NXDOMAIN and an answer without an A record are ENOENT; no server is ENETUNREACH; bad names EINVAL', () => {
    const p = new Pair();
    const dns = new DnsResolver(p.a);
    expect(dns.begin('example.com')).toBe(-NetError.ENETUNREACH);
    p.a.dns = IP_B;
    let nx = true;
    const srv = new Server(p, (q) => (nx ? reply(q, 0x8183, 0, []) : reply(q, 0x8180, 0, [])));
    expect(run(p, srv, dns, 'nope.example')).toBe(-NetError.ENOENT);
    nx = false;
    expect(run(p, srv, dns, 'empty.example')).toBe(-NetError.ENOENT);
    for (const bad of ['', '.', 'a..b', `${'x'.repeat(64)}.com`, `${'a.'.repeat(127)}com`, 'sp ace.com']) expect(dns.begin(bad), bad).toBe(-NetError.EINVAL);
    expect(run(p, srv, dns, 'trailing.dot.')).toBe(-NetError.ENOENT); // a final dot is fine
  });

  it('retries with a new id when the answer does not come, and times out after every try', () => {
    const p = new Pair();
    p.a.dns = IP_B;
    let answerFrom = 2; // the first query goes unanswered
    const srv: Server = new Server(p, (q): number[] | null => (srv.queries.length >= answerFrom ? reply(q, 0x8180, 1, aRecord(ipv4(10, 9, 8, 7))) : null));
    const dns = new DnsResolver(p.a);
    dns.attemptMs = 500;
    expect(run(p, srv, dns, 'slow.example')).toBe(0);
    expect(dns.result.v4()).toBe(ipv4(10, 9, 8, 7));
    expect(srv.queries.length).toBe(2);
    expect(srv.queries[0]!.slice(0, 2)).not.toEqual(srv.queries[1]!.slice(0, 2)); // a new id per try
    answerFrom = 1000;
    srv.queries = [];
    expect(run(p, srv, dns, 'dead.example')).toBe(-NetError.ETIMEDOUT);
    expect(srv.queries.length).toBe(3);
  });

  it('ignores answers with another id, and takes the right one after', () => {
    const p = new Pair();
    p.a.dns = IP_B;
    const srv = new Server(p, (q) => reply([q[0]! ^ 0xff, q[1]!, ...q.slice(2)], 0x8180, 1, aRecord(1)));
    const dns = new DnsResolver(p.a);
    dns.attemptMs = 200;
    dns.attempts = 2;
    expect(run(p, srv, dns, 'x.example')).toBe(-NetError.ETIMEDOUT);
  });
});

describe('DNS answers from a hostile server', () => {
  it('pointer loops, forward pointers, truncation and lengths past the end are EPROTO', () => {
    const msg = allocBytes(512, 8);
    const q = (() => {
      const n = writeDnsQuery(msg, 0x1234, 'a.example');
      return bytes(msg, n);
    })();
    const check = (m: number[]) => {
      for (let i = 0; i < m.length; i++) store8(msg + i, m[i]!);
      return readDnsAnswer(msg, m.length, 0x1234);
    };
    const head = (count: number) => [0x12, 0x34, ...u16(0x8180), ...u16(1), ...u16(count), 0, 0, 0, 0, ...question(q)];
    expect(check([...head(1), ...aRecord(ipv4(1, 2, 3, 4))])).toBe(ipv4(1, 2, 3, 4));
    const loopAt = head(1).length;
    expect(check([...head(1), 0xc0, loopAt, ...u16(1), ...u16(1), ...u32(1), ...u16(4), 1, 2, 3, 4])).toBe(-NetError.EPROTO); // points at itself
    expect(check([...head(1), 0xc0, 200, ...u16(1), ...u16(1), ...u32(1), ...u16(4), 1, 2, 3, 4])).toBe(-NetError.EPROTO); // points forward
    expect(check([...head(1), ...aRecord(1).slice(0, 8)])).toBe(-NetError.EPROTO); // truncated
    expect(check([...head(1), 0xc0, 12, ...u16(1), ...u16(1), ...u32(1), ...u16(400), 1, 2])).toBe(-NetError.EPROTO); // rdlength past the end
    expect(check([...head(1), 0xc0, 12, ...u16(1), ...u16(1), ...u32(1), ...u16(6), 1, 2, 3, 4, 5, 6])).toBe(-NetError.EPROTO); // an A of 6 bytes
    expect(check([0x12, 0x34, 0x81])).toBe(-NetError.EPROTO);
    expect(check([...head(1).slice(0, 2), ...u16(0x0100), ...head(1).slice(4)])).toBe(-NetError.EAGAIN); // a query, not an answer
    expect(check([...head(0).slice(0, 2), ...u16(0x8182), ...head(0).slice(4)])).toBe(-NetError.EPROTO); // SERVFAIL
    // 2,000 random mutations: an answer or an error, never a throw.
    let seed = 7;
    const good = [...head(1), ...aRecord(ipv4(1, 2, 3, 4))];
    for (let i = 0; i < 2000; i++) {
      const m = [...good];
      for (let k = 0; k < 3; k++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        m[seed % m.length] = (seed >>> 8) & 0xff;
      }
      const r = check(m.slice(0, 12 + ((seed >>> 4) % (m.length - 11))));
      expect(r === -NetError.EPROTO || r === -NetError.EAGAIN || r === -NetError.ENOENT || r >= 0).toBe(true);
    }
    freeBytes(msg);
    void load8;
  });
});
