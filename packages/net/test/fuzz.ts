// The fuzzer: valid frames of every kind, mutated (bit flips, random bytes, header fields,
// truncation, extension; IPv4 checksum fixed up half the time so the layers above are reached),
// fed to one stack. Checks: no panic or exception, every case finishes, and every packet buffer
// comes back (the pool's free count returns to its start, ARP queues counted).
import { allocBytes, freeBytes, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Rng } from '@unishyper/codegen/testing';
import { Endpoint, IpAddress, ipv4 as ip4, NetOptions, NetStack, ScriptedDevice } from '../src/index';
import { arp, csum, eth, icmp, ipv4, udp } from './frames';

const US = 0x02_00_00_00_00_01;
const PEER = 0x02_00_00_00_00_99;
const ME = ip4(10, 0, 0, 2);
const HOST = ip4(10, 0, 0, 7);

function seeds(): number[][] {
  const data = Array.from({ length: 40 }, (_, i) => i);
  const u = udp(HOST, ME, 1000, 7, data);
  const ourUdp = ipv4({ proto: 17, src: ME, dst: HOST, id: 3 }, udp(ME, HOST, 7, 33434, [1, 2, 3, 4]));
  const big = udp(HOST, ME, 1000, 7, Array.from({ length: 2000 }, (_, i) => i & 255));
  return [
    eth(0xffff_ffff_ffff, PEER, 0x0806, arp(1, PEER, HOST, 0, ME)),
    eth(US, PEER, 0x0806, arp(2, PEER, HOST, US, ME)),
    eth(0xffff_ffff_ffff, PEER, 0x0806, arp(1, PEER, HOST, 0, HOST)),
    eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(8, 0, [0, 1, 0, 1], data))),
    eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, u)),
    eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME }, udp(HOST, ME, 1000, 4444, data))),
    eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, options: [1, 1, 7, 3, 4, 0, 0, 0] }, u)),
    eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(3, 3, [0, 0, 0, 0], ourUdp.slice(0, 28)))),
    eth(US, PEER, 0x0800, ipv4({ proto: 1, src: HOST, dst: ME }, icmp(11, 0, [0, 0, 0, 0], ourUdp.slice(0, 28)))),
    eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 9, flags: 1, fragOffset: 0 }, big.slice(0, 1000))),
    eth(US, PEER, 0x0800, ipv4({ proto: 17, src: HOST, dst: ME, id: 9, flags: 0, fragOffset: 1000 }, big.slice(1000))),
    eth(US, PEER, 0x0800, ipv4({ proto: 6, src: HOST, dst: ME }, data)),
  ];
}

function mutate(r: Rng, f: number[]): number[] {
  const m = f.slice();
  const ops = 1 + r.below(4);
  for (let k = 0; k < ops; k++) {
    switch (r.below(8)) {
      case 0: if (m.length) { const i = r.below(m.length); m[i] = m[i]! ^ (1 << r.below(8)); } break;
      case 1: if (m.length) m[r.below(m.length)] = r.below(256); break;
      case 2: if (m.length > 14) m[14 + r.below(Math.min(40, m.length - 14))] = r.pick([0, 1, 0x45, 0x4f, 0xff, 0x7f, 0x80, r.below(256)]); break;
      case 3: m.length = r.below(m.length + 1); break;
      case 4: for (let i = r.below(64); i > 0; i--) m.push(r.below(256)); break;
      case 5: if (m.length > 18) { m[16] = r.below(256); m[17] = r.below(256); } break; // total length
      case 6: if (m.length > 21) { m[20] = r.below(256); m[21] = r.below(256); } break; // flags + offset
      case 7: if (m.length > 39) { m[38] = r.below(256); m[39] = r.below(256); m[40] = 0; m[41] = 0; } break; // UDP length, no checksum
    }
  }
  if (r.below(2) === 0 && m.length >= 34 && m[12] === 8 && m[13] === 0) {
    const hl = (m[14]! & 15) * 4;
    if (hl >= 20 && 14 + hl <= m.length) {
      m[24] = 0;
      m[25] = 0;
      const c = csum(m, 14, 14 + hl);
      m[24] = c >> 8;
      m[25] = c & 255;
    }
  }
  return m;
}

/** Runs `cases` mutated frames from `seed`; returns failure messages (empty when all is well). */
export function runFuzz(cases: number, seed: number, log: (s: string) => void = () => {}): string[] {
  resetMachine({ ramSize: 64 << 20 });
  resetScheduler();
  initScheduler();
  const failures: string[] = [];
  const dev = new ScriptedDevice(US, 64);
  const o = new NetOptions();
  o.buffers = 48;
  o.icmpErrorsPerSecond = 1_000_000;
  const st = new NetStack(dev, o);
  st.start();
  st.setStatic(ME, 24, ip4(10, 0, 0, 1));
  const start = st.pool.freeCount();
  const sock = st.udpSocket(4096);
  sock.setTimeoutMs(0);
  const any = new IpAddress();
  sock.bind(any, 7);
  const buf = allocBytes(4096, 16);
  const frame = allocBytes(4096, 16);
  const from = new Endpoint();
  const corpus = seeds();
  const r = new Rng(seed);
  let now = 0;
  for (let c = 0; c < cases; c++) {
    const f = mutate(r, r.pick(corpus));
    try {
      for (let i = 0; i < f.length; i++) store8(frame + i, f[i]!);
      dev.inject(frame, f.length);
      now += 1 + r.below(50);
      st.poll(now);
      for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) dev.recycle(b);
      while (sock.recvFrom(buf, 4096, from) !== -11) { /* drain */ }
      if (st.pool.freeCount() + st.buffersHeld() !== start) {
        failures.push(`case ${c} (seed ${seed}): ${start - st.pool.freeCount() - st.buffersHeld()} buffers missing after [${f.join(',')}]`);
        break;
      }
    } catch (e) {
      failures.push(`case ${c} (seed ${seed}): ${(e as Error).message} on [${f.join(',')}]`);
      break;
    }
    if (c > 0 && c % 100_000 === 0) log(`fuzz: ${c} cases, drops ${st.stats.totalDrops()}`);
  }
  // let every timer fire: ARP queues and reassembly slots empty
  now += 200_000;
  st.poll(now);
  for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) dev.recycle(b);
  st.poll(now + 200_000);
  dev.drain();
  if (st.pool.freeCount() !== start) failures.push(`seed ${seed}: ${start - st.pool.freeCount()} buffers never came back`);
  if (st.frag.inProgress() !== 0) failures.push(`seed ${seed}: reassembly slots still taken`);
  sock.close();
  freeBytes(buf);
  freeBytes(frame);
  log(`fuzz: ${cases} cases, rx ${st.stats.rxFrames}, drops ${st.stats.totalDrops()}, tx ${st.stats.txFrames}, udp in ${st.stats.rxUdp}, reassembled ${st.stats.reassembled}`);
  return failures;
}
