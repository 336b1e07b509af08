// The seed's two client measurements against a server's sink and echo:
// bandwidth (CHUNKS x 1 MiB, then the sink's count) and latency (ROUNDS
// one-byte round trips). Each uses one connection: under user networking a
// guest forward carries exactly one.
import { nowUs } from '@unishyper/hal-aarch64';
import { allocBytes, freeBytes, idiv, kprint, load8, release, store8, type u32 } from '@unishyper/rt';
import { sleepMs } from '@unishyper/sched';
import { Endpoint, netErrorName, printIpv4, type Tcp, type TcpStream } from '@unishyper/net';

export const SINK_PORT = 9;
export const ECHO_PORT = 7;
const MIB = 1024 * 1024;
export const CHUNKS = 100;
export const ROUNDS = 1000;
/** How long the server may take to appear (it may still be booting). */
const CONNECT_TRIES = 20;
/** How long the sink's count may take after our FIN (through QEMU's guestfwd the FIN never arrives: see README). */
const COUNT_WAIT_MS = 15_000;

/** Byte i of each MiB (its first 4 bytes carry the chunk's number, big-endian): a receiver can check every byte. */
function patternByte(i: number): number {
  return (i * 7 + (i >> 10)) & 0xff;
}

/** A connected stream to server:port, or null after CONNECT_TRIES refused or unanswered attempts. */
function connectTo(tcp: Tcp, server: u32, port: number): TcpStream | null {
  for (let attempt = 1; ; attempt++) {
    const s = tcp.stream();
    const r = s.connect(Endpoint.v4(server, port), 2000);
    if (r === 0) return s;
    s.close();
    release(s);
    if (attempt === CONNECT_TRIES) {
      kprint`net-client: cannot connect to `;
      printIpv4(server);
      kprint`:${port}: ${netErrorName(r)}\n`;
      return null;
    }
    sleepMs(500);
  }
}

/** Reads the sink's answer ("N\n"); N, or -1. */
function readCount(s: TcpStream, buf: number): number {
  s.setReadTimeoutMs(COUNT_WAIT_MS);
  let got = 0;
  while (got === 0 || load8(buf + got - 1) !== 10) {
    const n = s.read(buf + got, 64 - got);
    if (n < 0) kprint`net-client: bandwidth: no count from the server: ${netErrorName(n)}\n`;
    if (n <= 0) break;
    got += n;
    if (got === 64) break;
  }
  let v = 0;
  let digits = 0;
  while (digits < got && load8(buf + digits) >= 48 && load8(buf + digits) <= 57) {
    v = v * 10 + load8(buf + digits) - 48;
    digits++;
  }
  return digits > 0 && digits < got && load8(buf + digits) === 10 ? v : -1;
}

/** CHUNKS x 1 MiB to the sink; true when the sink counted every byte. */
export function bandwidth(tcp: Tcp, server: u32): boolean {
  const s = connectTo(tcp, server, SINK_PORT);
  if (s === null) return false;
  const buf = allocBytes(MIB, 64);
  for (let i = 0; i < MIB; i++) store8(buf + i, patternByte(i));
  const start = nowUs();
  let sent = 0;
  for (let k = 0; k < CHUNKS; k++) {
    store8(buf, (k >> 24) & 0xff);
    store8(buf + 1, (k >> 16) & 0xff);
    store8(buf + 2, (k >> 8) & 0xff);
    store8(buf + 3, k & 0xff);
    const w = s.write(buf, MIB);
    if (w !== MIB) {
      kprint`net-client: bandwidth: write of chunk ${k} returned ${w < 0 ? netErrorName(w) : 'short'}\n`;
      break;
    }
    sent += MIB;
  }
  s.shutdown();
  const counted = readCount(s, buf);
  const us = nowUs() - start;
  s.close();
  release(s);
  freeBytes(buf);
  const ms = idiv(us, 1000);
  kprint`net-client: bandwidth ${sent} bytes in ${ms} ms (${us > 0 ? idiv(sent * 8, us) : 0} Mbit/s); the server counted ${counted}\n`;
  return sent === CHUNKS * MIB && counted === sent;
}

/** ROUNDS one-byte round trips through the echo; true when every byte came back. */
export function latency(tcp: Tcp, server: u32): boolean {
  const s = connectTo(tcp, server, ECHO_PORT);
  if (s === null) return false;
  s.setNoDelay(true); // one byte at a time: Nagle would hold each for the previous ACK
  const buf = allocBytes(64, 16);
  let ok = 0;
  let worst = 0;
  const start = nowUs();
  for (let i = 0; i < ROUNDS; i++) {
    const t = nowUs();
    store8(buf, i & 0xff);
    if (s.write(buf, 1) !== 1) break;
    const n = s.read(buf + 1, 1);
    if (n !== 1 || load8(buf + 1) !== (i & 0xff)) {
      kprint`net-client: latency: round trip ${i} got ${n < 0 ? netErrorName(n) : n === 0 ? 'end of stream' : 'a wrong byte'}\n`;
      break;
    }
    const rt = nowUs() - t;
    if (rt > worst) worst = rt;
    ok++;
  }
  const us = nowUs() - start;
  s.close();
  release(s);
  freeBytes(buf);
  kprint`net-client: latency ${ok} round trips, avg ${ok > 0 ? idiv(us, ok) : 0} us, max ${worst} us\n`;
  return ok === ROUNDS;
}
