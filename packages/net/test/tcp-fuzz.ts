// The TCP fuzzer: segments shaped like a live connection's (near RCV.NXT and SND.UNA, every flag
// combination, options), to a listener, to a connection and to closed ports, then mutated (bit
// flips, random bytes, header fields, truncation, extension; checksums fixed up most of the time
// so the state machine is reached). Between cases the user side reads, writes, accepts and closes
// and the clock moves so the timers run. Checks: no panic or exception, every case ends, the
// connection table stays bounded, and every packet buffer and connection comes back at the end.
import { allocBytes, freeBytes, release, store8 } from '@unishyper/rt';
import { resetMachine } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';
import { Rng } from '@unishyper/codegen/testing';
import { IpAddress, ipv4 as ip4, NetOptions, NetStack, ScriptedDevice, Tcp, TcpOptions, TcpStream } from '../src/index';
import { arp, csum, eth, ipv4 } from './frames';
import { F, mssOpt, tcp, wsOpt } from './tcp-frames';

const US = 0x02_00_00_00_00_01;
const PEER = 0x02_00_00_00_00_99;
const ME = ip4(10, 0, 0, 2);
const HOST = ip4(10, 0, 0, 7);

function fixTcpChecksum(m: number[]): void {
  if (m.length < 34 + 20 || m[23] !== 6) return;
  const hl = (m[14]! & 15) * 4;
  const t = 14 + hl;
  const total = (m[16]! << 8) | m[17]!;
  const end = Math.min(m.length, 14 + total);
  if (t + 18 > end) return;
  m[t + 16] = 0;
  m[t + 17] = 0;
  const len = end - t;
  let s = 0;
  const pseudo = [...m.slice(26, 34), 0, 6, (len >>> 8) & 255, len & 255];
  for (let i = 0; i < pseudo.length; i += 2) s += (pseudo[i]! << 8) | pseudo[i + 1]!;
  const c = csum(m, t, end, s);
  m[t + 16] = c >> 8;
  m[t + 17] = c & 255;
}

function fixIp(m: number[]): void {
  if (m.length < 34) return;
  m[16] = ((m.length - 14) >>> 8) & 255;
  m[17] = (m.length - 14) & 255;
  m[24] = 0;
  m[25] = 0;
  const c = csum(m, 14, 34);
  m[24] = c >> 8;
  m[25] = c & 255;
}

function mutate(r: Rng, f: number[]): number[] {
  const m = f.slice();
  const ops = r.below(4);
  for (let k = 0; k < ops; k++) {
    switch (r.below(9)) {
      case 0: if (m.length) { const i = r.below(m.length); m[i] = m[i]! ^ (1 << r.below(8)); } break;
      case 1: if (m.length > 34) m[34 + r.below(m.length - 34)] = r.below(256); break;
      case 2: if (m.length > 47) m[47] = r.below(256); break; // flags
      case 3: if (m.length > 46) m[46] = r.pick([0x00, 0x40, 0x50, 0x60, 0x80, 0xf0, r.below(256)]); break; // data offset
      case 4: m.length = r.below(m.length + 1); break;
      case 5: for (let i = r.below(40); i > 0; i--) m.push(r.below(256)); break;
      case 6: if (m.length > 41) for (let i = 38; i < 42; i++) m[i] = r.below(256); break; // seq
      case 7: if (m.length > 45) for (let i = 42; i < 46; i++) m[i] = r.below(256); break; // ack
      case 8: if (m.length > 49) { m[48] = r.below(256); m[49] = r.below(256); } break; // window
    }
  }
  if (r.below(10) < 8) fixIp(m);
  if (r.below(10) < 8) fixTcpChecksum(m);
  return m;
}

/** Runs `cases` segments from `seed`; returns failure messages (empty when all is well). */
export function runTcpFuzz(cases: number, seed: number, log: (s: string) => void = () => {}): string[] {
  resetMachine({ ramSize: 64 << 20 });
  resetScheduler();
  initScheduler();
  const failures: string[] = [];
  const dev = new ScriptedDevice(US, 256);
  const o = new NetOptions();
  o.buffers = 48;
  const st = new NetStack(dev, o);
  st.start();
  st.setStatic(ME, 24, 0);
  const to = new TcpOptions();
  to.maxConnections = 24;
  to.sendBuffer = 8192;
  to.receiveBuffer = 8192;
  to.mslMs = 200;
  to.finWait2Ms = 2000;
  to.dataRetries = 4;
  to.synRetries = 2;
  const t = new Tcp(st, to);
  const l = t.listener();
  const any = new IpAddress();
  l.bind(any, 80);
  l.listen(8);
  l.setTimeoutMs(0);
  l.setBufferSizes(8192, 8192);
  const start = st.pool.freeCount();
  const r = new Rng(seed);
  const frame = allocBytes(4096, 16);
  const buf = allocBytes(4096, 16);
  let now = 0;
  const inject = (f: number[]) => {
    for (let i = 0; i < f.length; i++) store8(frame + i, f[i]!);
    dev.inject(frame, Math.min(f.length, 2000));
  };
  inject(eth(US, PEER, 0x0806, arp(2, PEER, HOST, US, ME)));
  st.poll(0);
  const streams: TcpStream[] = [];
  let peerSeq = 1000;
  for (let c = 0; c < cases; c++) {
    // a segment shaped like the conversation: from a few peer ports, near what the stack expects
    const port = 4000 + r.below(6);
    const s0 = streams.length ? streams[r.below(streams.length)]!.conn : null;
    const seq = s0 !== null && r.below(2) === 0 ? (s0.rcvNxt + r.pick([0, 0, 1, -1, 100, 5000, 70000])) >>> 0 : (peerSeq + r.below(3000)) >>> 0;
    const ack = s0 !== null && r.below(2) === 0 ? (s0.sndUna + r.pick([0, 1, 10, 100, -1, 1 << 20])) >>> 0 : r.next();
    const flags = r.pick([F.SYN, F.ACK, F.ACK | F.PSH, F.ACK | F.FIN, F.RST, F.RST | F.ACK, F.SYN | F.ACK, F.FIN, 0, r.below(256)]);
    const data = Array.from({ length: r.pick([0, 0, 1, 10, 500, 1460]) }, () => r.below(256));
    const options = flags & F.SYN ? r.pick([[], [...mssOpt(r.below(2000))], [...mssOpt(1460), ...wsOpt(r.below(20))], [1, 1, 4, 2], [8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]]) : [];
    const dport = r.below(10) === 0 ? 81 : 80;
    const seg = tcp(HOST, ME, { sport: port, dport, seq, ack, flags, wnd: r.pick([0, 1, 100, 65535, r.below(65536)]), data, options });
    const f = mutate(r, eth(US, PEER, 0x0800, ipv4({ proto: 6, src: HOST, dst: ME }, seg)));
    peerSeq += r.below(100);
    try {
      inject(f);
      now += r.below(30);
      st.poll(now);
      // the user side
      const a = l.accept();
      if (a !== null) {
        a.setNonBlocking(true);
        streams.push(a);
      }
      for (const s of streams) {
        s.read(buf, r.below(4096));
        if (r.below(4) === 0) s.write(buf, r.below(3000));
      }
      if (streams.length > 0 && r.below(20) === 0) {
        const k = r.below(streams.length);
        const s = streams[k]!;
        if (r.below(2) === 0) s.shutdown();
        else {
          s.close();
          release(s);
          streams.splice(k, 1);
        }
      }
      for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) dev.recycle(b);
      if (st.pool.freeCount() + st.buffersHeld() !== start) {
        failures.push(`case ${c} (seed ${seed}): ${start - st.pool.freeCount() - st.buffersHeld()} buffers missing after [${f.join(',')}]`);
        break;
      }
      if (t.count > to.maxConnections) {
        failures.push(`case ${c}: ${t.count} connections`);
        break;
      }
    } catch (e) {
      failures.push(`case ${c} (seed ${seed}): ${(e as Error).stack} on [${f.join(',')}]`);
      break;
    }
  }
  // close everything; let the timers end every connection
  for (const s of streams) {
    s.close();
    release(s);
  }
  l.close();
  release(l);
  for (let k = 0; k < 400; k++) {
    now += 1000;
    st.poll(now);
    for (let b = dev.takeSent(); b !== null; b = dev.takeSent()) dev.recycle(b);
  }
  if (t.count !== 0) failures.push(`seed ${seed}: ${t.count} connections left after every timer`);
  if (t.stats.made !== t.stats.destroyed) failures.push(`seed ${seed}: ${t.stats.made - t.stats.destroyed} connections never freed`);
  dev.drain();
  if (st.pool.freeCount() !== start) failures.push(`seed ${seed}: ${start - st.pool.freeCount()} buffers never came back`);
  log(`tcp fuzz: ${cases} cases, segs in ${t.stats.segsIn}, out ${t.stats.segsOut}, made ${t.stats.made}, resets sent ${t.stats.resetsSent}, challenge ACKs ${t.stats.challengeAcks}, drops ${st.stats.totalDrops()}`);
  freeBytes(frame);
  freeBytes(buf);
  release(any);
  t[Symbol.dispose]();
  release(t);
  return failures;
}
