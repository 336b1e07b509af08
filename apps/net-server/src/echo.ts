// Echo services (RFC 862): TCP, one connection per thread; UDP, one thread.
// And a sink for bulk transfers: RFC 863's discard, which at the end says
// how many bytes it took, so a client knows all of them arrived.
import { allocBytes, freeBytes, kprint, StrBuf, store8, strByteAt, strLen } from '@unishyper/rt';
import { Endpoint, IpAddress, NetStack, netErrorName, type TcpStream } from '@unishyper/net';
import { Counter, type ServerStats } from './server-stats';

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
    stats.add(Counter.RxBytes, n);
    const w = s.write(buf, n);
    if (w > 0) stats.add(Counter.TxBytes, w);
    if (w !== n) {
      kprint`net-server: echo: write of ${n} bytes returned ${w < 0 ? netErrorName(w) : 'short'}\n`;
      break;
    }
    total += n;
  }
  stats.add(Counter.EchoBytes, total);
  s.close(); // accept.ts frees the stream when it joins this thread
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

// As large as netbench's read buffer (64 KiB), so the Linux and unikernel sinks read alike.
const SINK_BUF = 65536;

/** Reads and drops what the peer sends until it shuts its side; then answers the byte count ("N\n") and closes. */
export function sinkConnection(s: TcpStream, stats: ServerStats): number {
  const buf = allocBytes(SINK_BUF, 16);
  let total = 0;
  let n = s.read(buf, SINK_BUF);
  while (n > 0) {
    total += n;
    stats.add(Counter.RxBytes, n);
    n = s.read(buf, SINK_BUF);
  }
  if (n < 0) kprint`net-server: sink: read failed after ${total} bytes: ${netErrorName(n)}\n`;
  else {
    const t = new StrBuf(24);
    t.pushNum(total);
    t.push('\n');
    const text = t.toString();
    for (let i = 0; i < strLen(text); i++) store8(buf + i, strByteAt(text, i));
    const w = s.write(buf, strLen(text));
    if (w > 0) stats.add(Counter.TxBytes, w);
    t[Symbol.dispose]();
  }
  stats.add(Counter.SinkBytes, total);
  s.close(); // accept.ts frees the stream when it joins this thread
  freeBytes(buf);
  return total;
}
