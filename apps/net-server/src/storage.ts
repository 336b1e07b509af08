// /fatfs for the flagship: the first virtio-blk disk (disk.img, which
// `nx run net-server:qemu` makes with mkfs.fat when it is missing), mounted
// over the RAM file system at /. No disk, or one that is not a FAT volume
// this kernel can mount, is said on the console and the server runs on
// without /fatfs; nothing on the image is changed then.
import { BoardClock, MountStatus, mountFatAt } from '@unishyper/fatfs';
import { kprint, release } from '@unishyper/rt';
import { errnoMessage, errnoName, FsStats, Stat, type Vfs, writeFile } from '@unishyper/vfs';
import { openVirtioBlk } from '@unishyper/virtio';

const WELCOME = 'Hello from /fatfs: a FAT32 volume on virtio-blk, served over HTTP by a unikernel written in TypeScript.\n';

/** Mounts the disk at /fatfs (seeding /fatfs/hello.txt on a new volume); whether /fatfs is there. */
export function mountDisk(vfs: Vfs): boolean {
  const blk = openVirtioBlk(0);
  if (blk === null) {
    kprint`net-server: no disk; running without /fatfs (nx run net-server:qemu gives it apps/net-server/disk.img)\n`;
    return false;
  }
  const status = new MountStatus();
  const fat = mountFatAt(vfs, blk, '/fatfs', new BoardClock(), status);
  if (fat === null) {
    kprint`net-server: the disk holds no FAT volume this kernel can mount (${errnoName(status.error)}: ${errnoMessage(status.error)}); running without /fatfs. To start afresh, remove apps/net-server/disk.img and boot again\n`;
    return false;
  }
  const st = new Stat();
  if (vfs.stat('/fatfs/hello.txt', st) < 0) writeFile(vfs, '/fatfs/hello.txt', WELCOME);
  release(st);
  const df = new FsStats();
  vfs.statfs('/fatfs', df);
  kprint`net-server: /fatfs: ${fat.typeName()} on virtio-blk, ${(df.freeBlocks * df.blockSize) >> 10} KiB free of ${(df.totalBlocks * df.blockSize) >> 10} KiB\n`;
  release(df);
  return true;
}
