// A stand-in for the guest's netbench in Node, on 127.0.0.1 ephemeral
// ports, so the host's client can be tested without QEMU. It serves the same
// protocol (src/net-workload/protocol.ts) and keeps the same per-phase
// counts, but counts no instructions.
import net from 'node:net';
import type { NetPorts, NetService } from '../src/net-workload/protocol.js';

export interface FakePhase {
  phase: string;
  conns: number;
  rx: number;
  tx: number;
  reqs: number;
}

export interface FakeServer {
  ports: NetPorts;
  /** Every control line received, in order. */
  control: string[];
  phases: FakePhase[];
  quit: boolean;
  close(): Promise<void>;
}

const BODY = 'fake body\n';

export async function startFakeNetServer(opts: { refuse?: string } = {}): Promise<FakeServer> {
  const stats = { conns: 0, rx: 0, tx: 0, reqs: 0 };
  const state: FakeServer = { ports: {} as NetPorts, control: [], phases: [], quit: false, close: async () => {} };
  let current = '';
  const send = (s: net.Socket, b: Buffer | string) => {
    stats.tx += Buffer.byteLength(b);
    s.write(b);
  };
  const handlers: Record<NetService, (s: net.Socket) => void> = {
    echo: (s) => s.on('data', (b: Buffer) => ((stats.rx += b.length), send(s, b))),
    bulk: (s) => {
      let n = 0;
      s.on('data', (b: Buffer) => ((stats.rx += b.length), (n += b.length)));
      s.on('end', () => (send(s, `${n}\n`), s.end()));
    },
    http: (s) => {
      let buf = '';
      s.on('data', (b: Buffer) => {
        stats.rx += b.length;
        buf += b.toString('latin1');
        for (let at = buf.indexOf('\r\n\r\n'); at >= 0; at = buf.indexOf('\r\n\r\n')) {
          buf = buf.slice(at + 4);
          stats.reqs++;
          send(s, `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`);
        }
      });
    },
    control: (s) => {
      let buf = '';
      s.on('data', (b: Buffer) => {
        buf += b.toString('latin1');
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          state.control.push(line);
          const [cmd, phase = ''] = line.split(' ');
          if (opts.refuse && line === opts.refuse) s.write('err refused by the test\n');
          else if (cmd === 'begin') {
            Object.assign(stats, { conns: 0, rx: 0, tx: 0, reqs: 0 });
            current = phase;
            s.write('ok\n');
          } else if (cmd === 'end' && phase === current) {
            state.phases.push({ phase, ...stats });
            s.write('ok\n');
          } else if (cmd === 'quit') {
            state.quit = true;
            s.write('ok\n');
            s.end();
          } else s.write('err unknown command\n');
        }
      });
    },
  };
  const servers: net.Server[] = [];
  for (const [service, handle] of Object.entries(handlers) as [NetService, (s: net.Socket) => void][]) {
    const srv = net.createServer((s) => {
      if (service !== 'control') stats.conns++;
      s.on('error', () => {});
      handle(s);
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    state.ports[service] = (srv.address() as net.AddressInfo).port;
    servers.push(srv);
  }
  state.close = async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  };
  return state;
}
