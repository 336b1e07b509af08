// Network devices on QEMU command lines, built so that a guest can reach
// nothing but 127.0.0.1 (the project's rule for every test, app and
// benchmark): user networking always with restrict=on and forwarding rules
// bound to 127.0.0.1; two VMs joined by -netdev socket on 127.0.0.1. The one
// exception is a tap device, for users with the seed's tap0 and for tests
// inside a network namespace they made (checkNetworkArgs refuses it unless
// told it runs in one). Every
// -netdev the project passes comes from here (a test checks that no other
// source spells one out), and checkNetworkArgs judges any command line.

/** How a virtio-net card is connected. */
export type NetBackend =
  /** QEMU user networking, restricted: the guest reaches only the forwards named. */
  | {
      kind: 'user';
      hostfwd?: { proto: 'tcp' | 'udp'; hostPort: number; guestPort: number }[];
      /** Guest connections to guestAddr:guestPort go to 127.0.0.1:hostPort (QEMU connects once, at start: something must listen by then). */
      guestfwd?: { guestAddr: string; guestPort: number; hostPort: number }[];
      net?: string;
      host?: string;
      dhcpStart?: string;
    }
  /** One end of a virtual Ethernet between two QEMUs: this one listens on 127.0.0.1:port ... */
  | { kind: 'socket-listen'; port: number }
  /** ... and this one connects to it. */
  | { kind: 'socket-connect'; port: number }
  /** A tap device of the host (the seed's tap0): the guest is on the host's network, so only inside a namespace for tests. */
  | { kind: 'tap'; ifname: string };

/** Thrown for a network set-up that would break the 127.0.0.1 rule or that QEMU would reject. */
export class NetworkArgsError extends Error {}

function port(p: number, what: string): number {
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new NetworkArgsError(`${what} must be a TCP/UDP port (1-65535), not ${String(p)}`);
  return p;
}

function ipv4(a: string, what: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m || m.slice(1).some((b) => Number(b) > 255)) throw new NetworkArgsError(`${what} must be an IPv4 address such as 10.0.0.2, not '${a}'`);
  return a;
}

/**
 * The QEMU arguments for a virtio-net card (virtio-mmio, modern) on
 * `backend`, with MAC `mac` (e.g. the seed's 48:b0:2d:0e:6e:9e).
 */
export function virtioNetArgs(backend: NetBackend, mac: string, id = 'net0'): string[] {
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac)) throw new NetworkArgsError(`MAC must look like 48:b0:2d:0e:6e:9e, not '${mac}'`);
  let netdev: string;
  if (backend.kind === 'user') {
    const parts = [`user,id=${id}`, 'restrict=on'];
    if (backend.net) parts.push(`net=${backend.net}`);
    if (backend.host) parts.push(`host=${backend.host}`);
    // The address QEMU's DHCP server leases first, and where forwards without a guest address go.
    if (backend.dhcpStart) parts.push(`dhcpstart=${backend.dhcpStart}`);
    for (const f of backend.hostfwd ?? []) parts.push(`hostfwd=${f.proto}:127.0.0.1:${port(f.hostPort, 'hostfwd host port')}-:${port(f.guestPort, 'hostfwd guest port')}`);
    for (const f of backend.guestfwd ?? []) {
      parts.push(`guestfwd=tcp:${ipv4(f.guestAddr, 'guestfwd guest address')}:${port(f.guestPort, 'guestfwd guest port')}-tcp:127.0.0.1:${port(f.hostPort, 'guestfwd host port')}`);
    }
    netdev = parts.join(',');
  } else if (backend.kind === 'tap') {
    // script=no: QEMU runs no ifup script as root; the device is set up beforehand (docs/apps.md).
    if (!/^[\w.-]{1,15}$/.test(backend.ifname)) throw new NetworkArgsError(`tap interface name must be 1-15 letters, digits, '.', '-' or '_' (such as tap0), not '${backend.ifname}'`);
    netdev = `tap,id=${id},ifname=${backend.ifname},script=no,downscript=no`;
  } else {
    const mode = backend.kind === 'socket-listen' ? 'listen' : 'connect';
    netdev = `socket,id=${id},${mode}=127.0.0.1:${port(backend.port, `socket ${mode} port`)}`;
  }
  return ['-global', 'virtio-mmio.force-legacy=false', '-netdev', netdev, '-device', `virtio-net-device,netdev=${id},mac=${mac}`];
}

export interface CheckNetworkOptions {
  /** The caller runs QEMU inside a network namespace it made (unshare -n): a tap device there reaches only that namespace. */
  insideOwnNamespace?: boolean;
}

/**
 * What in a QEMU command line could let a guest reach anything but
 * 127.0.0.1 (an empty list when nothing): user networking without
 * restrict=on, forwards bound elsewhere, sockets on other addresses, and
 * backends that reach the host's networks (tap unless insideOwnNamespace,
 * bridge, vde, l2tpv3, -nic other than none, -net).
 */
export function checkNetworkArgs(args: readonly string[], check: CheckNetworkOptions = {}): string[] {
  const problems: string[] = [];
  args.forEach((a, i) => {
    const v = args[i + 1] ?? '';
    if (a === '-net') problems.push(`-net ${v}: use -netdev (from virtioNetArgs)`);
    if (a === '-nic' && v !== 'none') problems.push(`-nic ${v}: only -nic none`);
    if (a !== '-netdev') return;
    const [kind, ...opts] = v.split(',');
    const has = (k: string) => opts.find((o) => o.startsWith(`${k}=`))?.slice(k.length + 1);
    if (kind === 'user') {
      if (has('restrict') !== 'on' && has('restrict') !== 'yes') problems.push(`-netdev ${v}: user networking without restrict=on`);
      for (const o of opts.filter((o) => o.startsWith('hostfwd='))) if (!/^hostfwd=(tcp|udp):127\.0\.0\.1:\d+-/.test(o)) problems.push(`-netdev ${v}: ${o} is not bound to 127.0.0.1`);
      for (const o of opts.filter((o) => o.startsWith('guestfwd='))) if (!/-(tcp:127\.0\.0\.1:\d+|cmd:.*)$/.test(o)) problems.push(`-netdev ${v}: ${o} goes elsewhere than 127.0.0.1`);
    } else if (kind === 'socket') {
      for (const k of ['listen', 'connect', 'mcast', 'udp', 'localaddr']) {
        const addr = has(k);
        if (addr !== undefined && !addr.startsWith('127.0.0.1:')) problems.push(`-netdev ${v}: ${k}=${addr} is not 127.0.0.1`);
      }
    } else if (!(kind === 'tap' && check.insideOwnNamespace)) {
      problems.push(`-netdev ${v}: backend '${kind}' is not allowed outside a network namespace the test made`);
    }
  });
  return problems;
}

/** The seed's network: 10.0.0.0/24, gateway 10.0.0.1, the guest 10.0.0.2. */
export const SEED_NET = { net: '10.0.0.0/24', host: '10.0.0.1', dhcpStart: '10.0.0.2' } as const;
