/**
 * Finding virtio devices on a board: its device list (from the device tree
 * on virt) names each virtio-mmio slot's window and interrupt; the slot's
 * own registers say which device, if any, sits in it.
 */
import { DeviceInfo, DeviceKind, type Board } from '@unishyper/hal-aarch64';
import { release } from '@unishyper/rt';
import { MmioTransport } from './transport';

/**
 * The `nth` (0, 1, ...) virtio-mmio slot of `board` that holds a modern
 * device of type `deviceId` (DeviceId), in the board's order; null when
 * there are fewer. Legacy devices are reported (with the QEMU option that
 * fixes them) and skipped.
 */
export function findVirtioSlot(board: Board, deviceId: number, nth: number): DeviceInfo | null {
  let seen = 0;
  for (let i = 0; i < board.deviceCount(); i++) {
    const d = board.device(i);
    if (d.kind !== DeviceKind.VirtioMmio) continue;
    const t = new MmioTransport(d.base, d.size, d.irq);
    const id = t.probe();
    release(t);
    if (id !== deviceId) continue;
    if (seen === nth) return d;
    seen++;
  }
  return null;
}
