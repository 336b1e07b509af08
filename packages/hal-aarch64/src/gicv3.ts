/**
 * GICv3 driver (Arm IHI 0069): a distributor for the shared interrupts
 * (SPIs), one redistributor per core for its SGIs and PPIs, and the CPU
 * interface as ICC_* system registers.
 *
 * Policy: affinity routing on (ARE), every interrupt in Group 1 and signalled
 * as IRQ through ICC_IAR1_EL1/ICC_EOIR1_EL1 with EOImode 0 (the EOI write
 * drops the priority and deactivates). The GICD_CTLR value written, ARE
 * (bit 4) and bit 1, means "ARE, EnableGrp1" in a GIC with a single security
 * state (QEMU virt without EL3, GICD_CTLR.DS = 1) and "ARE_NS, EnableGrp1A"
 * seen from Non-secure state under firmware, so it works on both; Group 0
 * (FIQ) is never enabled. SPIs are routed to the boot core.
 *
 * Cores are numbered from their MPIDR as QEMU virt numbers them with a GICv3
 * (16 cores per cluster): core = Aff0 + 16 * Aff1, Aff2 = Aff3 = 0.
 */
import { dsbIsh, FixedArray, isb, mmioRead32, mmioWrite32, mmioWrite64, num, panic, readSysreg, u64, writeSysreg } from '@unishyper/rt';
import {
  fillIrqBytes,
  GICD_ICACTIVER,
  GICD_ICENABLER,
  GICD_ICFGR,
  GICD_ICPENDR,
  GICD_IGROUPR,
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

// Distributor (IHI 0069 12.9).
const GICD_CTLR = 0x0000;
const GICD_TYPER = 0x0004;
const GICD_IROUTER = 0x6000;
const GICD_CTLR_RWP = 1 << 31;
const GICD_CTLR_ENABLE_GRP1 = 1 << 1;
const GICD_CTLR_ARE = 1 << 4;
// Redistributor, RD_base frame (12.10).
const GICR_CTLR = 0x0000;
const GICR_TYPER = 0x0008;
const GICR_WAKER = 0x0014;
const GICR_CTLR_RWP = 1 << 3;
const GICR_TYPER_VLPIS = 1 << 1;
const GICR_TYPER_LAST = 1 << 4;
const GICR_WAKER_PROCESSOR_SLEEP = 1 << 1;
const GICR_WAKER_CHILDREN_ASLEEP = 1 << 2;
/** The SGI_base frame follows RD_base; it holds the SGI/PPI banks at the distributor's offsets. */
const GICR_SGI_FRAME = 0x10000;
/** Bytes per redistributor: RD_base + SGI_base, plus two vLPI frames when GICR_TYPER.VLPIS (GICv4). */
const GICR_STRIDE = 0x20000;
const GICR_STRIDE_VLPI = 0x40000;
// CPU interface system registers (12.2).
const ICC_IGRPEN1_ENABLE = 1;
/** Iterations to wait for RWP or a waking redistributor before declaring the GIC broken. */
const SPIN_LIMIT = 10_000_000;

/** This core's affinity as GICR_TYPER[63:32] and GICD_IROUTER hold it (Aff3.Aff2.Aff1.Aff0). */
function ownAffinity(): number {
  const mpidr = readSysreg('MPIDR_EL1');
  return num(u64(mpidr & 0xffffffn)) + num(u64((mpidr >> 32n) & 0xffn)) * 0x100_0000;
}

/** Core index from an affinity (see the file comment). */
function coreOfAffinity(aff: number): number {
  return (aff & 0xff) + ((aff >>> 8) & 0xff) * 16;
}

export class GicV3 implements IrqController {
  private lines = 0;
  /** Redistributor (RD_base) of each core, 0 until that core ran initCpu(). */
  private readonly redistributors: FixedArray<number>;

  /**
   * `redistBase`/`redistSize`: the redistributor region (one frame set per
   * core, searched by affinity); `maxCores`: the largest core index + 1.
   */
  constructor(
    readonly distBase: number,
    readonly redistBase: number,
    readonly redistSize: number,
    maxCores: number,
  ) {
    this.redistributors = new FixedArray<number>(maxCores, 0);
  }

  name(): string {
    return 'GICv3';
  }

  init(): void {
    const d = this.distBase;
    mmioWrite32(d + GICD_CTLR, 0);
    this.waitDistributor();
    const itLines = mmioRead32(d + GICD_TYPER) & 0x1f;
    this.lines = (itLines + 1) * 32 < MAX_IRQS ? (itLines + 1) * 32 : MAX_IRQS;
    // Affinity routing first: IROUTER and the redistributors' banks only work with ARE set.
    mmioWrite32(d + GICD_CTLR, GICD_CTLR_ARE);
    this.waitDistributor();
    // Shared interrupts: off, not pending or active, Group 1, level, default priority, to this core.
    writeAllBits(d + GICD_ICENABLER, SPI_BASE, this.lines);
    this.waitDistributor();
    writeAllBits(d + GICD_ICPENDR, SPI_BASE, this.lines);
    writeAllBits(d + GICD_ICACTIVER, SPI_BASE, this.lines);
    for (let irq = SPI_BASE; irq < this.lines; irq += 32) mmioWrite32(d + GICD_IGROUPR + (irq >>> 5) * 4, -1);
    fillIrqBytes(d + GICD_IPRIORITYR, SPI_BASE, this.lines, DEFAULT_PRIORITY);
    for (let irq = SPI_BASE; irq < this.lines; irq += 16) mmioWrite32(d + GICD_ICFGR + (irq >>> 4) * 4, 0);
    // GICD_IROUTER holds Aff3 at [39:32] and Aff2.Aff1.Aff0 at [23:0], where MPIDR_EL1 has them; IRM = 0.
    const route = u64(readSysreg('MPIDR_EL1') & 0xff_00ff_ffffn);
    for (let irq = SPI_BASE; irq < this.lines; irq++) mmioWrite64(d + GICD_IROUTER + irq * 8, route);
    mmioWrite32(d + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1);
    this.waitDistributor();
    this.initCpu();
  }

  initCpu(): void {
    const aff = ownAffinity();
    const core = coreOfAffinity(aff);
    if (core >= this.redistributors.length) panic('GICv3: core index beyond the cores this controller was made for');
    const rd = this.findRedistributor(aff);
    this.redistributors.set(core, rd);
    // Wake the redistributor: it forwards interrupts only once ChildrenAsleep reads 0.
    mmioWrite32(rd + GICR_WAKER, mmioRead32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
    let spins = 0;
    while ((mmioRead32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) !== 0) {
      spins++;
      if (spins > SPIN_LIMIT) panic('GICv3: the redistributor does not wake (GICR_WAKER.ChildrenAsleep stays 1)');
    }
    // This core's SGIs and PPIs: off, not pending or active, Group 1, default priority.
    const sgi = rd + GICR_SGI_FRAME;
    mmioWrite32(sgi + GICD_ICENABLER, -1);
    this.waitRedistributor(rd);
    mmioWrite32(sgi + GICD_ICPENDR, -1);
    mmioWrite32(sgi + GICD_ICACTIVER, -1);
    mmioWrite32(sgi + GICD_IGROUPR, -1);
    fillIrqBytes(sgi + GICD_IPRIORITYR, 0, SPI_BASE, DEFAULT_PRIORITY);
    // The CPU interface: system registers on, all priorities unmasked, Group 1 on.
    writeSysreg('ICC_SRE_EL1', u64(readSysreg('ICC_SRE_EL1') | 1n)); // SRE
    isb();
    if (u64(readSysreg('ICC_SRE_EL1') & 1n) !== 1n) panic('GICv3: the system register interface is disabled (ICC_SRE_EL1.SRE stays 0)');
    writeSysreg('ICC_PMR_EL1', u64(0xff));
    writeSysreg('ICC_CTLR_EL1', u64(0)); // EOImode 0, no common binary point
    writeSysreg('ICC_IGRPEN1_EL1', u64(ICC_IGRPEN1_ENABLE));
    isb();
  }

  lineCount(): number {
    return this.lines;
  }

  /** The redistributor (RD_base) of the calling core. */
  ownRedistributor(): number {
    const core = coreOfAffinity(ownAffinity());
    const rd = core < this.redistributors.length ? this.redistributors.get(core) : 0;
    if (rd === 0) panic("GICv3: this core's redistributor is not set up (initCpu)");
    return rd;
  }

  enable(irq: number): void {
    this.check(irq);
    if (irq < SPI_BASE) writeIrqBit(this.ownRedistributor() + GICR_SGI_FRAME + GICD_ISENABLER, irq);
    else writeIrqBit(this.distBase + GICD_ISENABLER, irq);
  }

  disable(irq: number): void {
    this.check(irq);
    if (irq < SPI_BASE) {
      const rd = this.ownRedistributor();
      writeIrqBit(rd + GICR_SGI_FRAME + GICD_ICENABLER, irq);
      this.waitRedistributor(rd);
    } else {
      writeIrqBit(this.distBase + GICD_ICENABLER, irq);
      this.waitDistributor();
    }
  }

  setPriority(irq: number, priority: number): void {
    this.check(irq);
    updateIrqByte(this.bank(irq) + GICD_IPRIORITYR, irq, priority);
  }

  /** The priority the GIC holds for `irq` (unimplemented low bits read as 0). */
  priority(irq: number): number {
    this.check(irq);
    return readIrqByte(this.bank(irq) + GICD_IPRIORITYR, irq);
  }

  setTrigger(irq: number, edge: boolean): void {
    this.check(irq);
    if (irq >= 16) updateIrqTrigger(this.bank(irq) + GICD_ICFGR, irq, edge);
  }

  acknowledge(): number {
    const irq = num(u64(readSysreg('ICC_IAR1_EL1') & 0xffffffn));
    return irq >= MAX_IRQS ? SPURIOUS_IRQ : irq;
  }

  endOfInterrupt(irq: number): void {
    writeSysreg('ICC_EOIR1_EL1', u64(irq));
  }

  sendSgi(core: number, sgi: number): void {
    if (core < 0 || core > 255) panic('GICv3: SGI target core out of range 0-255');
    if (sgi < 0 || sgi > 15) panic('GICv3: SGI number out of range 0-15');
    // ICC_SGI1R_EL1: TargetList [15:0] (a bit per Aff0), Aff1 [23:16], INTID [27:24].
    const value = (1 << (core % 16)) + (core >>> 4) * 0x1_0000 + sgi * 0x100_0000;
    dsbIsh(); // the target sees what this core wrote before the SGI
    writeSysreg('ICC_SGI1R_EL1', u64(value));
    isb();
  }

  /** The base of the bank holding `irq`'s configuration: this core's SGI frame for ids below 32, else the distributor. */
  private bank(irq: number): number {
    return irq < SPI_BASE ? this.ownRedistributor() + GICR_SGI_FRAME : this.distBase;
  }

  /** The redistributor whose GICR_TYPER.Affinity_Value is `aff`, searched through the region. */
  private findRedistributor(aff: number): number {
    let rd = this.redistBase;
    while (rd < this.redistBase + this.redistSize) {
      const typer = mmioRead32(rd + GICR_TYPER);
      if (mmioRead32(rd + GICR_TYPER + 4) === aff) return rd;
      if ((typer & GICR_TYPER_LAST) !== 0) break;
      rd += (typer & GICR_TYPER_VLPIS) !== 0 ? GICR_STRIDE_VLPI : GICR_STRIDE;
    }
    return panic("GICv3: no redistributor matches this core's affinity");
  }

  private waitDistributor(): void {
    let spins = 0;
    while ((mmioRead32(this.distBase + GICD_CTLR) & GICD_CTLR_RWP) !== 0) {
      spins++;
      if (spins > SPIN_LIMIT) panic('GICv3: a distributor write never completed (GICD_CTLR.RWP stays 1)');
    }
  }

  private waitRedistributor(rd: number): void {
    let spins = 0;
    while ((mmioRead32(rd + GICR_CTLR) & GICR_CTLR_RWP) !== 0) {
      spins++;
      if (spins > SPIN_LIMIT) panic('GICv3: a redistributor write never completed (GICR_CTLR.RWP stays 1)');
    }
  }

  private check(irq: number): void {
    if (irq < 0 || irq >= this.lines) irqOutOfRange('GICv3', irq, this.lines);
  }
}
