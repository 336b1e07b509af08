/**
 * What the TX2 board reads from the device tree u-boot passes: RAM (the
 * first bank, cut at 4 GiB where boot.S's identity map ends), UARTA's
 * address, interrupt and reg-shift, the GIC-400's two windows, and the
 * Cortex-A57 cores. Each address the tree lacks keeps the Tegra186's value
 * (tegra186.ts); `differences` counts where tree and chip disagree.
 *
 * Cores: the TX2 has two Denver cores (MPIDR 0x000-0x001) and four A57s
 * (0x100-0x103). hal numbers cores by MPIDR Aff0 (boot.S, GicV2, the
 * scheduler), which is unique only within one cluster, so the kernel uses
 * the A57 cluster, where u-boot runs (its core 0 boots), and leaves the
 * Denver pair off.
 */
import { Conduit, DeviceTreeInfo, fdtFindCompatible, fdtFindCompatibleAfter, fdtInterrupt, fdtPropertyNumber, fdtPsciConduit, fdtRegAddress, readDeviceTree } from '@unishyper/hal-aarch64';
import {
  TX2_A57_CLUSTER,
  TX2_DEFAULT_RAM_SIZE,
  TX2_GICC_BASE,
  TX2_GICD_BASE,
  TX2_MAPPED_END,
  TX2_MAX_CORES,
  TX2_RAM_BASE,
  TX2_UART_BASE,
  TX2_UART_IRQ,
  TX2_UART_REG_SHIFT,
} from './tegra186';

export class Tx2Addresses {
  ramBase = TX2_RAM_BASE;
  ramSize = TX2_DEFAULT_RAM_SIZE;
  /** Without a tree only the boot core runs: which other cores the firmware left on is unknown. */
  cores = 1;
  /** MPIDR of the cluster's core 0: core n is CPU_ON(cluster | n). */
  cluster = TX2_A57_CLUSTER;
  uart = TX2_UART_BASE;
  uartIrq = TX2_UART_IRQ;
  uartRegShift = TX2_UART_REG_SHIFT;
  gicd = TX2_GICD_BASE;
  gicc = TX2_GICC_BASE;
  conduit: number = Conduit.Smc;
  differences = 0;
  fromTree = false;
}

/** `fromTree` when the tree gave one (>= 0), else `chip`; counts a disagreement. */
function pick(fromTree: number, chip: number, out: Tx2Addresses): number {
  if (fromTree < 0) return chip;
  if (fromTree !== chip) out.differences++;
  return fromTree;
}

/** The console UART's node: UARTA by its Tegra186 compatible, else any Tegra UART. */
function uartNode(dtb: number): number {
  const n = fdtFindCompatible(dtb, 'nvidia,tegra186-uart');
  return n >= 0 ? n : fdtFindCompatible(dtb, 'nvidia,tegra20-uart');
}

/** Fills `out` from the tree at `dtb`; false (and `out` unchanged) when `dtb` is not a device tree. */
export function readTx2Tree(dtb: number, out: Tx2Addresses): boolean {
  const info = new DeviceTreeInfo();
  if (!readDeviceTree(dtb, info)) return false;
  out.fromTree = true;
  if (info.memorySize > 0 && info.memoryBase >= TX2_RAM_BASE && info.memoryBase < TX2_MAPPED_END) {
    out.ramBase = info.memoryBase;
    const room = TX2_MAPPED_END - info.memoryBase;
    out.ramSize = info.memorySize < room ? info.memorySize : room;
  }
  const uart = uartNode(dtb);
  out.uart = pick(fdtRegAddress(dtb, uart, 0), TX2_UART_BASE, out);
  out.uartIrq = pick(fdtInterrupt(dtb, uart, 0), TX2_UART_IRQ, out);
  out.uartRegShift = pick(fdtPropertyNumber(dtb, uart, 'reg-shift'), TX2_UART_REG_SHIFT, out);
  const gic = fdtFindCompatible(dtb, 'arm,gic-400');
  out.gicd = pick(fdtRegAddress(dtb, gic, 0), TX2_GICD_BASE, out);
  out.gicc = pick(fdtRegAddress(dtb, gic, 1), TX2_GICC_BASE, out);
  out.conduit = fdtPsciConduit(dtb, Conduit.Smc);
  // The A57 cores (their reg is the MPIDR); the cluster is the first one's.
  let cores = 0;
  for (let n = fdtFindCompatibleAfter(dtb, 'arm,cortex-a57', -1); n >= 0; n = fdtFindCompatibleAfter(dtb, 'arm,cortex-a57', n)) {
    const mpidr = fdtPropertyNumber(dtb, n, 'reg');
    if (cores === 0 && mpidr >= 0) out.cluster = mpidr & ~0xff;
    cores++;
  }
  if (cores > 0) out.cores = cores < TX2_MAX_CORES ? cores : TX2_MAX_CORES;
  return true;
}
