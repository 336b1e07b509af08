/**
 * The usual way an app gets its FAT volume: the volume on a block device,
 * mounted into the vfs at a path (made first), stamping files with the
 * board's clock. What apps/fs, the flagship net-server and their test
 * kernels share.
 */
import { nowNs, wallClockSeconds } from '@unishyper/hal-aarch64';
import { idiv } from '@unishyper/rt';
import { Mutex } from '@unishyper/sync';
import type { Vfs } from '@unishyper/vfs';
import type { BlockDevice } from './block-device';
import { FatFs, MountOptions, MountStatus } from './fat-fs';
import { FAT_DEFAULT_EPOCH, type TimeSource } from './fat-time';

/** File times from the board's real-time clock (QEMU's PL031: the host's time), else a fixed epoch plus uptime. */
export class BoardClock implements TimeSource {
  nowSeconds(): number {
    const t = wallClockSeconds();
    return t >= 0 ? t : FAT_DEFAULT_EPOCH + idiv(nowNs(), 1_000_000_000);
  }
}

/**
 * Mounts the FAT volume on `dev` at `at` (made in the vfs first), stamping
 * files with `clock`. The file system, or null: `status.error` holds the
 * -Errno when the volume itself was refused (not FAT, corrupt), else the
 * vfs refused the directory or the mount.
 */
export function mountFatAt(vfs: Vfs, dev: BlockDevice, at: string, clock: TimeSource, status: MountStatus): FatFs | null {
  const fat = FatFs.mount(dev, new MountOptions(new Mutex('fatfs'), clock), status);
  if (fat === null) return null;
  if (vfs.mkdir(at) < 0 || vfs.mount(at, fat) < 0) return null;
  return fat;
}
