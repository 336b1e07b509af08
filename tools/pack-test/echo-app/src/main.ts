// A TCP echo server on port 7 (RFC 862), one connection at a time: the
// smallest app that needs the whole network path (virtio-net, the stack, TCP).
import { currentBoard } from '@unishyper/hal-aarch64';
import { allocBytes, kprint, release } from '@unishyper/rt';
import { initScheduler } from '@unishyper/sched';
import { ipv4, IpAddress, NetOptions, NetStack, NetThread, Tcp, TcpOptions, type PacketBuf, type PacketPool } from '@unishyper/net';
import { DeviceId, findVirtioSlot, VirtioNet } from '@unishyper/virtio';

export function main(): number {
  initScheduler();
  const slot = findVirtioSlot(currentBoard()!, DeviceId.Net, 0);
  if (slot === null) return 1;
  const nic = new VirtioNet<PacketBuf, PacketPool>(slot.base, slot.size, slot.irq);
  if (nic.init() < 0) return 2;
  const stack = new NetStack(nic, new NetOptions());
  const net = new NetThread(stack);
  if (stack.startWith(net) < 0) return 3;
  // QEMU user networking's subnet; its forwards go to 10.0.0.2.
  stack.setStatic(ipv4(10, 0, 0, 2), 24, ipv4(10, 0, 0, 1));
  const tcp = new Tcp(stack, new TcpOptions());
  net.start(0, 8);
  const listener = tcp.listener();
  if (listener.bind(new IpAddress(), 7) < 0 || listener.listen(8) < 0) return 4;
  kprint`echo: listening on tcp 7\n`;
  const buf = allocBytes(2048, 16);
  for (;;) {
    const s = listener.accept();
    if (s === null) continue;
    for (let n = s.read(buf, 2048); n > 0; n = s.read(buf, 2048)) {
      if (s.write(buf, n) !== n) break;
    }
    s.close();
    release(s);
  }
}
