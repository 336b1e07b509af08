/**
 * The Board interface: what a board package (board-virt, board-raspi3b,
 * board-shyper, board-tx2) tells the kernel about its machine. A board adds
 * no feature plumbing; it only implements this. One board per image, so
 * calls through it are direct calls.
 *
 * Nothing here assumes a GIC, PSCI or virtio-mmio: a board picks its
 * interrupt controller, says how its secondary cores start (PSCI CPU_ON on
 * virt, a spin table on the Raspberry Pi) and how it powers off and resets.
 * What boot.S needs before any TypeScript runs (where the image loads, which
 * 2 MiB blocks are RAM and which are devices) the board gives in its
 * package.json and native/memory-map.S.
 */
import type { Console } from './console';
import type { ConsoleInput } from './console-input';
import type { IrqController } from './irq-controller';

/** How PSCI and other firmware calls reach the firmware. */
export const Conduit = { Hvc: 0, Smc: 1 } as const;

export interface Board {
  /** Short name printed in the banner, e.g. "qemu-virt". */
  name(): string;
  /** Brings up the console and reads the memory map; `dtb` is the device-tree address (0 if none). */
  init(dtb: number): void;
  console(): Console;
  /** Physical RAM: base address and size in bytes. */
  ramBase(): number;
  ramSize(): number;
  /** Number of CPU cores. */
  cpuCount(): number;
  /** The machine's interrupt controller, chosen and made by init() (not yet initialised: kernelStart does that). */
  irqController(): IrqController;
  /** Interrupt ID of the EL1 virtual timer (PPI 27 on GIC boards). */
  timerIrq(): number;
  /** Interrupt ID of the console UART. */
  uartIrq(): number;
  /** The receive side of the console UART. */
  consoleInput(): ConsoleInput;
  /** Seconds since 1970-01-01 UTC from the board's real-time clock, or -1 when it has none. */
  rtcSeconds(): number;
  /** Number of entries in the device list. */
  deviceCount(): number;
  /** Entry `i` (0 .. deviceCount() - 1) of the device list: what drivers probe. */
  device(i: number): DeviceInfo;
  /**
   * Starts secondary core `core` (0 < core < cpuCount()) at hal-aarch64's
   * secondary entry, on the stack ending at `stackTop`; the core then calls
   * the image's hal_secondary_main(core). 0 when the start was asked for, a
   * negative error otherwise (PSCI's codes on PSCI boards).
   */
  startCore(core: number, stackTop: number): number;
  /** Powers the machine off. Returns only when it cannot; the caller then halts the core. */
  powerOff(): void;
  /** Restarts the machine. Returns only when it cannot, with a negative error. */
  reset(): number;
}

/** Kinds of device in a board's device list. */
export const DeviceKind = {
  /** The console UART. */
  Uart: 1,
  /** A virtio-mmio transport slot (virtio spec 4.2); it may be empty (device id 0). */
  VirtioMmio: 2,
} as const;

/** One device of a board: its kind (DeviceKind), MMIO window and interrupt ID (-1: none). */
export class DeviceInfo {
  constructor(
    readonly kind: number,
    readonly base: number,
    readonly size: number,
    readonly irq: number,
  ) {}
}
