/**
 * The original Unishyper's `shyper` platform: a guest of the Rust-Shyper
 * type-1 hypervisor. What the hypervisor presents (the original's table):
 * an NS16550 console at 0x0c28_0000 (registers 4 bytes apart), the GIC as
 * on QEMU virt (GICv2, distributor 0x0800_0000, CPU interface 0x0801_0000),
 * RAM 0x4000_0000-0x8000_0000, and PSCI and unilib calls over HVC.
 *
 * Here the hypervisor is our EL2 stub (stub/README.md), which emulates the
 * NS16550 on the PL011 and gives it the PL011's interrupt, SPI 1 (id 33).
 * It passes QEMU's device tree on, from which the core count comes; without
 * one the guest runs on its boot core.
 */
import {
  Conduit,
  DeviceInfo,
  DeviceKind,
  DeviceTreeInfo,
  GicV2,
  Ns16550,
  psciStartCore,
  readDeviceTree,
  setPsciConduit,
  systemOff,
  systemReset,
  type Board,
  type Console,
  type ConsoleInput,
  type IrqController,
} from '@unishyper/hal-aarch64';
import { panic } from '@unishyper/rt';

export const SHYPER_UART_BASE = 0x0c28_0000;
export const SHYPER_UART_SIZE = 0x1000;
/** Registers 4 bytes apart (reg-shift 2). */
export const SHYPER_UART_REG_SHIFT = 2;
/** The console's interrupt as the stub presents it: the PL011's SPI 1. */
export const SHYPER_UART_IRQ = 33;
export const SHYPER_GICD_BASE = 0x0800_0000;
export const SHYPER_GICC_BASE = 0x0801_0000;
export const SHYPER_RAM_BASE = 0x4000_0000;
export const SHYPER_RAM_SIZE = 0x4000_0000;
export const SHYPER_TIMER_IRQ = 27;
/** Cores a guest may have (the stub's table). */
export const SHYPER_MAX_CORES = 8;

export class ShyperBoard implements Board {
  private readonly uart = new Ns16550(SHYPER_UART_BASE, SHYPER_UART_REG_SHIFT);
  private readonly gic = new GicV2(SHYPER_GICD_BASE, SHYPER_GICC_BASE);
  private readonly uartInfo = new DeviceInfo(DeviceKind.Uart, SHYPER_UART_BASE, SHYPER_UART_SIZE, SHYPER_UART_IRQ);
  private cores = 1;

  name(): string {
    return 'shyper';
  }

  init(dtb: number): void {
    const info = new DeviceTreeInfo();
    if (readDeviceTree(dtb, info) && info.cpuCount > 0) this.cores = info.cpuCount < SHYPER_MAX_CORES ? info.cpuCount : SHYPER_MAX_CORES;
    setPsciConduit(Conduit.Hvc);
  }

  console(): Console {
    return this.uart;
  }

  ramBase(): number {
    return SHYPER_RAM_BASE;
  }

  ramSize(): number {
    return SHYPER_RAM_SIZE;
  }

  cpuCount(): number {
    return this.cores;
  }

  irqController(): IrqController {
    return this.gic;
  }

  timerIrq(): number {
    return SHYPER_TIMER_IRQ;
  }

  uartIrq(): number {
    return SHYPER_UART_IRQ;
  }

  consoleInput(): ConsoleInput {
    return this.uart;
  }

  rtcSeconds(): number {
    return -1;
  }

  deviceCount(): number {
    return 1;
  }

  device(i: number): DeviceInfo {
    if (i !== 0) return panic('shyper: device index out of range');
    return this.uartInfo;
  }

  startCore(core: number, stackTop: number): number {
    if (core <= 0 || core >= this.cores) return -2;
    return psciStartCore(core, stackTop);
  }

  powerOff(): void {
    systemOff();
  }

  reset(): number {
    return systemReset();
  }
}
