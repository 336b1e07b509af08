/**
 * The Raspberry Pi 3 Model B (BCM2837) as QEMU's `raspi3b` machine models
 * it: four Cortex-A53 cores, 1 GiB of RAM from 0 of which the VideoCore
 * keeps the top 64 MiB, peripherals at 0x3f00_0000 (the VideoCore bus
 * addresses 0x7e00_0000 seen from the ARM), the ARM-local block at
 * 0x4000_0000. UART0 is a PL011; interrupts come through the BCM2836 local
 * and BCM2835 controllers (bcm-irq.ts), not a GIC; the secondary cores wait
 * in the firmware's spin table, not for PSCI; there is no power controller,
 * and a restart is the PM block's watchdog.
 *
 * Addresses are the BCM2837's (bcm2837.ts) unless the loader passed a
 * device tree (raspi-tree.ts reads it and checks them).
 */
import {
  DeviceInfo,
  DeviceKind,
  Pl011,
  spinTableStartCore,
  type Board,
  type Console,
  type ConsoleInput,
  type IrqController,
} from '@unishyper/hal-aarch64';
import { mmioWrite32, panic } from '@unishyper/rt';
import { BcmIrq } from './bcm-irq';
import { RASPI_RAM_BASE, RASPI_TIMER_IRQ, RASPI_UART0_SIZE } from './bcm2837';
import { RaspiAddresses, readRaspiTree } from './raspi-tree';

// PM block watchdog (every write carries the password in bits 31:24).
const PM_RSTC = 0x1c;
const PM_WDOG = 0x24;
const PM_PASSWORD = 0x5a00_0000;
const PM_RSTC_FULL_RESET = 0x20;
/** Watchdog ticks (~16 us each) before the reset: at once. */
const PM_WDOG_TICKS = 10;

export class Raspi3bBoard implements Board {
  /** Where everything is: the chip's addresses, or the device tree's after init(). */
  readonly addresses = new RaspiAddresses();
  private uart = new Pl011(this.addresses.uart);
  private irq = new BcmIrq(this.addresses.local, this.addresses.ic);
  private uartInfo = new DeviceInfo(DeviceKind.Uart, this.addresses.uart, RASPI_UART0_SIZE, this.addresses.uartIrq);

  name(): string {
    return 'raspi3b';
  }

  init(dtb: number): void {
    const a = this.addresses;
    if (!readRaspiTree(dtb, a)) return;
    this.uart = new Pl011(a.uart);
    this.irq = new BcmIrq(a.local, a.ic);
    this.uartInfo = new DeviceInfo(DeviceKind.Uart, a.uart, RASPI_UART0_SIZE, a.uartIrq);
  }

  console(): Console {
    return this.uart;
  }

  ramBase(): number {
    return RASPI_RAM_BASE;
  }

  ramSize(): number {
    return this.addresses.ramSize;
  }

  cpuCount(): number {
    return this.addresses.cores;
  }

  irqController(): IrqController {
    return this.irq;
  }

  timerIrq(): number {
    return RASPI_TIMER_IRQ;
  }

  uartIrq(): number {
    return this.addresses.uartIrq;
  }

  consoleInput(): ConsoleInput {
    return this.uart;
  }

  /** The Pi has no real-time clock. */
  rtcSeconds(): number {
    return -1;
  }

  /** UART0 only: the Pi's other devices have no drivers here yet. */
  deviceCount(): number {
    return 1;
  }

  device(i: number): DeviceInfo {
    if (i !== 0) return panic('raspi3b: device index out of range');
    return this.uartInfo;
  }

  startCore(core: number, stackTop: number): number {
    if (core <= 0 || core >= this.addresses.cores) return -2;
    return spinTableStartCore(core, this.addresses.release.get(core), stackTop);
  }

  /** No power controller: the caller halts the cores (under QEMU, semihosting has already ended the run). */
  powerOff(): void {}

  /** The watchdog, set to fire at once with a full reset. */
  reset(): number {
    mmioWrite32(this.addresses.pm + PM_WDOG, PM_PASSWORD | PM_WDOG_TICKS);
    mmioWrite32(this.addresses.pm + PM_RSTC, PM_PASSWORD | PM_RSTC_FULL_RESET);
    return -1; // still running: the watchdog did not fire
  }
}
