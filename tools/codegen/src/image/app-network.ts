// The network card an app boots with (unishyper.config.ts `network`): a
// virtio-net card on restricted QEMU user networking, on the seed's subnet,
// with the app's host ports forwarded from 127.0.0.1 and its guest
// forwards to 127.0.0.1; or, with `unishyper qemu --net tap`, on the seed's
// tap0. Before QEMU starts, each forwarded host port is tried, so a port in
// use (or, for a guest forward, nothing listening) is reported by number
// with what to do, instead of QEMU's terse failure.
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import type { ResolvedApp, ResolvedNetwork } from './app-config.js';
import { SEED_NET, virtioNetArgs } from './network.js';

/** Thrown when a forwarded host port is taken. */
export class HostPortError extends Error {}

/** How the app's card is connected: restricted user networking (default), or a tap device of the host such as the seed's tap0. */
export type NetMode = { kind: 'user' } | { kind: 'tap'; ifname: string };

/** QEMU arguments for the app's card (none without one). On a tap device the forwards do not apply: the guest is on the tap's network. */
export function networkQemuArgs(n: ResolvedNetwork | null, mode: NetMode = { kind: 'user' }): string[] {
  if (n === null) return [];
  if (mode.kind === 'tap') return virtioNetArgs({ kind: 'tap', ifname: mode.ifname }, n.mac);
  return virtioNetArgs(
    {
      kind: 'user',
      ...SEED_NET,
      hostfwd: n.forwards.map((f) => ({ proto: f.proto, hostPort: f.host, guestPort: f.guest })),
      guestfwd: (n.guestForwards ?? []).map((f) => ({ guestAddr: f.addr, guestPort: f.port, hostPort: f.host })),
    },
    n.mac,
  );
}

function free(proto: 'tcp' | 'udp', port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (proto === 'udp') {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
      return;
    }
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Throws HostPortError naming the first forwarded host port something else
 * holds, or the first guest forward nothing listens for (QEMU connects to it
 * once, at start, and refuses to start without it).
 */
export async function checkHostPorts(app: ResolvedApp): Promise<void> {
  const cfg = path.relative(process.cwd(), app.configFile) || app.configFile;
  for (const f of app.network?.forwards ?? []) {
    if (await free(f.proto, f.host)) continue;
    throw new HostPortError(
      `host port ${f.host}/${f.proto} (forwarded to the guest's port ${f.guest}) is already in use on 127.0.0.1; stop what uses it (ss -ltnp 'sport = :${f.host}' shows it) or change network.forwards in ${cfg}`,
    );
  }
  for (const f of app.network?.guestForwards ?? []) {
    // Tried by binding, not connecting: a server that takes one connection (nc -l) keeps it for QEMU.
    if (!(await free('tcp', f.host))) continue;
    throw new HostPortError(
      `nothing listens on 127.0.0.1:${f.host}, where the guest's connections to ${f.addr}:${f.port} go (QEMU connects there once, when it starts); start the server first or change network.guestForwards in ${cfg}`,
    );
  }
}
