/**
 * A connection's pure ACK as a prebuilt frame. An ACK for every second
 * segment (RFC 5681 §4.2) is half the frames of a bulk receive, and built
 * the general way (tcpWrite, IPv4 output, routing, Ethernet) it costs as
 * much as the segment it answers. Everything in it but the IPv4 ident, the
 * sequence and acknowledgment numbers and the window is fixed for the
 * connection, so the frame is written once (and again when the next hop's
 * MAC or the TTL changes) with the checksums of its fixed fields summed;
 * an ACK is then a 60-byte copy, five stores and two short sums.
 *
 * The next hop is still looked up in ARP for every ACK (stack
 * knownNextHopMac), so an entry in use is refreshed as for any datagram; an
 * unknown next hop sends the ACK the general way, which queues it behind
 * ARP.
 */
import { allocBytes, freeBytes, load64, memset, store64 } from '@unishyper/rt';
import { csumAdd16 } from '../checksum';
import { PacketBuf } from '../packet';
import type { NetStack } from '../stack';
import { be16, setBe16, setBe32 } from '../wire/bytes';
import { ETH_HEADER, ETH_MIN_FRAME, EtherType, ethWrite } from '../wire/ethernet';
import { IPV4_MIN_HEADER, IpProtocol, ipv4Write } from '../wire/ipv4';
import { TCP_HEADER, TcpFlag, tcpWrite } from '../wire/tcp';

const IP_AT = ETH_HEADER;
const TCP_AT = ETH_HEADER + IPV4_MIN_HEADER;
/** Ethernet + IPv4 + TCP headers is 54 bytes, padded to the 60-byte minimum frame (RFC 894). */
const FRAME = ETH_MIN_FRAME;

/** csumFinish for a sum below 2^20 (a few 16-bit words): two folds, no loop. */
function finish(sum: number): number {
  let s = (sum & 0xffff) + (sum >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export class AckFrame {
  /** The frame, 64 bytes from the kernel heap made with the connection. */
  private readonly at: number;
  /** The next hop's MAC and the TTL it was built with (-1: not built). */
  private mac = -1;
  private ttl = -1;
  /** One's complement sums of the fixed fields: the IPv4 header without its ident, the TCP pseudo-header and header without seq, ack and window. */
  private ipSum = 0;
  private tcpSum = 0;

  constructor() {
    this.at = allocBytes(64, 16);
  }

  /** Whether an ACK from `local`:`lport` to `remote`:`rport` can be sent prebuilt now (the frame rebuilt if the next hop changed). */
  ready(stack: NetStack, local: number, lport: number, remote: number, rport: number): boolean {
    const mac = stack.knownNextHopMac(remote);
    if (mac < 0) return false;
    if (mac !== this.mac || stack.defaultTtl !== this.ttl) this.build(stack, mac, local, lport, remote, rport);
    return true;
  }

  private build(stack: NetStack, mac: number, local: number, lport: number, remote: number, rport: number): void {
    const f = this.at;
    memset(f, 0, 64);
    ethWrite(f, mac, stack.mac, EtherType.Ipv4);
    ipv4Write(f + IP_AT, IPV4_MIN_HEADER + TCP_HEADER, 0, 0, stack.defaultTtl, IpProtocol.Tcp, local, remote);
    tcpWrite(f + TCP_AT, lport, rport, 0, 0, TcpFlag.Ack, 0, -1, -1, 0, local, remote);
    // The fixed fields' sums: the header checksums written above cover them with zero in the variable fields.
    this.ipSum = csumAdd16(0, ~be16(f + IP_AT + 10) & 0xffff);
    this.tcpSum = csumAdd16(0, ~be16(f + TCP_AT + 16) & 0xffff);
    setBe16(f + IP_AT + 10, 0);
    setBe16(f + TCP_AT + 16, 0);
    this.mac = mac;
    this.ttl = stack.defaultTtl;
  }

  /** Writes the ACK into `b` (a fresh pool buffer): the frame with `ident`, `seq`, `ack` and `wnd` (the window field) filled in. */
  write(b: PacketBuf, ident: number, seq: number, ack: number, wnd: number): void {
    const f = b.prepend(TCP_AT);
    // Eight word moves (memcpy of a length the compiler cannot see would be a call).
    for (let i = 0; i < 64; i += 8) store64(f + i, load64(this.at + i));
    b.len = FRAME;
    setBe16(f + IP_AT + 4, ident);
    setBe16(f + IP_AT + 10, finish(this.ipSum + ident));
    setBe32(f + TCP_AT + 4, seq);
    setBe32(f + TCP_AT + 8, ack);
    setBe16(f + TCP_AT + 14, wnd);
    setBe16(f + TCP_AT + 16, finish(this.tcpSum + (seq >>> 16) + (seq & 0xffff) + (ack >>> 16) + (ack & 0xffff) + wnd));
  }

  dispose(): void {
    freeBytes(this.at);
  }
}
