/**
 * A DNS resolver for A records (RFC 1035 §7): one query at a time over UDP
 * to the server the stack was given (by DHCP's option 6, or `server`), a
 * fresh id per try, `attempts` tries of `attemptMs` each; an answer counts
 * only when it comes from the server's port 53 and carries the query's id.
 *
 *   const dns = new DnsResolver(stack);
 *   const r = dns.resolve('example.com', addr);   // blocks the thread; 0 or -NetError
 *
 * Split in two for callers that must not block (and for Node tests):
 * `begin(name)` sends the query, `step(0)` looks for the answer and retries
 * when a try's time is up (by the stack's clock), returning -EAGAIN until
 * it is done. Errors: -EINVAL (a name DNS cannot carry), -ENETUNREACH (no
 * server known), -ENOENT (no such name, or no A record), -ETIMEDOUT (no
 * answer after every try), -EPROTO (a malformed or failed answer).
 */
import { allocBytes, freeBytes, release, u32 } from '@unishyper/rt';
import { IpAddress } from './addr';
import { NetError } from './errors';
import type { NetStack } from './stack';
import { Endpoint, type UdpSocket } from './udp-socket';
import { setBe16 } from './wire/bytes';
import { DNS_PORT, DnsHeader, readDnsAnswer, writeDnsQuery } from './wire/dns';

/** A DNS message over UDP is at most 512 bytes (§4.2.1). */
const MESSAGE_BYTES = 512;

export class DnsResolver {
  /** The server's address; 0 means the one DHCP gave the stack. */
  server: u32 = u32(0);
  attempts = 3;
  attemptMs = 2000;
  /** The address of the last name resolved. */
  readonly result: IpAddress = new IpAddress();
  private readonly sock: UdpSocket;
  /** The query as sent (kept for the retries), and room for an answer. */
  private readonly query: number;
  private readonly answer: number;
  private readonly from: Endpoint = new Endpoint();
  private readonly to: Endpoint = new Endpoint();
  private nextId: number;
  private id = 0;
  private queryLen = 0;
  private tries = 0;
  private deadlineMs = 0;
  private busy = false;

  constructor(readonly stack: NetStack) {
    this.sock = stack.udpSocket(4 * MESSAGE_BYTES);
    this.query = allocBytes(MESSAGE_BYTES, 8);
    this.answer = allocBytes(MESSAGE_BYTES, 8);
    this.nextId = (stack.mac + stack.nowMs) & 0xffff;
  }

  /** Resolves `name` into `out`, blocking the thread (at most attempts x attemptMs). 0 or -NetError. */
  resolve(name: string, out: IpAddress): number {
    let r = this.begin(name);
    while (r === -NetError.EAGAIN) r = this.step(this.attemptMs);
    if (r === 0) out.copyFrom(this.result);
    return r;
  }

  /** Sends the query for `name`: -EAGAIN (under way) or an error. */
  begin(name: string): number {
    const server = this.server !== 0 ? this.server : this.stack.dns;
    if (server === 0) return -NetError.ENETUNREACH;
    this.id = this.nextId;
    const n = writeDnsQuery(this.query, this.id, name);
    if (n < 0) return n;
    this.queryLen = n;
    this.to.addr.setV4(server);
    this.to.port = DNS_PORT;
    this.tries = 0;
    this.busy = true;
    return this.send();
  }

  private send(): number {
    this.tries++;
    this.deadlineMs = this.stack.nowMs + this.attemptMs;
    const s = this.sock.sendTo(this.query, this.queryLen, this.to);
    if (s < 0 && s !== -NetError.ENOBUFS) return this.finish(s);
    return -NetError.EAGAIN;
  }

  /**
   * Takes answers that arrived (waiting up to `waitMs` for one; 0: not at
   * all) and retries when the try's time is up. 0 when resolved (the
   * address in `result`), -EAGAIN while under way, or an error.
   */
  step(waitMs: number): number {
    if (!this.busy) return -NetError.EINVAL;
    const left = this.deadlineMs - this.stack.nowMs;
    this.sock.setTimeoutMs(waitMs <= 0 ? 0 : left < waitMs ? (left > 0 ? left : 1) : waitMs);
    for (;;) {
      const n = this.sock.recvFrom(this.answer, MESSAGE_BYTES, this.from);
      if (n < 0) break; // nothing (more) for now
      if (!this.from.addr.equals(this.to.addr) || this.from.port !== DNS_PORT) continue;
      const a = readDnsAnswer(this.answer, n, this.id);
      if (a === -NetError.EAGAIN) continue; // an old try's answer, or not an answer
      if (a > 0) {
        this.result.setV4(a);
        return this.finish(0);
      }
      return this.finish(a === 0 ? -NetError.ENOENT : a);
    }
    if (this.stack.nowMs < this.deadlineMs) return -NetError.EAGAIN;
    if (this.tries >= this.attempts) return this.finish(-NetError.ETIMEDOUT);
    // The query went out with the old id; the next try gets a new one (answers to the old are ignored).
    this.nextId = (this.nextId + 1) & 0xffff;
    this.id = this.nextId;
    setBe16(this.query + DnsHeader.Id, this.id);
    return this.send();
  }

  private finish(r: number): number {
    this.busy = false;
    this.nextId = (this.nextId + 1) & 0xffff;
    return r;
  }

  [Symbol.dispose](): void {
    this.sock.close();
    release(this.sock);
    freeBytes(this.query);
    freeBytes(this.answer);
    release(this.from);
    release(this.to);
    release(this.result);
  }
}
