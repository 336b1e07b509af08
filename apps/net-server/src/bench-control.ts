// The benchmark control service (tcp 9000), the protocol of
// tools/linux-baseline's network workload (its README, "The protocol"), so
// the unikernel and the Linux guest are measured by the same host client:
// one line in ("begin P", "end P", "quit"), one line back ("ok" or
// "err why"). "end P" prints the phase's figures on the console:
//   @@lb net phase=P ns= cntvct= cntfrq= insn=<per core> enabled=0 running=0
//        conns= rx= tx= reqs= frames_in= frames_out=
// all differences between the "begin" and the "end" readings. The
// instruction counters are read first, so what the bracketing itself
// costs is constant (the host subtracts an empty phase).
import { kernelExit, nowNs, nowTicks, timerFrequency } from '@unishyper/hal-aarch64';
import { allocBytes, FixedArray, freeBytes, kprint, load8, release, store8, StrBuf, strByteAt, strLen, u32 } from '@unishyper/rt';
import { schedulerCores, sleepMs } from '@unishyper/sched';
import { IpAddress, netErrorName, type Tcp, type TcpStream } from '@unishyper/net';
import { readCounters } from './instructions';
import { Counter, type ServerStats } from './server-stats';

export const CONTROL_PORT = 9000;
const LINE_MAX = 64;
const PHASE_MAX = 47;

/** Everything a phase line is the difference of. */
class Reading {
  readonly insn: FixedArray<number>;
  ns = 0;
  ticks = 0;
  conns = 0;
  rx = 0;
  tx = 0;
  reqs = 0;
  framesIn = 0;
  framesOut = 0;
  constructor() {
    this.insn = new FixedArray<number>(schedulerCores(), 0);
  }

  take(stats: ServerStats): void {
    readCounters(this.insn);
    this.ns = nowNs();
    this.ticks = nowTicks();
    this.conns = stats.get(Counter.Accepted);
    this.rx = stats.get(Counter.RxBytes);
    this.tx = stats.get(Counter.TxBytes);
    this.reqs = stats.get(Counter.Requests);
    this.framesIn = stats.stack.stats.rxFrames;
    this.framesOut = stats.stack.stats.txFrames;
  }

  [Symbol.dispose](): void {
    release(this.insn);
  }
}

/** A phase name: 1 to 47 of [A-Za-z0-9._-]. */
function validPhase(at: number, len: number): boolean {
  if (len < 1 || len > PHASE_MAX) return false;
  for (let i = 0; i < len; i++) {
    const c = load8(at + i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45;
    if (!ok) return false;
  }
  return true;
}

function startsWith(at: number, len: number, word: string): boolean {
  if (len < strLen(word)) return false;
  for (let i = 0; i < strLen(word); i++) if (load8(at + i) !== strByteAt(word, i)) return false;
  return true;
}

function sameBytes(a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (load8(a + i) !== load8(b + i)) return false;
  return true;
}

function answer(s: TcpStream, text: string): boolean {
  const n = strLen(text);
  const buf = allocBytes(n, 1);
  for (let i = 0; i < n; i++) store8(buf + i, strByteAt(text, i));
  const w = s.write(buf, n);
  freeBytes(buf);
  return w === n;
}

function printPhase(name: number, nameLen: number, a: Reading, b: Reading): void {
  const line = new StrBuf(512);
  line.push('@@lb net phase=');
  for (let i = 0; i < nameLen; i++) line.pushByte(load8(name + i));
  line.push(' ns=');
  line.pushNum(b.ns - a.ns);
  line.push(' cntvct=');
  line.pushNum(b.ticks - a.ticks);
  line.push(' cntfrq=');
  line.pushNum(timerFrequency());
  line.push(' insn=');
  for (let c = 0; c < a.insn.length; c++) {
    if (c > 0) line.push(',');
    line.pushNum(u32(b.insn.get(c) - a.insn.get(c))); // each core's counter wraps at 2^32
  }
  line.push(' enabled=0 running=0 conns=');
  line.pushNum(b.conns - a.conns);
  line.push(' rx=');
  line.pushNum(b.rx - a.rx);
  line.push(' tx=');
  line.pushNum(b.tx - a.tx);
  line.push(' reqs=');
  line.pushNum(b.reqs - a.reqs);
  line.push(' frames_in=');
  line.pushNum(b.framesIn - a.framesIn);
  line.push(' frames_out=');
  line.pushNum(b.framesOut - a.framesOut);
  kprint`${line.toString()}\n`;
  line[Symbol.dispose]();
}

/** Serves one control connection; true when the host said quit. */
function controlConnection(s: TcpStream, stats: ServerStats): boolean {
  const buf = allocBytes(LINE_MAX, 16);
  const begun = allocBytes(PHASE_MAX, 16);
  let begunLen = 0;
  const start = new Reading();
  const end = new Reading();
  let have = 0;
  let quit = false;
  for (;;) {
    let nl = -1;
    for (let i = 0; i < have; i++) {
      if (load8(buf + i) === 10) {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      if (have === LINE_MAX) {
        answer(s, 'err line too long\n');
        break;
      }
      const n = s.read(buf + have, LINE_MAX - have);
      if (n <= 0) break;
      have += n;
      continue;
    }
    let len = nl;
    if (len > 0 && load8(buf + len - 1) === 13) len--;
    let ok = true;
    if (startsWith(buf, len, 'begin ')) {
      start.take(stats); // first thing once the line is parsed
      if (validPhase(buf + 6, len - 6)) {
        begunLen = len - 6;
        for (let i = 0; i < begunLen; i++) store8(begun + i, load8(buf + 6 + i));
        ok = answer(s, 'ok\n');
      } else ok = answer(s, 'err bad phase name\n');
    } else if (startsWith(buf, len, 'end ')) {
      end.take(stats);
      if (begunLen > 0 && len - 4 === begunLen && sameBytes(buf + 4, begun, begunLen)) {
        printPhase(begun, begunLen, start, end);
        begunLen = 0;
        ok = answer(s, 'ok\n');
      } else ok = answer(s, 'err that phase was not begun\n');
    } else if (len === 4 && startsWith(buf, len, 'quit')) {
      answer(s, 'ok\n');
      quit = true;
    } else ok = answer(s, 'err unknown command (begin P, end P, quit)\n');
    if (quit || !ok) break;
    // The rest moves to the front.
    for (let i = nl + 1; i < have; i++) store8(buf + i - nl - 1, load8(buf + i));
    have -= nl + 1;
  }
  start[Symbol.dispose]();
  end[Symbol.dispose]();
  release(start);
  release(end);
  freeBytes(buf);
  freeBytes(begun);
  s.close();
  release(s);
  return quit;
}

/** The control service: one connection at a time; "quit" ends the kernel (status 0). */
export function serveControl(tcp: Tcp, stats: ServerStats): number {
  const l = tcp.listener();
  const b = l.bind(new IpAddress(), CONTROL_PORT);
  if (b < 0 || l.listen(4) < 0) {
    kprint`net-server: cannot listen on tcp ${CONTROL_PORT}: ${netErrorName(b)}\n`;
    return -1;
  }
  stats.listening++;
  for (;;) {
    const s = l.accept();
    if (s === null) continue;
    if (controlConnection(s, stats)) {
      kprint`net-server: benchmark control said quit\n`;
      sleepMs(200); // the "ok" and the close reach the host before the machine stops
      kernelExit(0);
    }
  }
}
