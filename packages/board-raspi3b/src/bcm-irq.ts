/**
 * The Raspberry Pi 3's two interrupt controllers behind the kernel's
 * IrqController seam, where other boards have a GIC:
 *
 * - the BCM2836 ARM-local controller (QA7 rev 3.4, at 0x4000_0000): per
 *   core, the generic timer's four lines, four 32-bit mailboxes and the
 *   routed GPU interrupt, each core with its own source register;
 * - the BCM2835 ARM interrupt controller (BCM2835 ARM Peripherals 7.5, at
 *   0x3f00_b200): the 64 GPU interrupts (UART0 is 57) and 8 ARM ones, routed
 *   as one line to core 0.
 *
 * Interrupt IDs keep the GIC's shape, so the timer, the scheduler's IPIs and
 * the dispatch code do not change between boards:
 *   0-15   "SGIs": bits 0-15 of the target core's mailbox 0;
 *   16-31  "PPIs": the per-core lines at their GIC numbers: 27 the virtual
 *          timer, 30 the non-secure physical, 29 the secure physical,
 *          26 the hypervisor timer, 23 the PMU;
 *   32-95  GPU interrupts 0-63 (32 + n);
 *   96-103 ARM interrupts 0-7 (ARM timer, mailbox, doorbells, ...).
 *
 * Neither controller has priorities or trigger modes: setPriority and
 * setTrigger only check the ID, and pending interrupts are taken in ID
 * order (mailbox, then timers, then GPU). The GPU lines are level signals
 * the device clears, so end of interrupt has nothing to do; an SGI is
 * cleared from the mailbox when it is acknowledged.
 */
import { ctz32, dsbIsh, FixedArray, mmioRead32, mmioWrite32, num, panic, readSysreg, u64, kprint } from '@unishyper/rt';
import { SPURIOUS_IRQ, type IrqController } from '@unishyper/hal-aarch64';

// ARM-local controller (QA7 rev 3.4, section 4).
const LOCAL_GPU_ROUTING = 0x0c;
const LOCAL_PMU_ROUTING_SET = 0x10;
const LOCAL_PMU_ROUTING_CLEAR = 0x14;
const LOCAL_TIMER_CONTROL = 0x40; // + 4 * core
const LOCAL_MAILBOX_CONTROL = 0x50; // + 4 * core
const LOCAL_IRQ_SOURCE = 0x60; // + 4 * core
const LOCAL_MAILBOX_SET = 0x80; // + 16 * core (mailbox 0)
const LOCAL_MAILBOX_CLEAR = 0xc0; // + 16 * core (mailbox 0)
/** IRQ source bits: the four timers are 0-3 (as in the timer control register), then: */
const SOURCE_MAILBOX0 = 1 << 4;
const SOURCE_GPU = 1 << 8;
const SOURCE_PMU = 1 << 9;
const SOURCE_TIMERS = 0xf;

// BCM2835 ARM interrupt controller, offsets from its base (0x..b200).
const IC_PENDING_BASIC = 0x00;
const IC_PENDING_1 = 0x04;
const IC_PENDING_2 = 0x08;
const IC_ENABLE_1 = 0x10;
const IC_ENABLE_BASIC = 0x18;
const IC_DISABLE_1 = 0x1c;
const IC_DISABLE_BASIC = 0x24;

export const BCM_GPU_IRQ_BASE = 32;
export const BCM_ARM_IRQ_BASE = 96;
export const BCM_IRQ_LINES = 104;
/** Cores of the BCM2836/7. */
export const BCM_CORES = 4;
/** The PMU's ID (a GIC's PPI 23). */
export const BCM_PMU_IRQ = 23;

/** The local timer bit (0-3) of a "PPI", or -1: 29 CNTPS, 30 CNTPNS, 26 CNTHP, 27 CNTV. */
function timerBit(irq: number): number {
  if (irq === 29) return 0;
  if (irq === 30) return 1;
  if (irq === 26) return 2;
  if (irq === 27) return 3;
  return -1;
}

/** The "PPI" of local timer bit `bit` (0-3). */
function timerIrq(bit: number): number {
  return bit === 0 ? 29 : bit === 1 ? 30 : bit === 2 ? 26 : 27;
}

/** The calling core: MPIDR_EL1 Aff0 (0-3 on the BCM2837). */
function ownCore(): number {
  return num(u64(readSysreg('MPIDR_EL1') & 3n));
}

export class BcmIrq implements IrqController {
  /** Per core, the SGIs (mailbox 0 bits) it has enabled. */
  private readonly sgiEnabled = new FixedArray<number>(BCM_CORES, 0);

  constructor(
    readonly localBase: number,
    readonly icBase: number,
  ) {}

  name(): string {
    return 'BCM2836';
  }

  init(): void {
    mmioWrite32(this.icBase + IC_DISABLE_1, 0xffff_ffff);
    mmioWrite32(this.icBase + IC_DISABLE_1 + 4, 0xffff_ffff);
    mmioWrite32(this.icBase + IC_DISABLE_BASIC, 0xff);
    mmioWrite32(this.localBase + LOCAL_GPU_ROUTING, 0); // GPU IRQ and FIQ to core 0
    mmioWrite32(this.localBase + LOCAL_PMU_ROUTING_CLEAR, 0xff);
    for (let c = 0; c < BCM_CORES; c++) this.resetCore(c);
  }

  initCpu(): void {
    this.resetCore(ownCore());
  }

  lineCount(): number {
    return BCM_IRQ_LINES;
  }

  enable(irq: number): void {
    this.check(irq);
    const core = ownCore();
    if (irq < 16) {
      this.sgiEnabled.set(core, this.sgiEnabled.get(core) | (1 << irq));
      this.update(LOCAL_MAILBOX_CONTROL + 4 * core, 1, true);
    } else if (irq < BCM_GPU_IRQ_BASE) {
      const bit = timerBit(irq);
      if (bit >= 0) this.update(LOCAL_TIMER_CONTROL + 4 * core, 1 << bit, true);
      else if (irq === BCM_PMU_IRQ) mmioWrite32(this.localBase + LOCAL_PMU_ROUTING_SET, 1 << core);
    } else if (irq < BCM_ARM_IRQ_BASE) {
      const n = irq - BCM_GPU_IRQ_BASE;
      mmioWrite32(this.icBase + IC_ENABLE_1 + 4 * (n >> 5), 1 << (n & 31));
    } else {
      mmioWrite32(this.icBase + IC_ENABLE_BASIC, 1 << (irq - BCM_ARM_IRQ_BASE));
    }
  }

  disable(irq: number): void {
    this.check(irq);
    const core = ownCore();
    if (irq < 16) {
      const left = this.sgiEnabled.get(core) & ~(1 << irq);
      this.sgiEnabled.set(core, left);
      if (left === 0) this.update(LOCAL_MAILBOX_CONTROL + 4 * core, 1, false);
    } else if (irq < BCM_GPU_IRQ_BASE) {
      const bit = timerBit(irq);
      if (bit >= 0) this.update(LOCAL_TIMER_CONTROL + 4 * core, 1 << bit, false);
      else if (irq === BCM_PMU_IRQ) mmioWrite32(this.localBase + LOCAL_PMU_ROUTING_CLEAR, 1 << core);
    } else if (irq < BCM_ARM_IRQ_BASE) {
      const n = irq - BCM_GPU_IRQ_BASE;
      mmioWrite32(this.icBase + IC_DISABLE_1 + 4 * (n >> 5), 1 << (n & 31));
    } else {
      mmioWrite32(this.icBase + IC_DISABLE_BASIC, 1 << (irq - BCM_ARM_IRQ_BASE));
    }
    // Read back: the write has reached the controller when this returns.
    mmioRead32(this.icBase + IC_PENDING_BASIC);
  }

  setPriority(irq: number, _priority: number): void {
    this.check(irq); // no priorities on these controllers
  }

  setTrigger(irq: number, _edge: boolean): void {
    this.check(irq); // every source is a level, mailboxes latch
  }

  acknowledge(): number {
    const core = ownCore();
    const source = mmioRead32(this.localBase + LOCAL_IRQ_SOURCE + 4 * core);
    if ((source & SOURCE_MAILBOX0) !== 0) {
      const clear = this.localBase + LOCAL_MAILBOX_CLEAR + 16 * core;
      const mine = mmioRead32(clear) & this.sgiEnabled.get(core);
      if (mine !== 0) {
        const sgi = ctz32(mine);
        mmioWrite32(clear, 1 << sgi);
        return sgi;
      }
    }
    if ((source & SOURCE_TIMERS) !== 0) return timerIrq(ctz32(source & SOURCE_TIMERS));
    if ((source & SOURCE_PMU) !== 0) return BCM_PMU_IRQ;
    if ((source & SOURCE_GPU) !== 0) {
      const p1 = mmioRead32(this.icBase + IC_PENDING_1);
      if (p1 !== 0) return BCM_GPU_IRQ_BASE + ctz32(p1);
      const p2 = mmioRead32(this.icBase + IC_PENDING_2);
      if (p2 !== 0) return BCM_GPU_IRQ_BASE + 32 + ctz32(p2);
      const basic = mmioRead32(this.icBase + IC_PENDING_BASIC) & 0xff;
      if (basic !== 0) return BCM_ARM_IRQ_BASE + ctz32(basic);
    }
    return SPURIOUS_IRQ;
  }

  endOfInterrupt(irq: number): void {
    this.check(irq); // level sources: the handler cleared the device; SGIs were cleared at acknowledge
  }

  sendSgi(core: number, sgi: number): void {
    if (core < 0 || core >= BCM_CORES) panic('BCM2836: SGI target core out of range 0-3');
    if (sgi < 0 || sgi > 15) panic('BCM2836: SGI number out of range 0-15');
    dsbIsh(); // the target sees what this core wrote before the SGI
    mmioWrite32(this.localBase + LOCAL_MAILBOX_SET + 16 * core, 1 << sgi);
  }

  /** Core `c`: timers, mailbox interrupts and its enabled SGIs off, mailbox 0 empty. */
  private resetCore(c: number): void {
    mmioWrite32(this.localBase + LOCAL_TIMER_CONTROL + 4 * c, 0);
    mmioWrite32(this.localBase + LOCAL_MAILBOX_CONTROL + 4 * c, 0);
    mmioWrite32(this.localBase + LOCAL_MAILBOX_CLEAR + 16 * c, 0xffff_ffff);
    this.sgiEnabled.set(c, 0);
  }

  /** Sets or clears `bits` of the local register at `offset`. */
  private update(offset: number, bits: number, on: boolean): void {
    const v = mmioRead32(this.localBase + offset);
    mmioWrite32(this.localBase + offset, on ? v | bits : v & ~bits);
  }

  private check(irq: number): void {
    if (irq < 0 || irq >= BCM_IRQ_LINES) {
      kprint`BCM2836: interrupt id ${irq} is not in 0-${BCM_IRQ_LINES - 1}\n`;
      panic('interrupt id out of range');
    }
  }
}
