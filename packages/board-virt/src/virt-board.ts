/**
 * The QEMU `virt` machine (hw/arm/virt.c memory map): PL011 at 0x0900_0000,
 * GIC distributor at 0x0800_0000, RAM from 0x4000_0000 (size from the device
 * tree), virtio-mmio slots from 0x0a00_0000, PSCI over HVC.
 */
import { Conduit, DeviceTreeInfo, readDeviceTree, type Board, type Console } from '@unishyper/hal-aarch64';
import { Pl011 } from './pl011';

export const VIRT_UART_BASE = 0x0900_0000;
export const VIRT_RAM_BASE = 0x4000_0000;
/** RAM assumed when no device tree is found: QEMU's default -m 128M. */
export const VIRT_DEFAULT_RAM_SIZE = 128 * 1024 * 1024;
export const VIRT_VIRTIO_BASE = 0x0a00_0000;
export const VIRT_VIRTIO_STRIDE = 0x200;
export const VIRT_VIRTIO_SLOTS = 32;
/** QEMU places the device tree (1 MiB) at the start of RAM for bare-metal ELF images when the image leaves room: the image loads at RAM + 2 MiB. */
export const VIRT_DTB_FALLBACK = VIRT_RAM_BASE;

export class VirtBoard implements Board {
  private readonly uart = new Pl011(VIRT_UART_BASE);
  private ramBytes = VIRT_DEFAULT_RAM_SIZE;
  private ramStart = VIRT_RAM_BASE;
  private cores = 1;

  name(): string {
    return 'qemu-virt';
  }

  init(dtb: number): void {
    const info = new DeviceTreeInfo();
    const found = readDeviceTree(dtb, info) || readDeviceTree(VIRT_DTB_FALLBACK, info);
    if (found && info.memorySize > 0) {
      this.ramStart = info.memoryBase;
      this.ramBytes = info.memorySize;
    }
    if (found && info.cpuCount > 0) this.cores = info.cpuCount;
  }

  console(): Console {
    return this.uart;
  }

  ramBase(): number {
    return this.ramStart;
  }

  ramSize(): number {
    return this.ramBytes;
  }

  cpuCount(): number {
    return this.cores;
  }

  psciConduit(): number {
    return Conduit.Hvc;
  }

  /** Address of virtio-mmio slot `i` (0-31). */
  virtioSlot(i: number): number {
    return VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_STRIDE;
  }
}
