/**
 * What the Raspberry Pi board reads from a device tree (Debian's
 * broadcom/bcm2837-rpi-3-b.dtb, which QEMU passes with -dtb after writing
 * the RAM size into /memory): the RAM size, the cores and their spin-table
 * release addresses, and the addresses of UART0, the two interrupt
 * controllers and the watchdog, translated from the VideoCore bus through
 * /soc's ranges. A node the tree lacks, or an address outside the device
 * window boot.S maps, keeps the BCM2837's value (bcm2837.ts); `differences`
 * counts the addresses where tree and chip disagree, which the boot log shows.
 */
import { DeviceTreeInfo, fdtFindCompatible, fdtFindCompatibleAfter, fdtPropertyCell, fdtPropertyNumber, fdtRegAddress, readDeviceTree } from '@unishyper/hal-aarch64';
import { FixedArray } from '@unishyper/rt';
import { BCM_ARM_IRQ_BASE, BCM_CORES, BCM_GPU_IRQ_BASE } from './bcm-irq';
import {
  RASPI_DEFAULT_RAM_SIZE,
  RASPI_DEVICE_WINDOW_END,
  RASPI_DEVICE_WINDOW_START,
  RASPI_IC_BASE,
  RASPI_LOCAL_BASE,
  RASPI_PM_BASE,
  RASPI_RAM_BASE,
  RASPI_SPIN_TABLE,
  RASPI_UART0_BASE,
  RASPI_UART0_IRQ,
} from './bcm2837';

export class RaspiAddresses {
  ramSize = RASPI_DEFAULT_RAM_SIZE;
  cores = BCM_CORES;
  uart = RASPI_UART0_BASE;
  uartIrq = RASPI_UART0_IRQ;
  ic = RASPI_IC_BASE;
  local = RASPI_LOCAL_BASE;
  pm = RASPI_PM_BASE;
  /** Core n's spin-table release address. */
  readonly release = new FixedArray<number>(BCM_CORES, 0);
  /** Addresses (or interrupts) where the tree named another value than the chip's. */
  differences = 0;
  /** Whether a device tree was read. */
  fromTree = false;

  constructor() {
    for (let c = 0; c < BCM_CORES; c++) this.release.set(c, RASPI_SPIN_TABLE + 8 * c);
  }
}

/** The address of the first node compatible with `compatible`, or `chip` when the tree has none or it is outside the device window. */
function deviceAddress(dtb: number, compatible: string, chip: number, out: RaspiAddresses): number {
  const a = fdtRegAddress(dtb, fdtFindCompatible(dtb, compatible), 0);
  if (a < RASPI_DEVICE_WINDOW_START || a >= RASPI_DEVICE_WINDOW_END) return chip;
  if (a !== chip) out.differences++;
  return a;
}

/**
 * The interrupt ID (bcm-irq.ts) of a node's first `interrupts` entry in the
 * BCM2835 controller's binding (bank, number: bank 0 the ARM interrupts,
 * 1 and 2 the GPU's 0-31 and 32-63), or -1.
 */
function bcmInterrupt(dtb: number, node: number): number {
  const bank = fdtPropertyCell(dtb, node, 'interrupts', 0);
  const n = fdtPropertyCell(dtb, node, 'interrupts', 1);
  if (n < 0 || n > 31) return -1;
  if (bank === 0) return n < 8 ? BCM_ARM_IRQ_BASE + n : -1;
  if (bank === 1 || bank === 2) return BCM_GPU_IRQ_BASE + 32 * (bank - 1) + n;
  return -1;
}

/** Fills `out` from the tree at `dtb`; false (and `out` unchanged) when `dtb` is not a device tree. */
export function readRaspiTree(dtb: number, out: RaspiAddresses): boolean {
  const info = new DeviceTreeInfo();
  if (!readDeviceTree(dtb, info)) return false;
  out.fromTree = true;
  // The firmware writes the ARM's share into /memory; a tree it did not touch
  // says the whole 1 GiB, so RAM stops where the peripherals begin.
  if (info.memorySize > 0 && info.memoryBase === RASPI_RAM_BASE) out.ramSize = info.memorySize < RASPI_DEVICE_WINDOW_START ? info.memorySize : RASPI_DEVICE_WINDOW_START;
  if (info.cpuCount > 0 && info.cpuCount <= BCM_CORES) out.cores = info.cpuCount;
  out.uart = deviceAddress(dtb, 'arm,pl011', RASPI_UART0_BASE, out);
  const irq = bcmInterrupt(dtb, fdtFindCompatible(dtb, 'arm,pl011'));
  if (irq >= 0) {
    if (irq !== out.uartIrq) out.differences++;
    out.uartIrq = irq;
  }
  out.ic = deviceAddress(dtb, 'brcm,bcm2836-armctrl-ic', RASPI_IC_BASE, out);
  out.local = deviceAddress(dtb, 'brcm,bcm2836-l1-intc', RASPI_LOCAL_BASE, out);
  out.pm = deviceAddress(dtb, 'brcm,bcm2835-pm', RASPI_PM_BASE, out);
  // Each CPU node: its MPIDR affinity (reg) and where it waits (cpu-release-addr).
  for (let cpu = fdtFindCompatible(dtb, 'arm,cortex-a53'); cpu >= 0; cpu = fdtFindCompatibleAfter(dtb, 'arm,cortex-a53', cpu)) {
    const core = fdtPropertyCell(dtb, cpu, 'reg', 0);
    const release = fdtPropertyNumber(dtb, cpu, 'cpu-release-addr');
    if (core < 0 || core >= BCM_CORES || release <= 0) continue;
    if (release !== out.release.get(core)) out.differences++;
    out.release.set(core, release);
  }
  return true;
}
