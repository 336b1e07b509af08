/**
 * Why a frame was dropped, counted per reason. Every rejection in the input
 * path names one of these: the tests check the exact reason a malformed
 * frame is refused for, and `printStats` shows them.
 */
import { FixedArray, kprint, release } from '@unishyper/rt';

export const Drop = {
  EthTooShort: 0,
  EthNotForUs: 1,
  EthUnknownType: 2,
  ArpTooShort: 3,
  ArpBadHardware: 4,
  ArpBadProtocol: 5,
  ArpBadOp: 6,
  ArpBadSender: 7,
  ArpNotForUs: 8,
  ArpConflict: 9,
  IpTooShort: 10,
  IpBadVersion: 11,
  IpBadIhl: 12,
  IpBadTotalLength: 13,
  IpBadChecksum: 14,
  IpNotForUs: 15,
  IpBadSource: 16,
  IpUnknownProtocol: 17,
  IpBadOptions: 18,
  FragNoSlot: 19,
  FragTooBig: 20,
  FragOverlap: 21,
  FragDuplicate: 22,
  FragTooMany: 23,
  FragTimeout: 24,
  FragBad: 25,
  IcmpTooShort: 26,
  IcmpBadChecksum: 27,
  IcmpUnknownType: 28,
  IcmpBadQuote: 29,
  IcmpTooBig: 30,
  UdpTooShort: 31,
  UdpBadLength: 32,
  UdpBadChecksum: 33,
  UdpNoSocket: 34,
  UdpQueueFull: 35,
  NoBuffer: 36,
  TxQueueFull: 37,
  ArpQueueFull: 38,
  ArpFailed: 39,
  NotConfigured: 40,
  DhcpBad: 41,
  IcmpRateLimited: 42,
} as const;

export const DROP_REASONS = 43;

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
    for (let i = 0; i < DROP_REASONS; i++) n += this.drops.get(i);
    return n;
  }

  /** One line per non-zero drop counter, prefixed with `prefix`. */
  printDrops(prefix: string): void {
    for (let i = 0; i < DROP_REASONS; i++) {
      const n = this.drops.get(i);
      if (n !== 0) kprint`${prefix}${dropName(i)} ${n}\n`;
    }
  }

  [Symbol.dispose](): void {
    release(this.drops);
  }
}
