import { defineApp } from '@unishyper/codegen/config';

export default defineApp({
  board: 'virt',
  features: ['mm', 'threads', 'sync', 'virtio', 'net', 'fs', 'fat', 'terminal'],
  // QEMU user networking, restricted: the guest (10.0.0.2) reaches only these
  // forwards from 127.0.0.1. Change the host ports if they are taken.
  network: {
    forwards: [
      { proto: 'tcp', host: 5555, guest: 7 },
      { proto: 'tcp', host: 8080, guest: 80 },
      { proto: 'udp', host: 5555, guest: 7 },
      { proto: 'tcp', host: 5557, guest: 9 },
    ],
  },
  // disk.img next to this file, made with `mkfs.fat -F 32` when missing, at /fatfs.
  disks: [{ image: 'disk.img', sizeMiB: 64, format: 'fat32' }],
});
