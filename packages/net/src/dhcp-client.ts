/**
 * The DHCP client (RFC 2131 §4.4, client state machine), run by the stack
 * as the hook for UDP port 68 and as a timer:
 *
 *   Init --DISCOVER--> Selecting --OFFER / REQUEST--> Requesting --ACK--> Bound
 *   Bound --T1 (lease/2)--> Renewing (REQUEST unicast to the server, ciaddr set)
 *   Renewing --ACK--> Bound;  lease end --> Init (address dropped)
 *   NAK in Requesting or Renewing --> Init
 *
 * Retransmission (RFC 2131 §4.1): 4 s, then doubled up to 64 s. After
 * `maxAttempts` DISCOVERs (or REQUESTs) with no answer the client gives up
 * and the stack falls back to the static configuration (default 10.0.0.2/24,
 * gateway 10.0.0.1; `setFallback` changes it) — state Fallback, no more
 * DHCP traffic. Only the first OFFER is taken; messages whose xid, op or
 * hardware address are not ours, or that are malformed, are counted
 * (dhcp-bad) and ignored. Options used: message type, server id, lease
 * time, T1, subnet mask, router, DNS (RFC 2132).
 */
import { allocBytes, freeBytes, idiv, load8, store8, u32 } from '@unishyper/rt';
import { ipv4 } from './addr';
import { NetStack, StackTimer, UdpHook } from './stack';
import { Drop } from './stats';
import {
  DHCP_COOKIE, DHCP_MIN_LEN, DhcpField, DhcpMsg, DhcpOpt, dhcpMessageType, dhcpOption32, dhcpWriteHeader, dhcpXid, dhcpYiaddr,
} from './wire/dhcp';
import { be32, be48 } from './wire/bytes';
import { IPV4_BROADCAST } from './wire/ipv4';

export const DhcpState = { Init: 0, Selecting: 1, Requesting: 2, Bound: 3, Renewing: 4, Fallback: 5, Stopped: 6 } as const;

const MSG_BYTES = 300;

export class DhcpClient implements UdpHook, StackTimer {
  state: number = DhcpState.Init;
  private xid: u32;
  private readonly msg: number;
  private nextSendMs = 0;
  private intervalMs = 4000;
  private attempts = 0;
  maxAttempts = 3;
  offered: u32 = u32(0);
  server: u32 = u32(0);
  leaseMs = 0;
  boundAtMs = 0;
  fallbackAddr: u32 = ipv4(10, 0, 0, 2);
  fallbackPrefix = 24;
  fallbackGateway: u32 = ipv4(10, 0, 0, 1);
  acks = 0;

  constructor(readonly stack: NetStack, xidSeed: number) {
    this.xid = u32(xidSeed === 0 ? 0x3903f326 : xidSeed);
    this.msg = allocBytes(MSG_BYTES, 16);
  }

  setFallback(addr: number, prefix: number, gateway: number): void {
    this.fallbackAddr = u32(addr);
    this.fallbackPrefix = prefix;
    this.fallbackGateway = u32(gateway);
  }

  /** Starts discovery now (the stack's lock is taken). */
  start(nowMs: number): void {
    this.stack.lock.lock();
    this.stack.setUdpHook(68, this);
    this.stack.setTimerHook(this);
    this.state = DhcpState.Selecting;
    this.attempts = 0;
    this.intervalMs = 4000;
    this.nextSendMs = nowMs;
    this.stack.lock.unlock();
  }

  private put(i: number, v: number): number {
    store8(this.msg + i, v);
    return i + 1;
  }

  private put32(i: number, v: number): number {
    let k = this.put(i, (v >>> 24) & 255);
    k = this.put(k, (v >>> 16) & 255);
    k = this.put(k, (v >>> 8) & 255);
    return this.put(k, v & 255);
  }

  private send(type: number, ciaddr: number, dst: number): void {
    const st = this.stack;
    dhcpWriteHeader(this.msg, this.xid, ciaddr, st.mac);
    let i: number = DhcpField.Options;
    i = this.put(i, DhcpOpt.MessageType);
    i = this.put(i, 1);
    i = this.put(i, type);
    if (type === DhcpMsg.Request && ciaddr === 0) {
      // SELECTING: requested address and server identifier MUST be there (RFC 2131 §4.3.2, Table 5).
      i = this.put(i, DhcpOpt.RequestedIp);
      i = this.put(i, 4);
      i = this.put32(i, this.offered);
      i = this.put(i, DhcpOpt.ServerId);
      i = this.put(i, 4);
      i = this.put32(i, this.server);
    }
    i = this.put(i, DhcpOpt.ParamList);
    i = this.put(i, 3);
    i = this.put(i, DhcpOpt.SubnetMask);
    i = this.put(i, DhcpOpt.Router);
    i = this.put(i, DhcpOpt.Dns);
    i = this.put(i, DhcpOpt.End);
    st.sendUdpLocked(ciaddr, 68, dst, 67, this.msg, i < DHCP_MIN_LEN + 60 ? DHCP_MIN_LEN + 60 : i, 64);
  }

  /** Timer (under the stack's lock): retransmit, give up, renew, expire. Next time it needs, or -1. */
  tick(stack: NetStack, nowMs: number): number {
    const s = this.state;
    if (s === DhcpState.Selecting || s === DhcpState.Requesting || s === DhcpState.Renewing) {
      if (nowMs >= this.nextSendMs) {
        if (this.attempts >= this.maxAttempts) {
          if (s === DhcpState.Renewing) {
            // keep the address until the lease ends, then start again
            if (nowMs >= this.boundAtMs + this.leaseMs) this.restart(stack, nowMs);
            else this.nextSendMs = this.boundAtMs + this.leaseMs;
            return this.nextSendMs;
          }
          this.state = DhcpState.Fallback;
          stack.configureLocked(this.fallbackAddr, this.fallbackPrefix, this.fallbackGateway);
          return -1;
        }
        this.attempts++;
        if (s === DhcpState.Selecting) this.send(DhcpMsg.Discover, 0, IPV4_BROADCAST);
        else if (s === DhcpState.Requesting) this.send(DhcpMsg.Request, 0, IPV4_BROADCAST);
        else this.send(DhcpMsg.Request, stack.addr, this.server);
        this.nextSendMs = nowMs + this.intervalMs;
        this.intervalMs = this.intervalMs >= 32000 ? 64000 : this.intervalMs * 2;
      }
      return this.nextSendMs;
    }
    if (s === DhcpState.Bound) {
      const t1 = this.boundAtMs + idiv(this.leaseMs, 2);
      if (nowMs >= t1) {
        this.state = DhcpState.Renewing;
        this.attempts = 0;
        this.intervalMs = 4000;
        this.nextSendMs = nowMs;
        return nowMs;
      }
      return t1;
    }
    return -1;
  }

  private restart(stack: NetStack, nowMs: number): void {
    stack.configureLocked(0, 0, 0);
    this.xid = u32(this.xid + 0x01000193);
    this.state = DhcpState.Selecting;
    this.attempts = 0;
    this.intervalMs = 4000;
    this.nextSendMs = nowMs;
  }

  /** A datagram to port 68 (under the stack's lock). */
  udpInput(stack: NetStack, src: u32, srcPort: number, dst: u32, p: number, len: number): void {
    if (len < DHCP_MIN_LEN || srcPort !== 67 || load8(p + DhcpField.Op) !== 2 || dhcpXid(p) !== this.xid ||
      be32(p + DhcpField.Cookie) !== DHCP_COOKIE || be48(p + DhcpField.Chaddr) !== stack.mac) {
      stack.stats.drop(Drop.DhcpBad);
      return;
    }
    const type = dhcpMessageType(p, len);
    const server = dhcpOption32(p, len, DhcpOpt.ServerId, src);
    if (this.state === DhcpState.Selecting && type === DhcpMsg.Offer) {
      const y = dhcpYiaddr(p);
      if (y === 0 || y === IPV4_BROADCAST) {
        stack.stats.drop(Drop.DhcpBad);
        return;
      }
      this.offered = y;
      this.server = u32(server);
      this.state = DhcpState.Requesting;
      this.attempts = 0;
      this.intervalMs = 4000;
      this.nextSendMs = stack.nowMs;
      this.tick(stack, stack.nowMs);
      return;
    }
    if ((this.state === DhcpState.Requesting || this.state === DhcpState.Renewing) && type === DhcpMsg.Ack) {
      const y = dhcpYiaddr(p);
      const mask = dhcpOption32(p, len, DhcpOpt.SubnetMask, 0xffffff00);
      let prefix = 0;
      while (prefix < 32 && ((mask << prefix) & 0x80000000) !== 0) prefix++;
      stack.configureLocked(y, prefix, dhcpOption32(p, len, DhcpOpt.Router, 0));
      stack.dns = u32(dhcpOption32(p, len, DhcpOpt.Dns, 0));
      // RFC 2131 §4.4.5: lease time in seconds; 0xffffffff is infinite.
      const lease = dhcpOption32(p, len, DhcpOpt.LeaseTime, 3600);
      this.leaseMs = lease === 0xffffffff ? 0x7fff_ffff_ffff : lease * 1000;
      this.boundAtMs = stack.nowMs;
      this.state = DhcpState.Bound;
      this.acks++;
      return;
    }
    if ((this.state === DhcpState.Requesting || this.state === DhcpState.Renewing) && type === DhcpMsg.Nak) {
      this.restart(stack, stack.nowMs);
      return;
    }
    // Anything else (a second OFFER, a late ACK) is not for the state we are in: ignored.
    if (dst === 0 && type < 0) stack.stats.drop(Drop.DhcpBad);
  }

  [Symbol.dispose](): void {
    freeBytes(this.msg);
  }
}
