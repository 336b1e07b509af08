// @node-only: device models of the Arm GICv2 (IHI 0048B) and GICv3 (IHI 0069) for tests. Not dialect code.
//
// What is modelled: per-interrupt enable, pending (latched for edges and
// software, or a connected level line), active, priority, group and trigger
// state; SGIs/PPIs banked per core; SPI targets (v2 ITARGETSR) and routes
// (v3 IROUTER); the priority mask and running priority; acknowledge and end
// of interrupt; SGI generation; the v3 redistributor wake handshake, and the
// ICC_* system registers (hooked into @unishyper/rt's register file).
//
// The core making an access is the one MPIDR_EL1 names (core = Aff0 + 16 *
// Aff1), so a test switches cores by setting MPIDR_EL1.
//
// Deliberate simplifications: a GICv2 without the Security Extensions
// (Group 0 and Group 1 both signal IRQ, no AckCtl/FIQEn); a GICv3 with a
// single security state (GICD_CTLR.DS = 1: Group 0 is FIQ, Group 1 is IRQ);
// no LPIs, no binary-point preemption, EOImode 0 only. What the driver gets
// wrong against the architecture is recorded in `errors` (tests expect it
// empty) instead of being silently ignored.
import { getSysreg, hookSysreg, mapDevice, setSysreg, type AccessWidth, type DeviceModel } from '@unishyper/rt/sim';

export const SPURIOUS = 1023;

class IrqState {
  enabled = false;
  /** Latched pending: an edge, a software set, or an SGI. */
  pending = false;
  active = false;
  /** Core that acknowledged it (SPIs). */
  activeCore = -1;
  priority = 0;
  group = 0;
  edge = false;
  /** GICv2: the core that sent a pending SGI. */
  sgiSource = 0;
  /** Level-sensitive input: high while it returns true. */
  line: (() => boolean) | null = null;
  /** GICv2 ITARGETSR byte (SPIs). */
  target = 0;
  /** GICv3 GICD_IROUTER (SPIs). */
  route = 0n;
}

export interface GicModelOptions {
  /** Cores (CPU interfaces / redistributors); default 4. */
  cores?: number;
  /** Implemented interrupt IDs, a multiple of 32 (default 288, as QEMU virt). */
  lines?: number;
  /** Implemented priority bits, 4-8 (default 5, as GIC-400). */
  priorityBits?: number;
}

/** A model's view of one interrupt, for test assertions. */
export interface IrqView {
  enabled: boolean;
  pending: boolean;
  active: boolean;
  priority: number;
  group: number;
  edge: boolean;
  target: number;
  route: bigint;
}

/** Core index from MPIDR_EL1 (Aff0 + 16 * Aff1). */
export function currentCore(): number {
  const mpidr = getSysreg('MPIDR_EL1');
  return Number(mpidr & 0xffn) + 16 * Number((mpidr >> 8n) & 0xffn);
}

function bitsOf(value: bigint | number): number {
  return Number(BigInt.asUintN(32, BigInt(value)));
}

abstract class GicModel {
  readonly cores: number;
  readonly lines: number;
  readonly priorityMask: number;
  /** Architecture violations by the driver; tests expect none. */
  readonly errors: string[] = [];
  /** SGIs generated: sender, receiver, INTID. */
  readonly sgiLog: { from: number; to: number; sgi: number }[] = [];
  protected readonly priv: IrqState[][];
  protected readonly shared: IrqState[];
  protected readonly pmr: number[];

  constructor(options: GicModelOptions) {
    this.cores = options.cores ?? 4;
    this.lines = options.lines ?? 288;
    if (this.lines % 32 !== 0 || this.lines < 32 || this.lines > 1024) throw new Error(`bad line count ${this.lines}`);
    const bits = options.priorityBits ?? 5;
    this.priorityMask = (0xff << (8 - bits)) & 0xff;
    this.priv = Array.from({ length: this.cores }, () => Array.from({ length: 32 }, () => new IrqState()));
    this.shared = Array.from({ length: this.lines }, () => new IrqState());
    this.pmr = new Array<number>(this.cores).fill(0);
    for (const bank of this.priv) for (let id = 0; id < 16; id++) bank[id]!.edge = true;
  }

  /** The state of `id` as seen by `core` (SGIs and PPIs are per core). */
  protected st(core: number, id: number): IrqState {
    if (id < 32) return this.priv[core]![id]!;
    return this.shared[id]!;
  }

  /** A snapshot of interrupt `id` as `core` sees it. */
  irq(id: number, core = 0): IrqView {
    const s = this.st(core, id);
    return { enabled: s.enabled, pending: this.isPending(s), active: s.active, priority: s.priority, group: s.group, edge: s.edge, target: s.target, route: s.route };
  }

  /** Connects a level-sensitive source to `id` (for SGIs/PPIs: of `core`). */
  connectLine(id: number, level: () => boolean, core = 0): void {
    this.st(core, id).line = level;
  }

  /** An edge on `id`: pending until acknowledged (or, for a level-configured interrupt, a software pend). */
  pulse(id: number, core = 0): void {
    this.st(core, id).pending = true;
  }

  /** The priority mask of `core`'s CPU interface. */
  priorityMaskOf(core = 0): number {
    return this.pmr[core]!;
  }

  protected isPending(s: IrqState): boolean {
    return s.pending || (!s.edge && s.line !== null && s.line());
  }

  /** Whether a pending, enabled interrupt of `group` may be signalled to `core` at all (IRQ). */
  protected abstract irqGroupEnabled(core: number, group: number): boolean;
  /** Whether SPI `s` is delivered to `core`. */
  protected abstract routedTo(s: IrqState, core: number): boolean;

  private candidates(core: number): number[] {
    const out: number[] = [];
    for (let id = 0; id < 32; id++) out.push(id);
    for (let id = 32; id < this.lines; id++) if (this.routedTo(this.shared[id]!, core)) out.push(id);
    return out;
  }

  /** Highest-priority pending interrupt for `core` that could be signalled as IRQ (ignoring masks), or -1. */
  highestPending(core: number): number {
    let best = -1;
    let bestPrio = 0x100;
    for (const id of this.candidates(core)) {
      const s = this.st(core, id);
      if (!s.enabled || s.active || !this.isPending(s) || !this.irqGroupEnabled(core, s.group)) continue;
      if (s.priority < bestPrio) {
        best = id;
        bestPrio = s.priority;
      }
    }
    return best;
  }

  /** The priority of the highest-priority active interrupt of `core`, 0x100 when idle. */
  runningPriority(core: number): number {
    let rp = 0x100;
    for (let id = 0; id < 32; id++) {
      const s = this.priv[core]![id]!;
      if (s.active && s.priority < rp) rp = s.priority;
    }
    for (let id = 32; id < this.lines; id++) {
      const s = this.shared[id]!;
      if (s.active && s.activeCore === core && s.priority < rp) rp = s.priority;
    }
    return rp;
  }

  /** True when `core`'s CPU interface asserts IRQ. */
  irqSignalled(core = 0): boolean {
    const id = this.highestPending(core);
    if (id < 0) return false;
    const p = this.st(core, id).priority;
    return p < this.pmr[core]! && p < this.runningPriority(core);
  }

  /** Acknowledge on `core`: the INTID that becomes active, or SPURIOUS. */
  protected ack(core: number): number {
    if (!this.irqSignalled(core)) return SPURIOUS;
    const id = this.highestPending(core);
    const s = this.st(core, id);
    s.active = true;
    s.activeCore = core;
    s.pending = false; // an edge is consumed; a level line stays asserted but the interrupt is active
    return id;
  }

  protected eoi(core: number, id: number): void {
    if (id >= 1020) return;
    if (id >= this.lines) {
      this.errors.push(`EOI of unimplemented interrupt ${id}`);
      return;
    }
    const s = this.st(core, id);
    if (!s.active || (id >= 32 && s.activeCore !== core)) {
      this.errors.push(`EOI of interrupt ${id}, which is not active on core ${core}`);
      return;
    }
    s.active = false;
    s.activeCore = -1;
  }

  protected sendSgi(from: number, to: number, sgi: number): void {
    if (to < 0 || to >= this.cores) return;
    const s = this.priv[to]![sgi]!;
    s.pending = true;
    s.sgiSource = from;
    this.sgiLog.push({ from, to, sgi });
  }

  // ---- the register banks both versions share (offsets from a bank base) ----

  /** Reads a shared-layout bank register at `off` for ids from the register's first id, or null if `off` is not one. */
  protected readBank(core: number, off: number, idLimit: number, width: AccessWidth): number | null {
    const bitReg = (base: number, get: (s: IrqState) => boolean): number => {
      const first = ((off - base) >> 2) * 32;
      let v = 0;
      for (let i = 0; i < 32 && first + i < idLimit; i++) if (get(this.st(core, first + i))) v |= 1 << i;
      return v >>> 0;
    };
    if (off >= 0x080 && off < 0x100) return bitReg(0x080, (s) => s.group === 1);
    if (off >= 0x100 && off < 0x180) return bitReg(0x100, (s) => s.enabled);
    if (off >= 0x180 && off < 0x200) return bitReg(0x180, (s) => s.enabled);
    if (off >= 0x200 && off < 0x280) return bitReg(0x200, (s) => this.isPending(s));
    if (off >= 0x280 && off < 0x300) return bitReg(0x280, (s) => this.isPending(s));
    if (off >= 0x300 && off < 0x380) return bitReg(0x300, (s) => s.active);
    if (off >= 0x380 && off < 0x400) return bitReg(0x380, (s) => s.active);
    if (off >= 0x400 && off < 0x800) {
      const first = off - 0x400;
      let v = 0;
      for (let i = 0; i < width && first + i < idLimit; i++) v |= this.st(core, first + i).priority << (8 * i);
      return v >>> 0;
    }
    if (off >= 0xc00 && off < 0xd00) {
      const first = ((off - 0xc00) >> 2) * 16;
      let v = 0;
      for (let i = 0; i < 16 && first + i < idLimit; i++) if (this.st(core, first + i).edge) v |= 2 << (2 * i);
      return v >>> 0;
    }
    return null;
  }

  /** Writes a shared-layout bank register; false if `off` is not one. */
  protected writeBank(core: number, off: number, idLimit: number, width: AccessWidth, value: number): boolean {
    const bitReg = (base: number, act: (s: IrqState, id: number, bit: boolean) => void): void => {
      const first = ((off - base) >> 2) * 32;
      for (let i = 0; i < 32 && first + i < idLimit; i++) act(this.st(core, first + i), first + i, ((value >>> i) & 1) === 1);
    };
    if (off >= 0x080 && off < 0x100) bitReg(0x080, (s, _id, b) => (s.group = b ? 1 : 0));
    else if (off >= 0x100 && off < 0x180) bitReg(0x100, (s, _id, b) => b && (s.enabled = true));
    else if (off >= 0x180 && off < 0x200) bitReg(0x180, (s, _id, b) => b && (s.enabled = false));
    else if (off >= 0x200 && off < 0x280) bitReg(0x200, (s, id, b) => b && id >= 16 && (s.pending = true));
    else if (off >= 0x280 && off < 0x300) bitReg(0x280, (s, id, b) => b && id >= 16 && (s.pending = false));
    else if (off >= 0x300 && off < 0x380) bitReg(0x300, (s, _id, b) => b && (s.active = true));
    else if (off >= 0x380 && off < 0x400) bitReg(0x380, (s, _id, b) => b && ((s.active = false), (s.activeCore = -1)));
    else if (off >= 0x400 && off < 0x800) {
      const first = off - 0x400;
      for (let i = 0; i < width && first + i < idLimit; i++) this.st(core, first + i).priority = (value >>> (8 * i)) & this.priorityMask;
    } else if (off >= 0xc00 && off < 0xd00) {
      const first = ((off - 0xc00) >> 2) * 16;
      for (let i = 0; i < 16 && first + i < idLimit; i++) {
        const id = first + i;
        if (id < 16) continue; // SGIs are always edge-triggered
        if (id < 32 && !this.ppiTriggerConfigurable()) continue;
        this.st(core, id).edge = ((value >>> (2 * i + 1)) & 1) === 1;
      }
    } else return false;
    return true;
  }

  protected ppiTriggerConfigurable(): boolean {
    return false;
  }
}

// ---- GICv2 ---------------------------------------------------------------------

export interface GicV2ModelOptions extends GicModelOptions {
  /** ITARGETSR0-7 read as zero, as on a uniprocessor GIC (default false). */
  uniprocessor?: boolean;
}

/** GICv2: a distributor and a banked CPU interface, each a 64 KiB window. */
export class SimGicV2 extends GicModel {
  private dctlr = 0;
  private readonly cctlr: number[];
  private readonly bpr: number[];
  private readonly uniprocessor: boolean;

  constructor(options: GicV2ModelOptions = {}) {
    super(options);
    if (this.cores > 8) throw new Error('a GICv2 has at most 8 CPU interfaces');
    this.cctlr = new Array<number>(this.cores).fill(0);
    this.bpr = new Array<number>(this.cores).fill(0);
    this.uniprocessor = options.uniprocessor ?? false;
  }

  /** Maps the distributor at `distBase` and the CPU interface at `cpuBase`. */
  map(distBase = 0x0800_0000, cpuBase = 0x0801_0000): this {
    mapDevice(distBase, 0x1_0000, this.distributor());
    mapDevice(cpuBase, 0x1_0000, this.cpuInterface());
    return this;
  }

  /** GICD_CTLR and the current core's GICC_CTLR. */
  control(core = 0): { distributor: number; cpu: number } {
    return { distributor: this.dctlr, cpu: this.cctlr[core]! };
  }

  protected irqGroupEnabled(core: number, group: number): boolean {
    const bit = 1 << group;
    return (this.dctlr & bit) !== 0 && (this.cctlr[core]! & bit) !== 0;
  }

  protected routedTo(s: IrqState, core: number): boolean {
    return this.uniprocessor ? core === 0 : (s.target & (1 << core)) !== 0;
  }

  distributor(): DeviceModel {
    return {
      read: (off, width) => {
        const core = currentCore();
        if (off === 0x000) return this.dctlr;
        if (off === 0x004) return (this.lines / 32 - 1) | ((this.cores - 1) << 5);
        if (off === 0x008) return 0x0200_043b;
        if (off === 0xfe8) return 0x2b; // PIDR2: ArchRev 2
        if (off >= 0x800 && off < 0xc00) {
          let v = 0;
          for (let i = 0; i < width; i++) {
            const id = off - 0x800 + i;
            if (id >= this.lines) break;
            const t = id < 32 ? (this.uniprocessor ? 0 : 1 << core) : this.shared[id]!.target;
            v |= t << (8 * i);
          }
          return v >>> 0;
        }
        return this.readBank(core, off, this.lines, width) ?? 0;
      },
      write: (off, width, value) => {
        const core = currentCore();
        const v = bitsOf(value);
        if (off === 0x000) this.dctlr = v & 3;
        else if (off >= 0x800 && off < 0xc00) {
          for (let i = 0; i < width; i++) {
            const id = off - 0x800 + i;
            if (id < 32 || id >= this.lines) continue;
            this.shared[id]!.target = (v >>> (8 * i)) & ((1 << this.cores) - 1);
          }
        } else if (off === 0xf00) {
          const filter = (v >>> 24) & 3;
          const list = (v >>> 16) & 0xff;
          const sgi = v & 0xf;
          for (let to = 0; to < this.cores; to++) {
            const hit = filter === 0 ? (list & (1 << to)) !== 0 : filter === 1 ? to !== core : to === core;
            if (hit) this.sendSgi(core, to, sgi);
          }
        } else if (!this.writeBank(core, off, this.lines, width, v)) {
          this.errors.push(`write to unmodelled GICD offset 0x${off.toString(16)}`);
        }
      },
    };
  }

  cpuInterface(): DeviceModel {
    return {
      read: (off) => {
        const core = currentCore();
        switch (off) {
          case 0x00:
            return this.cctlr[core]!;
          case 0x04:
            return this.pmr[core]!;
          case 0x08:
            return this.bpr[core]!;
          case 0x0c: {
            const id = this.ack(core);
            return id < 16 ? id | (this.priv[core]![id]!.sgiSource << 10) : id;
          }
          case 0x14: {
            const rp = this.runningPriority(core);
            return rp === 0x100 ? 0xff : rp;
          }
          case 0x18: {
            const id = this.highestPending(core);
            return id < 0 ? SPURIOUS : id;
          }
          case 0xfc:
            return 0x0202_043b;
          default:
            return 0;
        }
      },
      write: (off, _width, value) => {
        const core = currentCore();
        const v = bitsOf(value);
        switch (off) {
          case 0x00:
            this.cctlr[core] = v & 3;
            if ((v & ~3) !== 0) this.errors.push(`GICC_CTLR bits 0x${(v & ~3).toString(16)} are not modelled`);
            break;
          case 0x04:
            this.pmr[core] = v & this.priorityMask;
            break;
          case 0x08:
            this.bpr[core] = v & 7;
            break;
          case 0x10: {
            const id = v & 0x3ff;
            if (id < 16 && this.priv[core]![id]!.active && ((v >>> 10) & 7) !== this.priv[core]![id]!.sgiSource) {
              this.errors.push(`EOI of SGI ${id} names core ${(v >>> 10) & 7}, but core ${this.priv[core]![id]!.sgiSource} sent it`);
            }
            this.eoi(core, id);
            break;
          }
          default:
            this.errors.push(`write to unmodelled GICC offset 0x${off.toString(16)}`);
        }
      },
    };
  }
}

// ---- GICv3 ---------------------------------------------------------------------

export interface GicV3ModelOptions extends GicModelOptions {
  /** ICC_SRE_EL1.SRE reads as 1 (default); false models a CPU whose system-register interface is disabled. */
  systemRegisters?: boolean;
}

const GICR_STRIDE = 0x2_0000;

/** A GICv3 with a single security state: distributor, one redistributor per core, ICC_* system registers. */
export class SimGicV3 extends GicModel {
  private dctlr = 0;
  private readonly asleep: boolean[];
  private readonly igrpen1: number[];
  private readonly iccCtlr: number[];
  private readonly sre: boolean;

  constructor(options: GicV3ModelOptions = {}) {
    super(options);
    this.asleep = new Array<boolean>(this.cores).fill(true);
    this.igrpen1 = new Array<number>(this.cores).fill(0);
    this.iccCtlr = new Array<number>(this.cores).fill(0);
    this.sre = options.systemRegisters ?? true;
  }

  /** Affinity of core `i` as QEMU virt assigns it with a GICv3: Aff0 = i % 16, Aff1 = i / 16. */
  static affinity(core: number): number {
    return (core % 16) | (Math.floor(core / 16) << 8);
  }

  /** MPIDR_EL1 of core `i` (bit 31 RES1). */
  static mpidr(core: number): bigint {
    return 0x8000_0000n | BigInt(SimGicV3.affinity(core));
  }

  /**
   * Maps the distributor and the redistributors, hooks the ICC_* registers and
   * sets ID_AA64PFR0_EL1.GIC (the CPU has the system-register interface).
   */
  map(distBase = 0x0800_0000, redistBase = 0x080a_0000): this {
    mapDevice(distBase, 0x1_0000, this.distributor());
    mapDevice(redistBase, GICR_STRIDE * this.cores, this.redistributors());
    this.hookCpuInterface();
    setSysreg('ID_AA64PFR0_EL1', (getSysreg('ID_AA64PFR0_EL1') & ~0x0f00_0000n) | 0x0100_0000n);
    return this;
  }

  /** GICD_CTLR, and whether core `core`'s redistributor is asleep (GICR_WAKER.ProcessorSleep). */
  control(core = 0): { distributor: number; asleep: boolean; groupEnable1: number; iccCtlr: number } {
    return { distributor: this.dctlr, asleep: this.asleep[core]!, groupEnable1: this.igrpen1[core]!, iccCtlr: this.iccCtlr[core]! };
  }

  private are(): boolean {
    return (this.dctlr & 0x10) !== 0;
  }

  protected irqGroupEnabled(core: number, group: number): boolean {
    return group === 1 && this.are() && (this.dctlr & 2) !== 0 && (this.igrpen1[core]! & 1) !== 0 && !this.asleep[core];
  }

  /** True when an enabled Group 0 interrupt is pending for `core`: it would be signalled as FIQ. */
  fiqPending(core = 0): boolean {
    for (let id = 0; id < this.lines; id++) {
      if (id >= 32 && !this.routedTo(this.shared[id]!, core)) continue;
      const s = this.st(core, id);
      if (s.enabled && s.group === 0 && this.isPending(s) && (this.dctlr & 1) !== 0) return true;
    }
    return false;
  }

  protected routedTo(s: IrqState, core: number): boolean {
    if ((s.route & 0x8000_0000n) !== 0n) return true; // IRM: any core
    const aff = Number(s.route & 0xff_ffffn) | (Number((s.route >> 32n) & 0xffn) << 24);
    return aff === SimGicV3.affinity(core);
  }

  protected override ppiTriggerConfigurable(): boolean {
    return true;
  }

  distributor(): DeviceModel {
    return {
      read: (off, width) => {
        const core = currentCore();
        if (off === 0x0000) return this.dctlr | 0x40; // DS reads as 1
        if (off === 0x0004) return (this.lines / 32 - 1) | ((this.cores - 1) << 5) | (9 << 19);
        if (off === 0x0008) return 0x0300_043b;
        if (off === 0xffe8) return 0x3b; // PIDR2: ArchRev 3
        if (off >= 0x6000 && off < 0x8000) {
          const id = (off - 0x6000) >> 3;
          const r = id >= 32 && id < this.lines ? this.shared[id]!.route : 0n;
          if (width === 8) return r;
          return (off & 4) !== 0 ? Number(r >> 32n) : Number(r & 0xffff_ffffn);
        }
        const v = this.readBank(core, off, this.lines, width);
        if (v === null) return 0;
        // With affinity routing, the distributor's SGI/PPI banks are RAZ (they live in the redistributors).
        if (this.are() && this.bankFirstId(off) < 32) return 0;
        return v;
      },
      write: (off, width, value) => {
        const core = currentCore();
        if (off === 0x0000) {
          const v = bitsOf(value) & 0x13;
          if ((v & 0x10) !== (this.dctlr & 0x10) && (this.dctlr & 3) !== 0) this.errors.push('GICD_CTLR.ARE changed while a group is enabled');
          if ((v & 1) !== 0) this.errors.push('GICD_CTLR.EnableGrp0: Group 0 (FIQ) enabled');
          this.dctlr = v;
          return;
        }
        if (off >= 0x6000 && off < 0x8000) {
          const id = (off - 0x6000) >> 3;
          if (id < 32 || id >= this.lines) return;
          const s = this.shared[id]!;
          const v = BigInt.asUintN(64, BigInt(value));
          // Aff3 [39:32], IRM [31], Aff2.Aff1.Aff0 [23:0]; 32-bit accesses reach one half.
          if (width === 8) s.route = v & 0xff_80ff_ffffn;
          else if ((off & 4) !== 0) s.route = (s.route & 0xffff_ffffn) | ((v & 0xffn) << 32n);
          else s.route = (s.route & 0xff_0000_0000n) | (v & 0x80ff_ffffn);
          return;
        }
        const v = bitsOf(value);
        if (this.bankFirstId(off) >= 0 && this.bankFirstId(off) < 32) {
          if (this.are()) {
            if (v !== 0) this.errors.push(`distributor write to the SGI/PPI bank at 0x${off.toString(16)} with ARE set (it is in the redistributor)`);
            return;
          }
        }
        if (!this.are() && v !== 0 && off >= 0x100 && off < 0x180) {
          this.errors.push('interrupt enabled before GICD_CTLR.ARE: legacy operation is not modelled');
        }
        if (!this.writeBank(core, off, this.lines, width, v)) this.errors.push(`write to unmodelled GICD offset 0x${off.toString(16)}`);
      },
    };
  }

  /** First INTID a bank register covers, -1 for a non-bank offset. */
  private bankFirstId(off: number): number {
    if (off >= 0x080 && off < 0x400) return ((off & 0x7f) >> 2) * 32;
    if (off >= 0x400 && off < 0x800) return off - 0x400;
    if (off >= 0xc00 && off < 0xd00) return ((off - 0xc00) >> 2) * 16;
    return -1;
  }

  redistributors(): DeviceModel {
    return {
      read: (offset, width) => {
        const core = Math.floor(offset / GICR_STRIDE);
        const off = offset % GICR_STRIDE;
        if (off === 0x0000) return 0; // GICR_CTLR: RWP 0
        if (off === 0x0004) return 0x0300_043b;
        const typer = BigInt((core << 8) | (core === this.cores - 1 ? 1 << 4 : 0)) | (BigInt(SimGicV3.affinity(core)) << 32n);
        if (off === 0x0008) return width === 8 ? typer : Number(typer & 0xffff_ffffn);
        if (off === 0x000c) return Number(typer >> 32n);
        if (off === 0x0014) return this.asleep[core] ? 0b110 : 0;
        if (off === 0xffe8) return 0x3b;
        if (off >= 0x1_0000) {
          const v = this.readBank(core, off - 0x1_0000, 32, width);
          return v ?? 0;
        }
        return 0;
      },
      write: (offset, width, value) => {
        const core = Math.floor(offset / GICR_STRIDE);
        const off = offset % GICR_STRIDE;
        const v = bitsOf(value);
        if (off === 0x0014) {
          this.asleep[core] = (v & 2) !== 0;
          return;
        }
        if (off >= 0x1_0000 && this.writeBank(core, off - 0x1_0000, 32, width, v)) return;
        this.errors.push(`write to unmodelled GICR offset 0x${off.toString(16)} of core ${core}`);
      },
    };
  }

  private hookCpuInterface(): void {
    const needSre = (reg: string): boolean => {
      if (!this.sre) this.errors.push(`${reg} accessed while the system-register interface is disabled`);
      return this.sre;
    };
    hookSysreg('ICC_SRE_EL1', { read: () => (this.sre ? 0b111 : 0), write: () => {} });
    hookSysreg('ICC_PMR_EL1', {
      read: () => this.pmr[currentCore()]!,
      write: (v) => {
        if (needSre('ICC_PMR_EL1')) this.pmr[currentCore()] = Number(v & 0xffn) & this.priorityMask;
      },
    });
    hookSysreg('ICC_CTLR_EL1', {
      read: () => this.iccCtlr[currentCore()]!,
      write: (v) => {
        const c = Number(v & 0x3n);
        if ((c & 2) !== 0) this.errors.push('ICC_CTLR_EL1.EOImode = 1 is not modelled');
        this.iccCtlr[currentCore()] = c;
      },
    });
    hookSysreg('ICC_IGRPEN1_EL1', {
      read: () => this.igrpen1[currentCore()]!,
      write: (v) => {
        if (needSre('ICC_IGRPEN1_EL1')) this.igrpen1[currentCore()] = Number(v & 1n);
      },
    });
    hookSysreg('ICC_IAR1_EL1', { read: () => (needSre('ICC_IAR1_EL1') ? this.ack(currentCore()) : SPURIOUS) });
    hookSysreg('ICC_EOIR1_EL1', {
      write: (v) => {
        if (needSre('ICC_EOIR1_EL1')) this.eoi(currentCore(), Number(v & 0xff_ffffn));
      },
    });
    hookSysreg('ICC_SGI1R_EL1', {
      write: (v) => {
        if (!needSre('ICC_SGI1R_EL1')) return;
        const targets = Number(v & 0xffffn);
        const aff1 = Number((v >> 16n) & 0xffn);
        const sgi = Number((v >> 24n) & 0xfn);
        const aff2 = Number((v >> 32n) & 0xffn);
        const irm = ((v >> 40n) & 1n) === 1n;
        const aff3 = Number((v >> 48n) & 0xffn);
        const from = currentCore();
        for (let to = 0; to < this.cores; to++) {
          const a = SimGicV3.affinity(to);
          const hit = irm ? to !== from : aff2 === 0 && aff3 === 0 && ((a >> 8) & 0xff) === aff1 && (targets & (1 << (a & 0xf))) !== 0;
          if (hit) this.sendSgi(from, to, sgi);
        }
      },
    });
  }
}
