/**
 * One socket as `netstat` lists it: a copy taken under the stack's lock,
 * so the caller prints it after the lock is released. The listing calls
 * (Tcp.listSockets, NetStack.listUdp) fill a caller-owned array of these:
 * nothing is allocated while listing.
 */
import { u32 } from '@unishyper/rt';

export const SocketProto = { Tcp: 6, Udp: 17 } as const;

export class SocketRow {
  proto = 0;
  /** TcpState (Listen for a listener); 0 for UDP. */
  state = 0;
  localAddr: u32 = u32(0);
  localPort = 0;
  remoteAddr: u32 = u32(0);
  remotePort = 0;
  /** Bytes received and not yet read. */
  recvQueue = 0;
  /** Bytes written and not yet acknowledged (TCP), or accepted connections not yet taken (a listener). */
  sendQueue = 0;

  set(proto: number, state: number, localAddr: u32, localPort: number, remoteAddr: u32, remotePort: number, recvQueue: number, sendQueue: number): void {
    this.proto = proto;
    this.state = state;
    this.localAddr = localAddr;
    this.localPort = localPort;
    this.remoteAddr = remoteAddr;
    this.remotePort = remotePort;
    this.recvQueue = recvQueue;
    this.sendQueue = sendQueue;
  }
}
