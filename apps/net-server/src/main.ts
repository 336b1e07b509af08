// apps/net-server: the flagship. The seed's netdemo server on virtio-net,
// /fatfs on a virtio-blk disk, and the shell on the console, on four cores.
// QEMU user networking (restricted: the guest reaches only the forwards in
// unishyper.config.ts) gives the guest 10.0.0.2 by DHCP; without an answer
// it falls back to the same address statically. Services, each accepting on
// its own thread and serving each connection on a thread of its own:
//   tcp 7   echo
//   tcp 80  HTTP/1.1 with keep-alive: /  /stats (live kernel figures)
//           /fatfs/... (the disk's files) /instructions (each core's
//           instruction counter, for benchmarks)
//   tcp 9   sink: discards what comes, then answers the byte count
//   tcp 9000 benchmark control (bench-control.ts: phases counted in guest instructions)
//   udp 7   echo
// From the host: `nc 127.0.0.1 5555`, `curl http://127.0.0.1:8080/stats`.
// At the console: `help`, `ps`, `ls /fatfs`, `ifconfig`, `netstat`, `ping 10.0.0.1`.
import { currentBoard, nowUs } from '@unishyper/hal-aarch64';
import { kprint } from '@unishyper/rt';
import { initScheduler, join, sleepMs, spawn } from '@unishyper/sched';
import { DhcpClient, NetOptions, NetStack, NetThread, printIpv4, Tcp, TcpOptions, type PacketBuf, type PacketPool } from '@unishyper/net';
import { DeviceId, findVirtioSlot, VirtioNet } from '@unishyper/virtio';
import { Service, serveTcp } from './accept';
import { udpEcho } from './echo';
import { ServerStats } from './server-stats';
import { startCounting } from './instructions';
import { serveControl } from './bench-control';
import { startShell } from './shell';
import { mountDisk } from './storage';
import { initVfs, RamFs } from '@unishyper/vfs';

const PRIORITY = 8;

/** Bytes the RAM file system at / may hold. */
const ROOT_BYTES = 1 << 20;

export function main(): number {
  initScheduler();
  startCounting();
  const vfs = initVfs(new RamFs(ROOT_BYTES));
  mountDisk(vfs);
  const slot = findVirtioSlot(currentBoard()!, DeviceId.Net, 0);
  if (slot === null) {
    kprint`net-server: no network card; nx run net-server:qemu gives it one\n`;
    return 1;
  }
  const nic = new VirtioNet<PacketBuf, PacketPool>(slot.base, slot.size, slot.irq);
  if (nic.init() < 0) return 1;
  const opts = new NetOptions();
  opts.buffers = 1024;
  opts.txBacklog = 512; // hundreds of connections answering at once outrun the transmit ring
  const stack = new NetStack(nic, opts);
  const net = new NetThread(stack);
  if (stack.startWith(net) < 0) return 1;
  const tcpOpts = new TcpOptions();
  tcpOpts.sendBuffer = 16384;
  tcpOpts.receiveBuffer = 16384;
  tcpOpts.maxConnections = 640;
  const tcp = new Tcp(stack, tcpOpts);
  const dhcp = new DhcpClient(stack, nowUs() + 1);
  // One unanswered DISCOVER (4 s), not three (28 s), before the static 10.0.0.2: on a wire
  // with no DHCP server (a socket netdev, the seed's tap0) the server is up sooner.
  dhcp.maxAttempts = 1;
  dhcp.start(0);
  net.start(0, PRIORITY);
  for (let waited = 0; !stack.configured() && waited < 30_000; waited += 50) sleepMs(50);
  if (!stack.configured()) {
    kprint`net-server: no address after 30 s\n`;
    return 1;
  }
  kprint`net-server: address `;
  printIpv4(stack.addr);
  kprint`\n`;
  const stats = new ServerStats(stack, tcp);
  const echo = spawn('tcp-echo', PRIORITY, () => serveTcp(tcp, 7, stats, Service.Echo));
  const http = spawn('http', PRIORITY, () => serveTcp(tcp, 80, stats, Service.Http));
  const sink = spawn('tcp-sink', PRIORITY, () => serveTcp(tcp, 9, stats, Service.Sink));
  const control = spawn('bench-control', PRIORITY, () => serveControl(tcp, stats));
  const udp = spawn('udp-echo', PRIORITY, () => udpEcho(stack, 7, stats));
  // Announced only once every service is bound: a client that connects on seeing the line finds them.
  for (let waited = 0; stats.listening < 5 && waited < 5000; waited += 10) sleepMs(10);
  kprint`net-server: listening: tcp 7 (echo), tcp 80 (http), tcp 9 (sink), udp 7 (echo), tcp 9000 (benchmark control)\n`;
  const shell = startShell(vfs, stack, tcp);
  join(echo);
  join(http);
  join(sink);
  join(control);
  join(udp);
  join(shell);
  return 0;
}
