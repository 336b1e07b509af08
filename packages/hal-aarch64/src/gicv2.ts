/**
 * GICv2 driver (Arm IHI 0048B): a distributor shared by all cores and a
 * memory-mapped CPU interface per core (banked at one address).
 *
 * Policy: interrupt groups are left as the firmware or reset left them and
 * only enable bit 0 is set in GICD_CTLR and GICC_CTLR. Without the Security
 * Extensions (QEMU virt) that enables Group 0, which is signalled as IRQ
 * while GICC_CTLR.FIQEn is 0; seen from Non-secure state on a GIC with the
 * Security Extensions (GIC-400 under firmware) bit 0 is EnableGrp1 and the
 * firmware has put the interrupts in Group 1. Either way every interrupt
 * arrives as IRQ, and EOImode 0 makes the write to GICC_EOIR both drop the
 * priority and deactivate.
 */
import { dsbIsh, FixedArray, mmioRead32, mmioWrite32, num, panic, readSysreg, u64 } from '@unishyper/rt';
import {
  fillIrqBytes,
  GICD_ICENABLER,
  GICD_ICFGR,
  GICD_ICPENDR,
  GICD_ICACTIVER,
  GICD_IPRIORITYR,
  GICD_ISENABLER,
  irqOutOfRange,
  readIrqByte,
  updateIrqByte,
  updateIrqTrigger,
  writeAllBits,
  writeIrqBit,
} from './gic-common';
import { DEFAULT_PRIORITY, MAX_IRQS, SPI_BASE, SPURIOUS_IRQ, type IrqController } from './irq-controller';

// Distributor (IHI 0048B 4.3).
const GICD_CTLR = 0x000;
const GICD_TYPER = 0x004;
const GICD_ITARGETSR = 0x800;
const GICD_SGIR = 0xf00;
// CPU interface (IHI 0048B 4.4).
const GICC_CTLR = 0x00;
const GICC_PMR = 0x04;
const GICC_BPR = 0x08;
const GICC_IAR = 0x0c;
const GICC_EOIR = 0x10;

const CTLR_ENABLE = 1;
/** GICC_IAR/EOIR: INTID in bits 9:0, the sending core of an SGI in bits 12:10. */
const IAR_ID_MASK = 0x3ff;

/** The calling core's GICv2 CPU interface number (MPIDR_EL1 Aff0, 0-7). */
function ownCpuIndex(): number {
  return num(u64(readSysreg('MPIDR_EL1') & 7n));
}

export class GicV2 implements IrqController {
  private lines = 0;
  /** The boot core's bit in GICD_ITARGETSR: where enable() routes SPIs. */
  private cpuMask = 1;
  /**
   * For each core (8 on GICv2) and SGI, the sending core of the last one that
   * core acknowledged: its EOI must name it. Per core, because cores
   * acknowledge SGIs concurrently.
   */
  private readonly sgiSource = new FixedArray<number>(8 * 16, 0);

  constructor(
    readonly distBase: number,
    readonly cpuBase: number,
  ) {}

  name(): string {
    return 'GICv2';
  }

  init(): void {
    const d = this.distBase;
    mmioWrite32(d + GICD_CTLR, 0);
    const itLines = mmioRead32(d + GICD_TYPER) & 0x1f;
    this.lines = (itLines + 1) * 32 < MAX_IRQS ? (itLines + 1) * 32 : MAX_IRQS;
    // SPIs are routed to the boot core. The first ITARGETSR bytes read as the
    // reading core's own mask; a uniprocessor GIC reads them as zero (and
    // then routes to its only core).
    const own = mmioRead32(d + GICD_ITARGETSR) & 0xff;
    this.cpuMask = own === 0 ? 1 : own;
    this.initCpu();
    // Shared interrupts: off, not pending or active, level, default priority, to this core.
    writeAllBits(d + GICD_ICENABLER, SPI_BASE, this.lines);
    writeAllBits(d + GICD_ICPENDR, SPI_BASE, this.lines);
    writeAllBits(d + GICD_ICACTIVER, SPI_BASE, this.lines);
    fillIrqBytes(d + GICD_IPRIORITYR, SPI_BASE, this.lines, DEFAULT_PRIORITY);
    fillIrqBytes(d + GICD_ITARGETSR, SPI_BASE, this.lines, this.cpuMask);
    for (let irq = SPI_BASE; irq < this.lines; irq += 16) mmioWrite32(d + GICD_ICFGR + (irq >>> 4) * 4, 0);
    mmioWrite32(d + GICD_CTLR, CTLR_ENABLE);
  }

  initCpu(): void {
    const d = this.distBase;
    // This core's banked SGIs and PPIs: off, not pending or active, default priority.
    mmioWrite32(d + GICD_ICENABLER, -1);
    mmioWrite32(d + GICD_ICPENDR, -1);
    mmioWrite32(d + GICD_ICACTIVER, -1);
    fillIrqBytes(d + GICD_IPRIORITYR, 0, SPI_BASE, DEFAULT_PRIORITY);
    const c = this.cpuBase;
    mmioWrite32(c + GICC_PMR, 0xff);
    mmioWrite32(c + GICC_BPR, 0);
    mmioWrite32(c + GICC_CTLR, CTLR_ENABLE);
  }

  lineCount(): number {
    return this.lines;
  }

  enable(irq: number): void {
    this.check(irq);
    if (irq >= SPI_BASE) updateIrqByte(this.distBase + GICD_ITARGETSR, irq, this.cpuMask);
    writeIrqBit(this.distBase + GICD_ISENABLER, irq);
  }

  disable(irq: number): void {
    this.check(irq);
    writeIrqBit(this.distBase + GICD_ICENABLER, irq);
  }

  setPriority(irq: number, priority: number): void {
    this.check(irq);
    updateIrqByte(this.distBase + GICD_IPRIORITYR, irq, priority);
  }

  /** The priority the GIC holds for `irq` (unimplemented low bits read as 0). */
  priority(irq: number): number {
    this.check(irq);
    return readIrqByte(this.distBase + GICD_IPRIORITYR, irq);
  }

  setTrigger(irq: number, edge: boolean): void {
    this.check(irq);
    if (irq >= 16) updateIrqTrigger(this.distBase + GICD_ICFGR, irq, edge);
  }

  acknowledge(): number {
    const iar = mmioRead32(this.cpuBase + GICC_IAR);
    const irq = iar & IAR_ID_MASK;
    if (irq >= MAX_IRQS) return SPURIOUS_IRQ;
    if (irq < 16) this.sgiSource.set(ownCpuIndex() * 16 + irq, (iar >>> 10) & 7);
    return irq;
  }

  endOfInterrupt(irq: number): void {
    const source = irq < 16 ? this.sgiSource.get(ownCpuIndex() * 16 + irq) : 0;
    mmioWrite32(this.cpuBase + GICC_EOIR, irq | (source << 10));
  }

  sendSgi(core: number, sgi: number): void {
    if (core < 0 || core > 7) panic('GICv2: SGI target core out of range 0-7');
    if (sgi < 0 || sgi > 15) panic('GICv2: SGI number out of range 0-15');
    dsbIsh(); // the target sees what this core wrote before the SGI
    mmioWrite32(this.distBase + GICD_SGIR, (1 << (16 + core)) | sgi);
  }

  private check(irq: number): void {
    if (irq < 0 || irq >= this.lines) irqOutOfRange('GICv2', irq, this.lines);
  }
}
