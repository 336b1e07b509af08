/**
 * Connection states (RFC 9293 §3.3.2, Figure 5). LISTEN belongs to
 * TcpListener; a connection (TcpStream) goes through the others:
 *
 *   active open:  CLOSED -> SYN-SENT -> ESTABLISHED (or SYN-RECEIVED on a simultaneous open)
 *   passive open: (listener) -> SYN-RECEIVED -> ESTABLISHED
 *   we close first:   ESTABLISHED -> FIN-WAIT-1 -> FIN-WAIT-2 -> TIME-WAIT -> CLOSED
 *   both at once:     FIN-WAIT-1 -> CLOSING -> TIME-WAIT -> CLOSED (simultaneous close, §3.6)
 *   the peer first:   ESTABLISHED -> CLOSE-WAIT -> LAST-ACK -> CLOSED
 */
export const TcpState = {
  Closed: 0,
  Listen: 1,
  SynSent: 2,
  SynReceived: 3,
  Established: 4,
  FinWait1: 5,
  FinWait2: 6,
  CloseWait: 7,
  Closing: 8,
  LastAck: 9,
  TimeWait: 10,
} as const;

export function tcpStateName(s: number): string {
  switch (s) {
    case TcpState.Closed: return 'CLOSED';
    case TcpState.Listen: return 'LISTEN';
    case TcpState.SynSent: return 'SYN-SENT';
    case TcpState.SynReceived: return 'SYN-RECEIVED';
    case TcpState.Established: return 'ESTABLISHED';
    case TcpState.FinWait1: return 'FIN-WAIT-1';
    case TcpState.FinWait2: return 'FIN-WAIT-2';
    case TcpState.CloseWait: return 'CLOSE-WAIT';
    case TcpState.Closing: return 'CLOSING';
    case TcpState.LastAck: return 'LAST-ACK';
    case TcpState.TimeWait: return 'TIME-WAIT';
  }
  return '?';
}

/** RFC 9293 §3.3.2: the states after the handshake ("synchronized"). */
export function isSynchronized(s: number): boolean {
  return s >= TcpState.Established;
}

/** States in which we may still send data (no FIN queued by us yet). */
export function canSendData(s: number): boolean {
  return s === TcpState.Established || s === TcpState.CloseWait;
}

/** States in which the peer may still send data (its FIN not received). */
export function canReceiveData(s: number): boolean {
  return s === TcpState.Established || s === TcpState.FinWait1 || s === TcpState.FinWait2;
}
