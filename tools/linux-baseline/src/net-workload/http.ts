// HTTP/1.1 keep-alive: `count` GET requests on one connection, one at a
// time (each waits for the whole response: head, then Content-Length bytes).
import { NO_BRACKET, type PhaseBracket } from './control.js';
import { bracketed, type HostPhase } from './host-phase.js';
import { HTTP_REQUEST } from './protocol.js';
import { closeAndWait, connectLocal, SocketReader } from './socket-reader.js';

export interface HttpOptions {
  count?: number;
  warmup?: number;
  bracket?: PhaseBracket;
}

export const HTTP_DEFAULTS = { count: 2000, warmup: 100 } as const;

export interface HttpHead {
  status: number;
  contentLength: number;
  close: boolean;
}

/** The status line and the headers the client needs, from a response head (through the blank line). */
export function parseHttpHead(head: string): HttpHead {
  const [statusLine, ...headers] = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!m) throw new Error(`not an HTTP response: '${statusLine}'`);
  const field = (name: string) => headers.find((h) => h.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const length = field('content-length');
  if (length === undefined || !/^\d+$/.test(length)) throw new Error(`HTTP response without a Content-Length: '${statusLine}'`);
  return { status: Number(m[1]), contentLength: Number(length), close: field('connection')?.toLowerCase() === 'close' };
}

export async function httpKeepAlive(port: number, opts: HttpOptions = {}): Promise<HostPhase> {
  const { count, warmup } = { ...HTTP_DEFAULTS, ...opts };
  const socket = await connectLocal(port);
  const reader = new SocketReader(socket);
  let received = 0;
  const request = async (i: number) => {
    socket.write(HTTP_REQUEST);
    const headBytes = await reader.readUntil('\r\n\r\n', 16384);
    const head = parseHttpHead(headBytes.toString('latin1'));
    await reader.read(head.contentLength);
    if (head.status !== 200 || head.close) throw new Error(`HTTP request ${i}: status ${head.status}${head.close ? ', Connection: close' : ''} (expected 200, keep-alive)`);
    received += headBytes.length + head.contentLength;
  };
  try {
    for (let i = 0; i < warmup; i++) await request(i);
    const r = await bracketed(opts.bracket ?? NO_BRACKET, async () => {
      received = 0;
      for (let i = 0; i < count; i++) await request(warmup + i);
      return { ops: count, bytesSent: count * HTTP_REQUEST.length, bytesReceived: received };
    });
    await closeAndWait(socket);
    return r;
  } finally {
    socket.destroy();
  }
}
