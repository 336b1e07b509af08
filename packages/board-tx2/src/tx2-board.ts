/**
 * The NVIDIA Jetson TX2 (Tegra186), as the original Unishyper ran it:
 * loaded by u-boot at 0x8008_0000, console on UARTA (an NS16550 at
 * 0x0310_0000, registers 4 bytes apart), a GIC-400 (GICv2) at 0x0388_1000,
 * RAM from 0x8000_0000, PSCI over SMC to the firmware (ATF) for starting
 * cores, power off and reset. Built and checked, not run: there is no TX2
 * here (README.md).
 *
 * Addresses are the Tegra186's (tegra186.ts) unless u-boot's device tree
 * says otherwise (tx2-tree.ts). The TX2 has no RTC the kernel drives and no
 * virtio; the device list is the console UART.
 */
import {
  cpuOn,
  DeviceInfo,
  DeviceKind,
  GicV2,
  Ns16550,
  secondaryEntryAddress,
  setPsciConduit,
  systemOff,
  systemReset,
  type Board,
  type Console,
  type ConsoleInput,
  type IrqController,
} from '@unishyper/hal-aarch64';
import { panic } from '@unishyper/rt';
import { TX2_TIMER_IRQ, TX2_UART_SIZE } from './tegra186';
import { readTx2Tree, Tx2Addresses } from './tx2-tree';

/** PSCI INVALID_PARAMETERS: startCore of a core the board does not run. */
const PSCI_INVALID_PARAMETERS = -2;

export class Tx2Board implements Board {
  /** Where everything is: the chip's addresses, or the device tree's after init(). */
  readonly addresses = new Tx2Addresses();
  private uart = new Ns16550(this.addresses.uart, this.addresses.uartRegShift);
  private gic = new GicV2(this.addresses.gicd, this.addresses.gicc);
  private uartInfo = new DeviceInfo(DeviceKind.Uart, this.addresses.uart, TX2_UART_SIZE, this.addresses.uartIrq);

  name(): string {
    return 'tx2';
  }

  init(dtb: number): void {
    const a = this.addresses;
    if (readTx2Tree(dtb, a)) {
      this.uart = new Ns16550(a.uart, a.uartRegShift);
      this.gic = new GicV2(a.gicd, a.gicc);
      this.uartInfo = new DeviceInfo(DeviceKind.Uart, a.uart, TX2_UART_SIZE, a.uartIrq);
    }
    setPsciConduit(a.conduit);
  }

  console(): Console {
    return this.uart;
  }

  ramBase(): number {
    return this.addresses.ramBase;
  }

  ramSize(): number {
    return this.addresses.ramSize;
  }

  cpuCount(): number {
    return this.addresses.cores;
  }

  irqController(): IrqController {
    return this.gic;
  }

  timerIrq(): number {
    return TX2_TIMER_IRQ;
  }

  uartIrq(): number {
    return this.addresses.uartIrq;
  }

  consoleInput(): ConsoleInput {
    return this.uart;
  }

  /** The NS16550 driver (console output and input). */
  ns16550(): Ns16550 {
    return this.uart;
  }

  /** The TX2's RTC sits behind the power-management IC; no driver here. */
  rtcSeconds(): number {
    return -1;
  }

  deviceCount(): number {
    return 1;
  }

  device(i: number): DeviceInfo {
    if (i !== 0) return panic('tx2: device index out of range');
    return this.uartInfo;
  }

  /** PSCI CPU_ON of core `core` of the boot cluster (MPIDR cluster | core). */
  startCore(core: number, stackTop: number): number {
    if (core <= 0 || core >= this.addresses.cores) return PSCI_INVALID_PARAMETERS;
    return cpuOn(this.addresses.cluster | core, secondaryEntryAddress(), stackTop);
  }

  powerOff(): void {
    systemOff();
  }

  reset(): number {
    return systemReset();
  }
}
