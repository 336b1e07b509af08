// Echo services (RFC 862): TCP, one connection per thread; UDP, one thread.
import { allocBytes, freeBytes, kprint, release } from '@unishyper/rt';
import { Endpoint, IpAddress, NetStack, netErrorName, type TcpStream } from '@unishyper/net';
import type { ServerStats } from './server-stats';

const BUF = 4096;

/** Sends back what the peer sends until it closes; then closes. */
export function echoConnection(s: TcpStream, stats: ServerStats): number {
  const buf = allocBytes(BUF, 16);
  let total = 0;
  for (;;) {
    const n = s.read(buf, BUF);
    if (n <= 0) {
      if (n < 0) kprint`net-server: echo: read failed: ${netErrorName(n)}\n`;
      break;
    }
    const w = s.write(buf, n);
    if (w !== n) {
      kprint`net-server: echo: write of ${n} bytes returned ${w < 0 ? netErrorName(w) : 'short'}\n`;
      break;
    }
    total += n;
  }
  stats.echoBytes += total;
  s.close();
  release(s);
  freeBytes(buf);
  return total;
}

/** UDP echo on `port`, forever. */
export function udpEcho(stack: NetStack, port: number, stats: ServerStats): number {
  const sock = stack.udpSocket(65536);
  if (sock.bind(new IpAddress(), port) < 0) return -1;
  stats.listening++;
  const buf = allocBytes(2048, 16);
  const from = new Endpoint();
  for (;;) {
    const n = sock.recvFrom(buf, 2048, from);
    if (n >= 0) sock.sendTo(buf, n, from);
  }
}
