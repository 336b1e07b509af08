// The storage composition apps/fs and its test kernels share: the first
// virtio-blk disk of the board, and its FAT volume mounted into the vfs.
import { currentBoard } from '@unishyper/hal-aarch64';
import { FatFs, MountOptions, MountStatus, type TimeSource } from '@unishyper/fatfs';
import { Mutex } from '@unishyper/sync';
import type { Vfs } from '@unishyper/vfs';
import { DeviceId, findVirtioSlot, VirtioBlk } from '@unishyper/virtio';

/** The board's first virtio-blk disk (the first `-device virtio-blk-device`), brought up; null when there is none or it fails (why is printed). */
export function openFirstDisk(): VirtioBlk | null {
  const slot = findVirtioSlot(currentBoard()!, DeviceId.Block, 0);
  if (slot === null) return null;
  const blk = new VirtioBlk(slot.base, slot.size, slot.irq);
  return blk.init() < 0 ? null : blk;
}

/**
 * Mounts the FAT volume on `blk` at `at` (made in the vfs first), stamping
 * files with `clock`. The file system, or null (a line says why; `status`
 * holds the -Errno when the volume itself was refused).
 */
export function mountFat(vfs: Vfs, blk: VirtioBlk, at: string, clock: TimeSource, status: MountStatus): FatFs | null {
  const fat = FatFs.mount(blk, new MountOptions(new Mutex('fatfs'), clock), status);
  if (fat === null) return null;
  if (vfs.mkdir(at) < 0 || vfs.mount(at, fat) < 0) return null;
  return fat;
}
