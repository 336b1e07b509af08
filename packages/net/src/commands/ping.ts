/**
 * `ping HOST [-c N]`: ICMP echo requests (RFC 792) once a second, each
 * reply printed as it comes with its round-trip time, and the totals at the
 * end, as iputils' ping prints them. Without -c it runs until Ctrl-C. HOST
 * is a dotted quad or a name the stack's DNS server resolves. Times are the
 * board's counter (virtual time under QEMU), taken when the reply reaches
 * this thread.
 */
import { nowUs } from '@unishyper/hal-aarch64';
import { FixedArray, idiv, strByteAt, strLen, u32 } from '@unishyper/rt';
import { type Argv, interrupted, parseCount, type TermOutput } from '@unishyper/terminal';
import type { DnsResolver } from '../dns-resolver';
import { NetError, netErrorMessage } from '../errors';
import { EchoResult, type NetStack } from '../stack';
import { IcmpType } from '../wire/icmp';
import { parseIpv4, writeIpv4 } from './write-addr';

/** Echo data bytes: 56, so 64 bytes of ICMP and 84 of IP, as ping's default. */
const DATA_BYTES = 56;
const INTERVAL_US = 1_000_000;
/** Longest sleep between looks at Ctrl-C. */
const SLICE_MS = 50;
/** Send times kept for replies that come late (by sequence number modulo this). */
const SENT_SLOTS = 64;

/** One run's totals. */
export class Totals {
  sent = 0;
  received = 0;
  errors = 0;
  minUs = 0;
  maxUs = 0;
  sumUs = 0;

  clear(): void {
    this.sent = 0;
    this.received = 0;
    this.errors = 0;
    this.minUs = 0;
    this.maxUs = 0;
    this.sumUs = 0;
  }
}

export class PingState {
  readonly reply: EchoResult = new EchoResult();
  readonly totals: Totals = new Totals();
  readonly sentUs: FixedArray<number> = new FixedArray<number>(SENT_SLOTS, 0);
  /** Identifier of the next run: each run tells its replies from an earlier one's. */
  nextIdent = 0x5500;

  constructor(
    readonly stack: NetStack,
    readonly dns: DnsResolver,
  ) {}
}

let state: PingState | null = null;

export function setPingState(s: PingState): void {
  state = s;
}

export function ping(argv: Argv, out: TermOutput): number {
  const st = state!;
  let host = '';
  let count = -1;
  for (let i = 1; i < argv.count(); i++) {
    const a = argv.get(i);
    if (isFlag(a, 99)) {
      count = i + 1 < argv.count() ? parseCount(argv.get(i + 1)) : -1;
      if (count <= 0) {
        out.write('ping: -c needs a count of 1 or more\n');
        return 2;
      }
      i++;
    } else if (host === '' && !(strLen(a) > 0 && strByteAt(a, 0) === 45)) {
      host = a;
    } else {
      out.write('usage: ping HOST [-c N]\n');
      return 2;
    }
  }
  if (host === '') {
    out.write('usage: ping HOST [-c N]\n');
    return 2;
  }
  const dst = resolve(st, host, out);
  if (dst < 0) return 2;
  out.write('PING ');
  out.write(host);
  out.write(' (');
  writeIpv4(out, dst);
  out.write(') ');
  out.writeNum(DATA_BYTES);
  out.write('(');
  out.writeNum(DATA_BYTES + 28);
  out.write(') bytes of data.\n');
  const ident = st.nextIdent;
  st.nextIdent = (st.nextIdent + 1) & 0xffff;
  while (st.stack.takeEcho(st.reply)) {} // results of an earlier run that came after it ended
  const t = st.totals;
  t.clear();
  for (let seq = 1; (count < 0 || seq <= count) && !interrupted(); seq++) {
    const r = st.stack.ping(dst, ident, seq & 0xffff, DATA_BYTES, 64);
    const at = nowUs();
    st.sentUs.set(seq % SENT_SLOTS, at);
    t.sent++;
    if (r < 0) {
      out.write('ping: sendmsg: ');
      out.write(netErrorMessage(r));
      out.write('\n');
    }
    // The last request waits as long for its reply as the others had.
    waitReplies(st, ident, at + INTERVAL_US, t, out);
  }
  printTotals(host, t, out);
  return t.received > 0 ? 0 : 1;
}

/** `s` is "-" followed by the one letter `c`. */
function isFlag(s: string, c: number): boolean {
  return strLen(s) === 2 && strByteAt(s, 0) === 45 && strByteAt(s, 1) === c;
}

/** The address of `host` (a dotted quad, else by DNS; Ctrl-C stops the lookup); -1 after printing why not. */
function resolve(st: PingState, host: string, out: TermOutput): number {
  const v = parseIpv4(host);
  if (v >= 0) return v;
  let r = st.dns.begin(host);
  while (r === -NetError.EAGAIN && !interrupted()) r = st.dns.step(SLICE_MS);
  if (r === 0) return u32(st.dns.result.v4());
  out.write('ping: ');
  out.write(host);
  out.write(': ');
  out.write(r === -NetError.EAGAIN ? 'lookup interrupted' : netErrorMessage(r));
  out.write('\n');
  return -1;
}

/** Prints what comes for `ident` until `untilUs` or Ctrl-C. */
function waitReplies(st: PingState, ident: number, untilUs: number, t: Totals, out: TermOutput): void {
  for (;;) {
    const left = untilUs - nowUs();
    if (left <= 0 || interrupted()) return;
    const ms = idiv(left + 999, 1000);
    if (!st.stack.waitEcho(st.reply, ms < SLICE_MS ? ms : SLICE_MS)) continue;
    const e = st.reply;
    if (e.ident !== ident) continue;
    if (e.type === 0) {
      const rtt = nowUs() - st.sentUs.get(e.seq % SENT_SLOTS);
      if (t.received === 0 || rtt < t.minUs) t.minUs = rtt;
      if (rtt > t.maxUs) t.maxUs = rtt;
      t.sumUs += rtt;
      t.received++;
      out.writeNum(e.len + 8);
      out.write(' bytes from ');
      writeIpv4(out, e.from);
      out.write(': icmp_seq=');
      out.writeNum(e.seq);
      out.write(' ttl=');
      out.writeNum(e.ttl);
      out.write(' time=');
      writeMs(out, rtt);
      out.write(' ms\n');
    } else {
      t.errors++;
      out.write('From ');
      writeIpv4(out, e.from);
      out.write(' icmp_seq=');
      out.writeNum(e.seq);
      out.write(' ');
      out.write(errorText(e.type, e.code));
      out.write('\n');
    }
  }
}

function errorText(type: number, code: number): string {
  if (type === IcmpType.TimeExceeded) return 'Time to live exceeded';
  if (type === IcmpType.DestUnreachable) {
    if (code === 0) return 'Destination Net Unreachable';
    if (code === 1) return 'Destination Host Unreachable';
    if (code === 3) return 'Destination Port Unreachable';
    return 'Destination Unreachable';
  }
  return 'ICMP error';
}

/** Microseconds as milliseconds with three decimals. */
function writeMs(out: TermOutput, us: number): void {
  out.writeNum(idiv(us, 1000));
  out.write('.');
  const frac = us % 1000;
  if (frac < 100) out.write('0');
  if (frac < 10) out.write('0');
  out.writeNum(frac);
}

function printTotals(host: string, t: Totals, out: TermOutput): void {
  out.write('\n--- ');
  out.write(host);
  out.write(' ping statistics ---\n');
  out.writeNum(t.sent);
  out.write(' packets transmitted, ');
  out.writeNum(t.received);
  out.write(' received, ');
  if (t.errors > 0) {
    out.write('+');
    out.writeNum(t.errors);
    out.write(' errors, ');
  }
  out.writeNum(t.sent === 0 ? 0 : idiv((t.sent - t.received) * 100, t.sent));
  out.write('% packet loss\n');
  if (t.received === 0) return;
  out.write('rtt min/avg/max = ');
  writeMs(out, t.minUs);
  out.write('/');
  writeMs(out, idiv(t.sumUs, t.received));
  out.write('/');
  writeMs(out, t.maxUs);
  out.write(' ms\n');
}
