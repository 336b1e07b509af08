/**
 * Why a frame was dropped, counted per reason. Every rejection in the input
 * path names one of these: the tests check the exact reason a malformed
 * frame is refused for, and `printStats` shows them.
 */
import { FixedArray, kprint, release } from '@unishyper/rt';

export const Drop = {
  EthTooShort: 1,
  EthNotForUs: 2,
  EthUnknownType: 3,
  ArpTooShort: 4,
  ArpBadHardware: 5,
  ArpBadProtocol: 6,
  ArpBadOp: 7,
  ArpBadSender: 8,
  ArpNotForUs: 9,
  ArpConflict: 10,
  IpTooShort: 11,
  IpBadVersion: 12,
  IpBadIhl: 13,
  IpBadTotalLength: 14,
  IpBadChecksum: 15,
  IpNotForUs: 16,
  IpBadSource: 17,
  IpUnknownProtocol: 18,
  IpBadOptions: 19,
  FragNoSlot: 20,
  FragTooBig: 21,
  FragOverlap: 22,
  FragDuplicate: 23,
  FragTooMany: 24,
  FragTimeout: 25,
  FragBad: 26,
  IcmpTooShort: 27,
  IcmpBadChecksum: 28,
  IcmpUnknownType: 29,
  IcmpBadQuote: 30,
  IcmpTooBig: 31,
  UdpTooShort: 32,
  UdpBadLength: 33,
  UdpBadChecksum: 34,
  UdpNoSocket: 35,
  UdpQueueFull: 36,
  NoBuffer: 37,
  TxQueueFull: 38,
  ArpQueueFull: 39,
  ArpFailed: 40,
  NotConfigured: 41,
  DhcpBad: 42,
  IcmpRateLimited: 43,
  TcpTooShort: 44,
  TcpBadOffset: 45,
  TcpBadChecksum: 46,
  TcpBadOptions: 47,
  TcpBadPort: 48,
  /** No connection and no listener: answered with RST (RFC 9293 §3.10.7.1). */
  TcpNoSocket: 49,
  /** Outside the receive window (RFC 9293 §3.10.7.4 first check): answered with an ACK. */
  TcpOutOfWindow: 50,
  /** A SYN to a listener whose backlog is full. */
  TcpBacklogFull: 51,
  /** Out-of-order data that did not fit the bounded reassembly list. */
  TcpOooFull: 52,
  /** A segment the state machine ignores (bad ACK in LISTEN, RST out of window, ...). */
  TcpBadSegment: 53,
  /** No free connection slot or memory for a new connection. */
  TcpNoConnection: 54,
} as const;

/** Counter slots: reasons are 1..DROP_REASONS-1 (0 means "accepted" wherever a check returns a reason). */
export const DROP_REASONS = 55;

export function dropName(r: number): string {
  switch (r) {
    case Drop.EthTooShort: return 'eth-too-short';
    case Drop.EthNotForUs: return 'eth-not-for-us';
    case Drop.EthUnknownType: return 'eth-unknown-type';
    case Drop.ArpTooShort: return 'arp-too-short';
    case Drop.ArpBadHardware: return 'arp-bad-hardware';
    case Drop.ArpBadProtocol: return 'arp-bad-protocol';
    case Drop.ArpBadOp: return 'arp-bad-op';
    case Drop.ArpBadSender: return 'arp-bad-sender';
    case Drop.ArpNotForUs: return 'arp-not-for-us';
    case Drop.ArpConflict: return 'arp-address-conflict';
    case Drop.IpTooShort: return 'ip-too-short';
    case Drop.IpBadVersion: return 'ip-bad-version';
    case Drop.IpBadIhl: return 'ip-bad-ihl';
    case Drop.IpBadTotalLength: return 'ip-bad-total-length';
    case Drop.IpBadChecksum: return 'ip-bad-checksum';
    case Drop.IpNotForUs: return 'ip-not-for-us';
    case Drop.IpBadSource: return 'ip-bad-source';
    case Drop.IpUnknownProtocol: return 'ip-unknown-protocol';
    case Drop.IpBadOptions: return 'ip-bad-options';
    case Drop.FragNoSlot: return 'frag-no-slot';
    case Drop.FragTooBig: return 'frag-too-big';
    case Drop.FragOverlap: return 'frag-overlap';
    case Drop.FragDuplicate: return 'frag-duplicate';
    case Drop.FragTooMany: return 'frag-too-many';
    case Drop.FragTimeout: return 'frag-timeout';
    case Drop.FragBad: return 'frag-bad';
    case Drop.IcmpTooShort: return 'icmp-too-short';
    case Drop.IcmpBadChecksum: return 'icmp-bad-checksum';
    case Drop.IcmpUnknownType: return 'icmp-unknown-type';
    case Drop.IcmpBadQuote: return 'icmp-bad-quote';
    case Drop.IcmpTooBig: return 'icmp-too-big';
    case Drop.UdpTooShort: return 'udp-too-short';
    case Drop.UdpBadLength: return 'udp-bad-length';
    case Drop.UdpBadChecksum: return 'udp-bad-checksum';
    case Drop.UdpNoSocket: return 'udp-no-socket';
    case Drop.UdpQueueFull: return 'udp-queue-full';
    case Drop.NoBuffer: return 'no-buffer';
    case Drop.TxQueueFull: return 'tx-queue-full';
    case Drop.ArpQueueFull: return 'arp-queue-full';
    case Drop.ArpFailed: return 'arp-failed';
    case Drop.NotConfigured: return 'not-configured';
    case Drop.DhcpBad: return 'dhcp-bad';
    case Drop.IcmpRateLimited: return 'icmp-rate-limited';
    case Drop.TcpTooShort: return 'tcp-too-short';
    case Drop.TcpBadOffset: return 'tcp-bad-offset';
    case Drop.TcpBadChecksum: return 'tcp-bad-checksum';
    case Drop.TcpBadOptions: return 'tcp-bad-options';
    case Drop.TcpBadPort: return 'tcp-bad-port';
    case Drop.TcpNoSocket: return 'tcp-no-socket';
    case Drop.TcpOutOfWindow: return 'tcp-out-of-window';
    case Drop.TcpBacklogFull: return 'tcp-backlog-full';
    case Drop.TcpOooFull: return 'tcp-ooo-full';
    case Drop.TcpBadSegment: return 'tcp-bad-segment';
    case Drop.TcpNoConnection: return 'tcp-no-connection';
  }
  return 'unknown';
}

export class NetStats {
  readonly drops: FixedArray<number> = new FixedArray<number>(DROP_REASONS, 0);
  rxFrames = 0;
  txFrames = 0;
  rxUdp = 0;
  txUdp = 0;
  echoReplies = 0;
  arpRequestsSent = 0;
  arpRepliesSent = 0;
  reassembled = 0;
  icmpErrorsSent = 0;
  icmpErrorsReceived = 0;

  drop(reason: number): void {
    this.drops.set(reason, this.drops.get(reason) + 1);
  }

  dropped(reason: number): number {
    return this.drops.get(reason);
  }

  totalDrops(): number {
    let n = 0;
    for (let i = 1; i < DROP_REASONS; i++) n += this.drops.get(i);
    return n;
  }

  /** One line per non-zero drop counter, prefixed with `prefix`. */
  printDrops(prefix: string): void {
    for (let i = 1; i < DROP_REASONS; i++) {
      const n = this.drops.get(i);
      if (n !== 0) kprint`${prefix}${dropName(i)} ${n}\n`;
    }
  }

  [Symbol.dispose](): void {
    release(this.drops);
  }
}
