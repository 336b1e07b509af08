/**
 * The board's `index`-th virtio-blk disk (QEMU's `-device` order), found in
 * its device tree and brought up: what an app with a disk starts with.
 */
import { currentBoard } from '@unishyper/hal-aarch64';
import { VirtioBlk } from './blk';
import { DeviceId } from './mmio-registers';
import { findVirtioSlot } from './probe';

/** The disk, ready; null when the board has none at `index` or it failed to start (init printed why). */
export function openVirtioBlk(index: number): VirtioBlk | null {
  const slot = findVirtioSlot(currentBoard()!, DeviceId.Block, index);
  if (slot === null) return null;
  const blk = new VirtioBlk(slot.base, slot.size, slot.irq);
  return blk.init() < 0 ? null : blk;
}
