// A TCP service: accept on a port, serve each connection on a thread of its
// own (the seed's one thread per connection), and join the threads of
// connections that ended, so a long-running server keeps no dead threads.
// The accept loop owns each stream: a connection thread closes its stream
// when it is done, and the loop closes it again (a no-op then) and frees it
// when it joins the thread, so a thread that was killed (the shell's `kill`)
// or panicked still leaves its client a closed connection, not a hung one.
import { FixedArray, kprint, release } from '@unishyper/rt';
import { join, sleepMs, spawn, threadIsLive } from '@unishyper/sched';
import { IpAddress, netErrorName, type Tcp, type TcpStream } from '@unishyper/net';
import { echoConnection, sinkConnection } from './echo';
import { httpConnection } from './http';
import { Counter, type ServerStats } from './server-stats';

export const Service = { Echo: 0, Http: 1, Sink: 2 } as const;

/** Connections served at once per service; more wait in the backlog. */
const MAX_CONNECTIONS = 300;
const BACKLOG = 256;
/** How often the accept loop looks for ended connection threads. */
const REAP_MS = 500;
/** With MAX_CONNECTIONS live, how long the accept loop waits before it looks again. */
const FULL_WAIT_MS = 20;

function serveOne(service: number, s: TcpStream, stats: ServerStats): number {
  if (service === Service.Echo) return echoConnection(s, stats);
  return service === Service.Http ? httpConnection(s, stats) : sinkConnection(s, stats);
}

function start(service: number, s: TcpStream, stats: ServerStats): number {
  const name = service === Service.Echo ? 'echo-conn' : service === Service.Http ? 'http-conn' : 'sink-conn';
  return spawn(name, 8, () => serveOne(service, s, stats));
}

/** Joins the threads in `ids` that ended and closes and frees their streams; returns how many are still live. */
function reap(ids: FixedArray<number>, streams: FixedArray<TcpStream | null>): number {
  let live = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids.get(i);
    if (id < 0) continue;
    if (threadIsLive(id)) live++;
    else {
      join(id);
      ids.set(i, -1);
      const s = streams.get(i);
      if (s !== null) {
        s.close();
        release(s);
        streams.set(i, null);
      }
    }
  }
  return live;
}

export function serveTcp(tcp: Tcp, port: number, stats: ServerStats, service: number): number {
  const l = tcp.listener();
  const b = l.bind(new IpAddress(), port);
  if (b < 0 || l.listen(BACKLOG) < 0) {
    kprint`net-server: cannot listen on tcp ${port}: ${netErrorName(b)}\n`;
    return -1;
  }
  l.setTimeoutMs(REAP_MS);
  // Echo needs little room per connection: small buffers let hundreds of connections fit the heap.
  if (service === Service.Echo) l.setBufferSizes(4096, 4096);
  // The sink only receives: a 64 KiB window (Linux's is larger still) lets the sender keep more in flight,
  // so each wake-up of the reader and each poll serve more segments.
  if (service === Service.Sink) l.setBufferSizes(4096, 65536);
  stats.listening++;
  const ids = new FixedArray<number>(MAX_CONNECTIONS, -1);
  const streams = new FixedArray<TcpStream | null>(MAX_CONNECTIONS, null);
  for (;;) {
    if (reap(ids, streams) >= MAX_CONNECTIONS) {
      sleepMs(FULL_WAIT_MS); // every slot busy: new connections wait in the backlog, not on a spinning core
      continue;
    }
    const s = l.accept();
    if (s === null) continue; // timed out: look for ended threads again
    stats.add(Counter.Accepted, 1);
    for (let i = 0; i < ids.length; i++) {
      if (ids.get(i) < 0) {
        streams.set(i, s);
        ids.set(i, start(service, s, stats));
        break;
      }
    }
  }
}
