// A full transmit queue: frames wait, in order, and go out as the device
// takes them again, instead of being dropped (TCP would only repair a drop
// after a retransmission timeout); past the backlog they are dropped and
// counted. No buffer leaked.
import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes, load8, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Drop, Endpoint, ipv4 as ip4, NetError, NetOptions, NetStack, ScriptedDevice } from '../src/index';

const US = 0x02_00_00_00_00_01;
const ME = ip4(10, 0, 0, 2);
const RING = 4;

let dev: ScriptedDevice;
let st: NetStack;

function setup(backlog: number): void {
  dev = new ScriptedDevice(US, RING);
  dev.refuseWhenFull = true;
  const o = new NetOptions();
  o.buffers = 32;
  o.txBacklog = backlog;
  st = new NetStack(dev, o);
  expect(st.start()).toBe(0);
  st.setStatic(ME, 24, ip4(10, 0, 0, 1));
}

beforeEach(() => {
  resetMachine();
  resetScheduler();
  initScheduler();
});

/** Sends `n` one-byte broadcast datagrams numbered from 0 (broadcast: no ARP in the way); what each sendTo returned. */
function sendNumbered(n: number): number[] {
  const results: number[] = [];
  const s = st.udpSocket(1024);
  const buf = allocBytes(1, 1);
  const to = Endpoint.v4(ip4(10, 0, 0, 255), 9);
  for (let i = 0; i < n; i++) {
    store8(buf, i);
    results.push(s.sendTo(buf, 1, to));
  }
  freeBytes(buf);
  to[Symbol.dispose]();
  release(to);
  s.close();
  release(s);
  return results;
}

/** The numbers of the frames the device holds, taken out (the ring drains). */
function takeAll(): number[] {
  const out: number[] = [];
  for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) {
    out.push(load8(b.data() + 42)); // Ethernet 14 + IPv4 20 + UDP 8: the datagram's byte
    dev.recycle(b);
  }
  return out;
}

describe('transmit backlog', () => {
  it('holds frames while the device is full and sends them in order as it drains', () => {
    setup(64);
    const free = st.pool.freeCount();
    expect(sendNumbered(10)).toEqual(Array(10).fill(1));
    expect(st.txWaitingCount()).toBe(10 - RING);
    const got: number[] = [];
    for (let round = 0; round < 5 && got.length < 10; round++) {
      got.push(...takeAll());
      st.poll(round);
    }
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(st.stats.dropped(Drop.TxQueueFull)).toBe(0);
    expect(st.txWaitingCount()).toBe(0);
    expect(st.pool.freeCount()).toBe(free);
  });

  it('drops past the backlog, counted as tx-queue-full, and keeps the order of what it kept', () => {
    setup(3);
    const free = st.pool.freeCount();
    expect(sendNumbered(10)).toEqual([...Array(7).fill(1), ...Array(3).fill(-NetError.ENOBUFS)]);
    expect(st.stats.dropped(Drop.TxQueueFull)).toBe(10 - RING - 3);
    const got: number[] = [];
    for (let round = 0; round < 5; round++) {
      got.push(...takeAll());
      st.poll(round);
    }
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(st.pool.freeCount()).toBe(free);
  });

  it('frames sent while others wait go behind them', () => {
    setup(64);
    sendNumbered(6); // 4 in the device, 2 waiting
    expect(takeAll()).toEqual([0, 1, 2, 3]);
    sendNumbered(3); // the waiting two go first, then these
    expect(takeAll()).toEqual([4, 5, 0, 1]);
    st.poll(1);
    expect(takeAll()).toEqual([2]);
  });
});
