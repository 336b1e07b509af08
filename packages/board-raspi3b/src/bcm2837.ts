/**
 * The BCM2837's fixed addresses as the ARM cores see them (BCM2835 ARM
 * Peripherals, with the BCM2836/7's peripheral base 0x3f00_0000; QA7 rev 3.4
 * for the ARM-local block). raspi-tree.ts checks each against the device
 * tree when the loader passes one.
 */
import { BCM_GPU_IRQ_BASE } from './bcm-irq';

export const RASPI_PERIPHERAL_BASE = 0x3f00_0000;
export const RASPI_UART0_BASE = 0x3f20_1000;
export const RASPI_UART0_SIZE = 0x1000;
/** UART0 is GPU interrupt 57. */
export const RASPI_UART0_IRQ = BCM_GPU_IRQ_BASE + 57;
/** The BCM2835 ARM interrupt controller (its registers start at +0x200 of the 0x3f00_b000 page). */
export const RASPI_IC_BASE = 0x3f00_b200;
/** The power-management block: the watchdog that restarts the SoC. */
export const RASPI_PM_BASE = 0x3f10_0000;
export const RASPI_LOCAL_BASE = 0x4000_0000;
export const RASPI_RAM_BASE = 0;
/** 1 GiB less the VideoCore's 64 MiB (QEMU's default vcram-size), when no device tree says. */
export const RASPI_DEFAULT_RAM_SIZE = 0x3c00_0000;
/** The firmware's spin table: core n waits for an entry address at 0xd8 + 8 * n. */
export const RASPI_SPIN_TABLE = 0xd8;
/** The EL1 virtual timer, under its GIC number (bcm-irq.ts). */
export const RASPI_TIMER_IRQ = 27;
/** Where boot.S maps devices (native/memory-map.S): an address from the tree outside these is not used. */
export const RASPI_DEVICE_WINDOW_START = 0x3f00_0000;
export const RASPI_DEVICE_WINDOW_END = 0x4020_0000;
