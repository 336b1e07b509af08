// TCP between two stacks on a MemoryWire (Node, non-blocking sockets, simulated clock).
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Endpoint, IpAddress, NetError, TcpState } from '../src/index';
import { IP_A, IP_B } from './harness';
import { TcpPair, transfer } from './tcp-harness';

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

describe('TCP between two stacks', () => {
  it('handshake, a small echo, graceful close through TIME-WAIT', () => {
    const tp = new TcpPair(1, (o) => (o.mslMs = 500));
    const l = tp.listen(80);
    const [c, s] = tp.establish(l, 80);
    expect(c.state()).toBe(TcpState.Established);
    expect(s.state()).toBe(TcpState.Established);
    const buf = allocBytes(256, 16);
    for (let i = 0; i < 64; i++) store8(buf + i, i);
    expect(c.write(buf, 64)).toBe(64);
    tp.run(5);
    expect(s.available()).toBe(64);
    expect(s.read(buf, 256)).toBe(64);
    expect(s.write(buf, 64)).toBe(64);
    tp.run(5);
    expect(c.read(buf, 256)).toBe(64);
    for (let i = 0; i < 64; i++) expect(load8(buf + i)).toBe(i);
    expect(c.read(buf, 256)).toBe(-NetError.EAGAIN);
    // client closes first: FIN-WAIT-2 then TIME-WAIT; server sees EOF, closes: LAST-ACK -> CLOSED
    c.close();
    tp.run(50);
    expect(s.read(buf, 256)).toBe(0);
    expect(s.state()).toBe(TcpState.CloseWait);
    s.close();
    tp.run(50);
    const cport = tp.ta.stats.activeOpens;
    expect(cport).toBe(1);
    expect(tp.ta.count).toBe(1); // the client's TIME-WAIT
    expect(tp.tb.count).toBe(0);
    tp.run(1100, 10);
    expect(tp.ta.count).toBe(0);
    expect(tp.ta.stats.made - tp.ta.stats.destroyed).toBe(0);
    expect(tp.tb.stats.made - tp.tb.stats.destroyed).toBe(0);
    freeBytes(buf);
    release(c);
    release(s);
    l.close();
    release(l);
    tp.dispose();
  });

  it('1 MiB byte-exact on a clean wire', () => {
    const tp = new TcpPair(2);
    const l = tp.listen(5001);
    const [c, s] = tp.establish(l, 5001);
    const [got, ms, bad] = transfer(tp, c, s, 1 << 20, 7, 60000);
    expect(bad).toBe(-1);
    expect(got).toBe(1 << 20);
    console.log(`1 MiB clean: ${ms} ms simulated, segs ${tp.ta.stats.segsOut}, rexmit ${tp.ta.stats.retransmits}`);
    c.close();
    s.close();
    tp.run(100);
    release(c);
    release(s);
    l.close();
    release(l);
    tp.dispose();
  });
});
