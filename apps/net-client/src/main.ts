// apps/net-client: the seed's netdemo client on virtio-net. It takes the
// static address 10.0.0.4 (no DHCP: it also runs on wires with no DHCP
// server, such as a socket netdev to net-server), connects to net-server's
// services at 10.0.0.2 (SERVER below) and runs the seed's two measurements:
//   bandwidth  100 x 1 MiB to the sink (tcp 9), which answers the byte count
//   latency    1000 round trips of 1 byte through the echo (tcp 7)
// Each prints one line; the exit status is 0 when both came out exact.
// Under user networking (unishyper.config.ts) QEMU carries the connections
// to 127.0.0.1, where net-server's own forwards (or a test's server) take them.
import { currentBoard } from '@unishyper/hal-aarch64';
import { kprint } from '@unishyper/rt';
import { initScheduler } from '@unishyper/sched';
import { ipv4, NetOptions, NetStack, NetThread, printIpv4, Tcp, TcpOptions, type PacketBuf, type PacketPool } from '@unishyper/net';
import { DeviceId, findVirtioSlot, VirtioNet } from '@unishyper/virtio';
import { bandwidth, latency } from './pairs';

/** The client's own address, on the seed's 10.0.0.0/24 (10.0.0.3 is QEMU's DNS under user networking). */
const CLIENT = ipv4(10, 0, 0, 4);
const GATEWAY = ipv4(10, 0, 0, 1);
/** net-server's address (the seed's unikernel address). */
export const SERVER = ipv4(10, 0, 0, 2);

export function main(): number {
  initScheduler();
  const slot = findVirtioSlot(currentBoard()!, DeviceId.Net, 0);
  if (slot === null) {
    kprint`net-client: no network card; nx run net-client:qemu gives it one\n`;
    return 1;
  }
  const nic = new VirtioNet<PacketBuf, PacketPool>(slot.base, slot.size, slot.irq);
  if (nic.init() < 0) return 1;
  const opts = new NetOptions();
  opts.buffers = 256;
  const stack = new NetStack(nic, opts);
  const net = new NetThread(stack);
  if (stack.startWith(net) < 0) return 1;
  stack.setStatic(CLIENT, 24, GATEWAY);
  const tcp = new Tcp(stack, new TcpOptions());
  net.start(0, 8);
  kprint`net-client: address `;
  printIpv4(CLIENT);
  kprint`, server `;
  printIpv4(SERVER);
  kprint`\n`;
  const bw = bandwidth(tcp, SERVER);
  const lat = latency(tcp, SERVER);
  kprint`net-client: ${bw && lat ? 'done' : 'FAILED'}\n`;
  return bw && lat ? 0 : 1;
}
