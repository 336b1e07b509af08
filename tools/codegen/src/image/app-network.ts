// The network card an app boots with (unishyper.config.ts `network`): a
// virtio-net card on restricted QEMU user networking, on the seed's subnet,
// with the app's host ports forwarded from 127.0.0.1. Before QEMU starts,
// each forwarded host port is tried, so a port in use is reported by
// number with what to do, instead of QEMU's terse failure.
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import type { ResolvedApp, ResolvedNetwork } from './app-config.js';
import { SEED_NET, virtioNetArgs } from './network.js';

/** Thrown when a forwarded host port is taken. */
export class HostPortError extends Error {}

/** QEMU arguments for the app's card (none without one). */
export function networkQemuArgs(n: ResolvedNetwork | null): string[] {
  if (n === null) return [];
  return virtioNetArgs({ kind: 'user', ...SEED_NET, hostfwd: n.forwards.map((f) => ({ proto: f.proto, hostPort: f.host, guestPort: f.guest })) }, n.mac);
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

/** Throws HostPortError naming the first forwarded host port something else holds. */
export async function checkHostPorts(app: ResolvedApp): Promise<void> {
  for (const f of app.network?.forwards ?? []) {
    if (await free(f.proto, f.host)) continue;
    const cfg = path.relative(process.cwd(), app.configFile) || app.configFile;
    throw new HostPortError(
      `host port ${f.host}/${f.proto} (forwarded to the guest's port ${f.guest}) is already in use on 127.0.0.1; stop what uses it (ss -ltnp 'sport = :${f.host}' shows it) or change network.forwards in ${cfg}`,
    );
  }
}
