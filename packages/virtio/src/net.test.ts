// virtio-net under Node: the driver against the device model (sim/), with
// the real stack (@unishyper/net) on top: two cards cross-connected, ping
// and UDP echo between two stacks, the header in the headroom (no copy),
// receive buffers refilled, transmit buffers returned, every buffer back in
// its pool; a full ring, a device that needs a reset, a legacy device.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, freeBytes } from '@unishyper/rt';
import { captureConsole, readMemory, writeMemory } from '@unishyper/rt/sim';
import { irqCount } from '@unishyper/hal-aarch64';
import { resetHal, type SimCpu, type SimGicV2 } from '@unishyper/hal-aarch64/sim';
import { EchoResult, Endpoint, IpAddress, ipv4, NetOptions, NetStack, type PacketBuf, type PacketPool } from '@unishyper/net';
import { VirtioNet } from './net';
import { SimNetDevice, simMachine } from './sim';

const SLOT_A = { base: 0x0a00_3e00, irq: 79 };
const SLOT_B = { base: 0x0a00_3c00, irq: 78 };
const IP_A = ipv4(10, 0, 0, 2);
const IP_B = ipv4(10, 0, 0, 3);

let cpu: SimCpu;
let gic: SimGicV2;

beforeEach(() => {
  ({ gic, cpu } = simMachine(128 << 20));
});

afterEach(() => resetHal());

function card(slot: { base: number; irq: number }, mac: number): { dev: SimNetDevice; nic: VirtioNet<PacketBuf, PacketPool> } {
  const dev = new SimNetDevice({ mac });
  dev.mmio.map(slot.base);
  gic.connectLine(slot.irq, () => dev.mmio.irqLevel());
  const nic = new VirtioNet<PacketBuf, PacketPool>(slot.base, 0x200, slot.irq);
  expect(nic.init()).toBe(0);
  return { dev, nic };
}

/** Two stacks on two cross-connected virtio-net cards. */
function pair() {
  const a = card(SLOT_A, 0x48_b0_2d_0e_6e_9e);
  const b = card(SLOT_B, 0x48_b0_2d_0e_6e_9f);
  a.dev.connect(b.dev);
  const sa = new NetStack(a.nic, new NetOptions());
  const sb = new NetStack(b.nic, new NetOptions());
  expect(sa.start()).toBe(0);
  expect(sb.start()).toBe(0);
  sa.setStatic(IP_A, 24, 0);
  sb.setStatic(IP_B, 24, 0);
  let now = 0;
  const run = (ms: number) => {
    for (const end = now + ms; now <= end; now += 10) {
      cpu.poll();
      sa.poll(now);
      sb.poll(now);
    }
  };
  return { a, b, sa, sb, run };
}

describe('virtio-net', () => {
  it('takes the MAC from the configuration space and posts receive buffers with the header in the headroom', () => {
    const { a, sa } = pair();
    expect(a.nic.macAddress()).toBe(0x48_b0_2d_0e_6e_9e);
    expect(sa.mac).toBe(0x48_b0_2d_0e_6e_9e);
    // Half the pool (64 buffers by default) is posted, the rest is the stack's.
    expect(a.dev.postedCount()).toBe(32);
    expect(sa.pool.freeCount()).toBe(32);
    expect(a.dev.mmio.driverFeatures).toBe((1n << 32n) | (1n << 16n) | (1n << 5n));
    expect(a.dev.errors).toEqual([]);
    expect(a.dev.mmio.errors).toEqual([]);
  });

  it('ping and UDP echo between two stacks, interrupt-driven, every buffer back in its pool', () => {
    const { a, b, sa, sb, run } = pair();
    const e = new EchoResult();
    for (let i = 0; i < 10; i++) {
      expect(sa.ping(IP_B, 9, i, 56, 64)).toBe(0);
      run(30);
      expect(sa.takeEcho(e)).toBe(true);
      expect([e.type, e.from, e.seq, e.len]).toEqual([0, IP_B, i, 56]);
    }
    const server = sb.udpSocket(8192);
    expect(server.bind(new IpAddress(), 7)).toBe(7); // the port bound
    server.setTimeoutMs(0);
    const client = sa.udpSocket(8192);
    client.setTimeoutMs(0);
    const buf = allocBytes(1500, 16);
    const msg = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    writeMemory(buf, msg);
    const to = new Endpoint();
    to.addr.setV4(IP_B);
    to.port = 7;
    expect(client.sendTo(buf, 1000, to)).toBe(1000);
    run(30);
    const from = new Endpoint();
    const back = allocBytes(1500, 16);
    expect(server.recvFrom(back, 1500, from)).toBe(1000);
    expect(readMemory(back, 1000)).toEqual(msg);
    expect(server.sendTo(back, 1000, from)).toBe(1000);
    run(30);
    expect(client.recvFrom(buf, 1500, new Endpoint())).toBe(1000);
    expect(readMemory(buf, 1000)).toEqual(msg);
    expect(irqCount(SLOT_A.irq)).toBeGreaterThan(0);
    expect(a.nic.received).toBe(b.nic.sent);
    expect(sa.stats.totalDrops() + sb.stats.totalDrops()).toBe(0);
    // Everything not posted for receiving is back in the pools.
    run(30);
    expect(sa.pool.freeCount() + a.dev.postedCount()).toBe(sa.pool.count);
    expect(sb.pool.freeCount() + b.dev.postedCount()).toBe(sb.pool.count);
    expect([...a.dev.errors, ...b.dev.errors, ...a.dev.mmio.errors, ...b.dev.mmio.errors]).toEqual([]);
    freeBytes(buf);
    freeBytes(back);
  });

  it('a frame with no receive buffer posted is dropped by the device, not lost by the driver', () => {
    const { a } = pair();
    for (let i = 0; i < 40; i++) a.dev.deliver(new Uint8Array(60));
    expect(a.dev.dropped).toBe(8);
    // The driver takes them and posts fresh buffers.
    let got = 0;
    for (let f = a.nic.receive(); f !== null; f = a.nic.receive()) got++;
    expect(got).toBe(32);
  });

  it('DEVICE_NEEDS_RESET: the device is reset and every buffer it held goes back to the pool', () => {
    const { a, sa, run } = pair();
    const out = captureConsole(() => {
      a.dev.mmio.needReset();
      run(20);
    });
    expect(out).toContain('virtio-net@0xa003e00: the device needs a reset; it sends and receives nothing from now on');
    expect(a.nic.hasFailed()).toBe(true);
    expect(a.dev.mmio.status).toBe(0);
    expect(sa.pool.freeCount()).toBe(sa.pool.count);
  });

  it('a legacy device is refused with the QEMU option that makes it modern', () => {
    const dev = new SimNetDevice();
    const legacy = new (dev.mmio.constructor as typeof import('./sim').VirtioMmioDevice)(dev, { legacy: true });
    legacy.map(0x0a00_3a00);
    const nic = new VirtioNet<PacketBuf, PacketPool>(0x0a00_3a00, 0x200, 77);
    const stack = new NetStack(nic, new NetOptions());
    const out = captureConsole(() => expect(stack.start()).toBe(-5));
    expect(out).toContain('force-legacy=false');
  });

  it('one receive interrupt serves a burst: off from the interrupt until the stack empties the queue, then on again', () => {
    const { a, sa } = pair();
    // Frames for nobody here (another MAC): received and dropped by the stack.
    const frame = new Uint8Array(60);
    frame.set([0x02, 0, 0, 0, 0, 0x77], 0);
    const irqs = () => irqCount(SLOT_A.irq);
    const before = irqs();
    expect(a.dev.deliver(frame)).toBe(true);
    cpu.poll();
    expect(irqs()).toBe(before + 1);
    // The rest of the burst raises none while the stack has not emptied the queue.
    for (let i = 0; i < 5; i++) expect(a.dev.deliver(frame)).toBe(true);
    cpu.poll();
    expect(irqs()).toBe(before + 1);
    expect(a.dev.mmio.suppressed).toBeGreaterThanOrEqual(5);
    sa.poll(10);
    expect(a.nic.received).toBe(6);
    // Found empty: the next frame interrupts again.
    expect(a.dev.deliver(frame)).toBe(true);
    cpu.poll();
    expect(irqs()).toBe(before + 2);
    sa.poll(20);
    expect(a.nic.received).toBe(7);
  });

  it('a received buffer handed back is posted again under its own descriptor, with no pool round trip; one the stack keeps frees its descriptor', () => {
    const { a, sa, sb, run } = pair();
    const frame = new Uint8Array(60);
    frame.set([0x02, 0, 0, 0, 0, 0x77], 0);
    run(10);
    const free = sa.pool.freeCount();
    for (let i = 0; i < 40; i++) {
      expect(a.dev.deliver(frame)).toBe(true);
      sa.poll(100 + i);
    }
    expect(a.nic.received).toBe(40);
    expect(sa.pool.freeCount()).toBe(free); // the same buffers went round
    expect(a.dev.postedCount()).toBe(32);
    // An ARP request for A is answered in its own buffer (kept by the stack): the ring still ends up full.
    expect(sb.ping(IP_A, 1, 1, 8, 64)).toBe(0);
    run(50);
    const e = new EchoResult();
    expect(sb.takeEcho(e)).toBe(true);
    expect(a.dev.postedCount()).toBe(32);
    expect(sa.pool.freeCount() + a.dev.postedCount()).toBe(sa.pool.count);
    expect([...a.dev.errors, ...a.dev.mmio.errors]).toEqual([]);
  });
});
