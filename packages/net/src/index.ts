/**
 * @unishyper/net: the TCP/IP stack's foundation, in the kernel dialect —
 * NetDevice and packet buffers, Ethernet, ARP, IPv4 with reassembly, ICMP,
 * UDP sockets, DHCP and DNS. See README.md.
 */
export { NetError, netErrorMessage, netErrorName } from './errors';
export { AddressFamily, IpAddress, MAC_BROADCAST, ipv4, macByte, macIsMulticast, prefixMask, printIp, printIpv4, printMac } from './addr';
export { HEADROOM, PACKET_SIZE, PacketBuf, PacketPool, PacketQueue } from './packet';
export type { NetDevice, NetNotify } from './net-device';
export { csumAdd, csumAdd16, csumAdd32, csumFinish, csumFold, csumUpdate16, csumVerify } from './checksum';
export { DROP_REASONS, Drop, NetStats, dropName } from './stats';
export { ArpCache, ArpEntry, ArpState } from './arp-cache';
export { Reassembler } from './reassembly';
export { Endpoint, UdpSocket } from './udp-socket';
export { EchoResult, NetOptions, NetStack, icmpErrno } from './stack';
export type { IpProtocolHandler, StackTimer, UdpHook } from './stack';
export { DhcpClient, DhcpState } from './dhcp-client';
export { DnsResolver } from './dns-resolver';
export { DNS_PORT, DNS_TYPE_A, DnsHeader, readDnsAnswer, writeDnsQuery } from './wire/dns';
export * from './wire/dhcp';
export * from './wire/bytes';
export * from './wire/ethernet';
export * from './wire/arp';
export * from './wire/ipv4';
export * from './wire/icmp';
export * from './wire/udp';
export { NetThread } from './net-thread';
export { MemoryWire, WireEnd } from './devices/memory-wire';
export { ScriptedDevice } from './devices/scripted-device';
export * from './wire/tcp';
export { Tcp, TcpStats } from './tcp/tcp';
export { TcpOptions } from './tcp/options';
export { TcpListener } from './tcp/listener';
export { TcpStream } from './tcp/stream';
export { TcpConnection } from './tcp/connection';
export { TcpState, tcpStateName } from './tcp/state';
export { RtoEstimator } from './tcp/rto';
export { NewReno, initialWindow } from './tcp/congestion';
export { OutOfOrder } from './tcp/ooo';
export { ByteRing } from './tcp/ring';
export { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './tcp/seq';
export { registerNetCommands } from './commands/net-commands';
export { SocketProto, SocketRow } from './socket-row';
