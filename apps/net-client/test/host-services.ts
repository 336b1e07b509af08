// Stand-ins for net-server's sink and echo on 127.0.0.1, for a guest that
// reaches them through QEMU's guestfwd: each records what it got, and the
// sink checks every byte against net-client's pattern before it answers the
// count ("N\n", as net-server's sink does).
import net from 'node:net';

const MIB = 1024 * 1024;

/** Byte `offset` of net-client's bandwidth stream (src/pairs.ts): each MiB starts with its number, big-endian. */
export function expectedByte(offset: number): number {
  const k = Math.floor(offset / MIB);
  const i = offset % MIB;
  return i < 4 ? (k >>> (8 * (3 - i))) & 0xff : (i * 7 + (i >> 10)) & 0xff;
}

export interface Service {
  port: number;
  connections: number;
  bytes: number;
  /** Sink: the first offset whose byte was not the pattern's (-1: none). Echo: the bytes in order. */
  firstWrong: number;
  echoed: number[];
  close(): Promise<void>;
}

function listen(onConnection: (s: net.Socket, svc: Service) => void): Promise<Service> {
  const server = net.createServer();
  const svc: Service = {
    port: 0,
    connections: 0,
    bytes: 0,
    firstWrong: -1,
    echoed: [],
    close: () => new Promise((r) => server.close(() => r())),
  };
  server.on('connection', (s) => {
    svc.connections++;
    s.on('error', () => {});
    onConnection(s, svc);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      svc.port = (server.address() as net.AddressInfo).port;
      resolve(svc);
    });
  });
}

/**
 * Counts what comes, checking each byte, and answers the count once
 * `expect` bytes are in: QEMU's guestfwd does not pass the guest's FIN on,
 * so the end of stream net-server's sink waits for never comes here.
 */
export function sink(expect: number): Promise<Service> {
  return listen((s, svc) => {
    s.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length && svc.firstWrong < 0; i++) if (d[i] !== expectedByte(svc.bytes + i)) svc.firstWrong = svc.bytes + i;
      svc.bytes += d.length;
      if (svc.bytes >= expect && svc.bytes - d.length < expect) s.write(`${svc.bytes}\n`);
    });
  });
}

/** Sends back what comes. */
export function echo(): Promise<Service> {
  return listen((s, svc) => {
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => {
      svc.bytes += d.length;
      svc.echoed.push(...d);
      s.write(d);
    });
    s.on('end', () => s.end());
  });
}
