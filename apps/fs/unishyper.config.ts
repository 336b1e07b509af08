import { defineApp } from '@unishyper/codegen/config';

export default defineApp({
  board: 'virt',
  features: ['mm', 'threads', 'sync', 'virtio', 'fs', 'fat', 'unilib'],
  // disk.img next to this file, made with `mkfs.fat -F 32` when missing. Change
  // sizeMiB to get a bigger new image (FAT32 needs at least 33 MiB); an
  // existing image is used as it is.
  disks: [{ image: 'disk.img', sizeMiB: 64, format: 'fat32' }],
  // unilib/ next to this file (made when missing) is served at /unilibfs: by
  // QEMU's semihosting on virt, by the hypervisor on shyper (--board shyper).
  unilib: { dir: 'unilib' },
});
