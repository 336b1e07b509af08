/**
 * The QEMU `virt` machine (hw/arm/virt.c memory map): PL011 at 0x0900_0000,
 * GICv2 or GICv3 at 0x0800_0000, RAM from 0x4000_0000 (size from the device
 * tree), virtio-mmio slots from 0x0a00_0000, PSCI over HVC.
 *
 * Which GIC (`-M virt,gic-version=2|3`): the device tree's interrupt
 * controller decides: a node compatible with "arm,gic-v3" means GICv3 (its
 * reg: distributor, redistributor region), one compatible with
 * "arm,cortex-a15-gic" or "arm,gic-400" means GICv2 (distributor, CPU
 * interface). Addresses come from that node, falling back to QEMU's fixed
 * ones. Without a device tree the CPU decides: ID_AA64PFR0_EL1.GIC != 0 (the
 * GICv3 system-register CPU interface is there) means GICv3, which QEMU sets
 * exactly when the machine has a GICv3.
 */
import {
  Conduit,
  fdtPsciConduit,
  DeviceInfo,
  DeviceKind,
  DeviceTreeInfo,
  fdtFindCompatible,
  fdtFindCompatibleAfter,
  fdtInterrupt,
  fdtRegAddress,
  fdtRegSize,
  GicV2,
  Pl011,
  GicV3,
  isDeviceTree,
  readDeviceTree,
  type Board,
  type Console,
  type ConsoleInput,
  type IrqController,
  psciStartCore,
  setPsciConduit,
  systemOff,
  systemReset,
} from '@unishyper/hal-aarch64';
import { FixedArray, num, panic, readSysreg, u64 } from '@unishyper/rt';
import { Pl031 } from './pl031';

export const VIRT_UART_BASE = 0x0900_0000;
/** The PL031 real-time clock (when the device tree does not say otherwise). */
export const VIRT_RTC_BASE = 0x0901_0000;
export const VIRT_UART_SIZE = 0x1000;
/** The PL011's interrupt: SPI 1. */
export const VIRT_UART_IRQ = 33;
/** The EL1 virtual timer's PPI. */
export const VIRT_TIMER_IRQ = 27;
export const VIRT_RAM_BASE = 0x4000_0000;
/** RAM assumed when no device tree is found: QEMU's default -m 128M. */
export const VIRT_DEFAULT_RAM_SIZE = 128 * 1024 * 1024;
export const VIRT_GICD_BASE = 0x0800_0000;
/** GICv2 CPU interface. */
export const VIRT_GICC_BASE = 0x0801_0000;
/** GICv3 redistributor region below 4 GiB (room for 123 cores). */
export const VIRT_GICR_BASE = 0x080a_0000;
export const VIRT_GICR_SIZE = 0x00f6_0000;
export const VIRT_VIRTIO_BASE = 0x0a00_0000;
export const VIRT_VIRTIO_STRIDE = 0x200;
export const VIRT_VIRTIO_SLOTS = 32;
/** virtio-mmio slot i interrupts on SPI 16 + i. */
export const VIRT_VIRTIO_IRQ_BASE = 48;
/** QEMU places the device tree (1 MiB) at the start of RAM for bare-metal ELF images when the image leaves room: the image loads at RAM + 2 MiB. */
export const VIRT_DTB_FALLBACK = VIRT_RAM_BASE;
/** Cores a GICv3 driver makes room for when the device tree does not say (QEMU virt with GICv2 has at most 8). */
const DEFAULT_MAX_CORES = 8;

/** True when this CPU has the GICv3 system-register interface (ID_AA64PFR0_EL1.GIC, bits 27:24). */
export function hasGicSystemRegisters(): boolean {
  return num(u64((readSysreg('ID_AA64PFR0_EL1') >> 24n) & 0xfn)) !== 0;
}

/** An address from the device tree, or `fallback` when it had none. */
function orDefault(fromTree: number, fallback: number): number {
  return fromTree < 0 ? fallback : fromTree;
}

/** The GIC driver for this machine (see the file comment); `tree` is 0 without a device tree. */
export function makeVirtGic(tree: number, maxCores: number): IrqController {
  const v3 = fdtFindCompatible(tree, 'arm,gic-v3');
  if (v3 >= 0) {
    return new GicV3(
      orDefault(fdtRegAddress(tree, v3, 0), VIRT_GICD_BASE),
      orDefault(fdtRegAddress(tree, v3, 1), VIRT_GICR_BASE),
      orDefault(fdtRegSize(tree, v3, 1), VIRT_GICR_SIZE),
      maxCores,
    );
  }
  let v2 = fdtFindCompatible(tree, 'arm,cortex-a15-gic');
  if (v2 < 0) v2 = fdtFindCompatible(tree, 'arm,gic-400');
  if (v2 >= 0) return new GicV2(orDefault(fdtRegAddress(tree, v2, 0), VIRT_GICD_BASE), orDefault(fdtRegAddress(tree, v2, 1), VIRT_GICC_BASE));
  if (hasGicSystemRegisters()) return new GicV3(VIRT_GICD_BASE, VIRT_GICR_BASE, VIRT_GICR_SIZE, maxCores);
  return new GicV2(VIRT_GICD_BASE, VIRT_GICC_BASE);
}

export class VirtBoard implements Board {
  private readonly uart = new Pl011(VIRT_UART_BASE);
  private ramBytes = VIRT_DEFAULT_RAM_SIZE;
  private ramStart = VIRT_RAM_BASE;
  private cores = 1;
  private conduit: number = Conduit.Hvc;
  private gic: IrqController | null = null;
  /** The PL031, when init() found one. */
  private rtc: Pl031 | null = null;
  /** The device tree init() found (0: none); the device list is read from it on first use. */
  private tree = 0;
  /** The PL011, then the virtio-mmio slots by address; made on first use. */
  private devices: FixedArray<DeviceInfo | null> | null = null;

  name(): string {
    return 'qemu-virt';
  }

  init(dtb: number): void {
    const tree = isDeviceTree(dtb) ? dtb : isDeviceTree(VIRT_DTB_FALLBACK) ? VIRT_DTB_FALLBACK : 0;
    this.tree = tree;
    this.devices = null;
    const info = new DeviceTreeInfo();
    if (tree !== 0 && readDeviceTree(tree, info)) {
      if (info.memorySize > 0) {
        this.ramStart = info.memoryBase;
        this.ramBytes = info.memorySize;
      }
      if (info.cpuCount > 0) this.cores = info.cpuCount;
    }
    this.gic = makeVirtGic(tree, this.cores > DEFAULT_MAX_CORES ? this.cores : DEFAULT_MAX_CORES);
    // HVC normally; SMC when QEMU runs with virtualization=on (it then emulates EL3 firmware).
    this.conduit = fdtPsciConduit(tree, Conduit.Hvc);
    setPsciConduit(this.conduit);
    // The RTC the tree names (QEMU's is at VIRT_RTC_BASE); none without a tree.
    const rtcNode = fdtFindCompatible(tree, 'arm,pl031');
    this.rtc = rtcNode >= 0 ? new Pl031(fdtRegAddress(tree, rtcNode, 0)) : null;
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

  /** The PSCI conduit init() chose: Conduit.Hvc or Conduit.Smc. */
  psciConduit(): number {
    return this.conduit;
  }

  startCore(core: number, stackTop: number): number {
    return psciStartCore(core, stackTop);
  }

  powerOff(): void {
    systemOff();
  }

  reset(): number {
    return systemReset();
  }

  irqController(): IrqController {
    const g = this.gic;
    if (g === null) return panic('virt: irqController() before init()');
    return g;
  }

  timerIrq(): number {
    return VIRT_TIMER_IRQ;
  }

  uartIrq(): number {
    return VIRT_UART_IRQ;
  }

  consoleInput(): ConsoleInput {
    return this.uart;
  }

  rtcSeconds(): number {
    const r = this.rtc;
    return r === null ? -1 : r.seconds();
  }

  deviceCount(): number {
    return this.deviceList().length;
  }

  device(i: number): DeviceInfo {
    return this.deviceList().get(i)!;
  }

  /**
   * The PL011, then every virtio-mmio slot, highest address first: from the
   * device tree's "virtio,mmio" nodes (base, size, interrupt), or without a
   * tree QEMU's fixed 32 slots from 0x0a00_0000. QEMU gives the first
   * `-device virtio-*-device` of its command line the highest slot, the next
   * one the slot below, and so on; in this order the first device a driver
   * finds is the first the user named.
   */
  private deviceList(): FixedArray<DeviceInfo | null> {
    const made = this.devices;
    if (made !== null) return made;
    let slots = 0;
    for (let n = fdtFindCompatibleAfter(this.tree, 'virtio,mmio', -1); n >= 0; n = fdtFindCompatibleAfter(this.tree, 'virtio,mmio', n)) slots++;
    const fromTree = slots > 0;
    if (!fromTree) slots = VIRT_VIRTIO_SLOTS;
    const list = new FixedArray<DeviceInfo | null>(1 + slots, null);
    list.set(0, new DeviceInfo(DeviceKind.Uart, VIRT_UART_BASE, VIRT_UART_SIZE, VIRT_UART_IRQ));
    if (fromTree) {
      let filled = 0;
      for (let n = fdtFindCompatibleAfter(this.tree, 'virtio,mmio', -1); n >= 0; n = fdtFindCompatibleAfter(this.tree, 'virtio,mmio', n)) {
        const d = new DeviceInfo(DeviceKind.VirtioMmio, fdtRegAddress(this.tree, n, 0), fdtRegSize(this.tree, n, 0), fdtInterrupt(this.tree, n, 0));
        // Insertion by address, highest first, whatever order the tree lists them in.
        let i = 1 + filled;
        while (i > 1 && list.get(i - 1)!.base < d.base) {
          list.set(i, list.get(i - 1));
          i--;
        }
        list.set(i, d);
        filled++;
      }
    } else {
      for (let s = 0; s < slots; s++) {
        const slot = slots - 1 - s;
        list.set(1 + s, new DeviceInfo(DeviceKind.VirtioMmio, this.virtioSlot(slot), VIRT_VIRTIO_STRIDE, VIRT_VIRTIO_IRQ_BASE + slot));
      }
    }
    this.devices = list;
    return list;
  }

  /** The PL011 driver (console output and input). */
  pl011(): Pl011 {
    return this.uart;
  }

  /** Address of virtio-mmio slot `i` (0-31). */
  virtioSlot(i: number): number {
    return VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_STRIDE;
  }
}
