import { defineApp } from '@unishyper/codegen/config';

export default defineApp({
  board: 'virt',
  features: ['mm', 'threads', 'sync', 'virtio', 'net'],
  // QEMU user networking, restricted. The client (10.0.0.4) connects to
  // net-server's services at 10.0.0.2; QEMU carries each connection to
  // 127.0.0.1, where `nx run net-server:qemu` forwards them on to the server.
  // QEMU connects once, when it starts: start net-server first.
  network: {
    mac: '48:b0:2d:0e:6e:a0',
    guestForwards: [
      { guest: '10.0.0.2:7', host: 5555 },
      { guest: '10.0.0.2:9', host: 5557 },
    ],
  },
});
