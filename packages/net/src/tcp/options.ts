/**
 * TCP's sizes and times, fixed when a `Tcp` is made (a few are per socket:
 * nodelay, keepalive, timeouts). Defaults and where they come from:
 */
export class TcpOptions {
  /** Connections at once (embryonic, established, closing, TIME-WAIT): the table is made up front. */
  maxConnections = 256;
  /** Listening ports at once. */
  maxListeners = 16;
  /** Send and receive buffer bytes of each connection (allocated when it is made, freed when it ends). */
  sendBuffer = 65536;
  receiveBuffer = 65536;
  /** Out-of-order ranges held per connection (ooo.ts). */
  oooRanges = 8;
  /** RFC 6298 §2.1 initial RTO; §2.4 minimum (200 ms as Linux, the RFC says 1 s); §2.5 maximum >= 60 s. */
  initialRtoMs = 1000;
  minRtoMs = 200;
  maxRtoMs = 60000;
  /** Retransmissions of a SYN before connect fails (RFC 1122 §4.2.3.5 R2 for SYN >= 3 minutes with backoff: 6 tries from 1 s reach 127 s). */
  synRetries = 6;
  /** Retransmissions of data before the connection is aborted (RFC 1122 §4.2.3.5 R2 >= 100 s). */
  dataRetries = 12;
  /** Delayed ACK (RFC 1122 §4.2.3.2 < 0.5 s; RFC 9293 §3.8.6.3; Linux uses 40 ms). */
  delayedAckMs = 40;
  /** MSL (RFC 9293 §3.4.2 says 2 minutes; 30 s as Linux's 60 s TIME-WAIT): TIME-WAIT lasts 2*MSL. Tests shorten it. */
  mslMs = 30000;
  /** An orphaned FIN-WAIT-2 (closed by the user, peer never sends FIN) is dropped after this (Linux tcp_fin_timeout). */
  finWait2Ms = 60000;
  /** Keepalive defaults (RFC 1122 §4.2.3.6: idle >= 2 hours; interval and count as BSD/Linux). */
  keepIdleMs = 7_200_000;
  keepIntervalMs = 75000;
  keepCount = 9;
  /** Persist (zero-window probe) interval bounds (RFC 1122 §4.2.2.17: exponential backoff). */
  persistMinMs = 200;
  persistMaxMs = 60000;
  /** Ephemeral ports for connect (RFC 6335 §6). */
  ephemeralLow = 49152;
  ephemeralHigh = 65535;
  /** Secret for the initial sequence numbers (RFC 6528 F()). */
  isnSecret = 0x5eed1234;
  /** Challenge ACKs per second at most (RFC 5961 §7). */
  challengeAcksPerSecond = 100;
}
