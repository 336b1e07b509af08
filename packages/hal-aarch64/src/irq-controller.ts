/**
 * The interrupt controller seam. The kernel's interrupt dispatch (irq.ts)
 * and the timer talk to this interface only; GicV2 (gicv2.ts) and GicV3
 * (gicv3.ts) implement it here, board-raspi3b's BcmIrq for the Raspberry
 * Pi's two controllers, and a board chooses one at boot
 * (`Board.irqController()`).
 *
 * Interrupt IDs keep the GIC architecture's shape on every board (a
 * controller without a GIC maps its sources onto it: bcm-irq.ts), so the
 * timer's PPI 27 and the scheduler's SGIs mean the same everywhere:
 * 0-15 SGIs (software
 * generated, per core), 16-31 PPIs (private peripheral, per core: the
 * generic timer's PPIs are here), 32-1019 SPIs (shared peripheral, routed
 * to one core). 1020-1023 are special: acknowledge() reports every one of
 * them as SPURIOUS_IRQ.
 *
 * Calls on per-core state (PPIs, SGIs, acknowledge, end of interrupt) act on
 * the core that makes them. Configuration calls (enable, disable,
 * setPriority, setTrigger) are not serialised between cores: with SMP, the
 * caller holds the lock that protects the interrupt's configuration.
 */

export const SGI_BASE = 0;
export const PPI_BASE = 16;
export const SPI_BASE = 32;
/** One past the largest INTID a GIC can implement. */
export const MAX_IRQS = 1020;
/** What acknowledge() returns when no interrupt is pending for this core. */
export const SPURIOUS_IRQ = 1023;
/** Priority every interrupt gets at init (0 = most urgent, 255 = least). */
export const DEFAULT_PRIORITY = 0xa0;

export interface IrqController {
  /** "GICv2" or "GICv3", for the boot log. */
  name(): string;
  /**
   * Brings the controller up on the boot core: every interrupt disabled and
   * not pending, at DEFAULT_PRIORITY, level-sensitive SPIs routed to the boot
   * core; then the distributor and this core's CPU interface are enabled
   * with the priority mask fully open.
   */
  init(): void;
  /** The per-core part of init() for a secondary core (its CPU interface; on GICv3 its redistributor). */
  initCpu(): void;
  /** Number of INTIDs implemented: valid ids are 0 .. lineCount() - 1. */
  lineCount(): number;
  /** Lets `irq` be signalled (an SPI is routed to the calling core). */
  enable(irq: number): void;
  /** Stops `irq` from being signalled; returns once the controller has applied it. */
  disable(irq: number): void;
  /** Sets the priority of `irq`: 0 is the most urgent, 255 the least; the GIC may drop low-order bits. */
  setPriority(irq: number, priority: number): void;
  /** Edge-triggered (true) or level-sensitive (false). SGIs are always edge; some PPIs are fixed. */
  setTrigger(irq: number, edge: boolean): void;
  /**
   * Acknowledges the highest-priority pending interrupt of the calling core
   * and returns its INTID (it becomes active), or SPURIOUS_IRQ when none is
   * pending.
   */
  acknowledge(): number;
  /** Ends the handling of `irq`, which acknowledge() returned on this core. */
  endOfInterrupt(irq: number): void;
  /** Sends software-generated interrupt `sgi` (0-15) to core `core` (core index as the board numbers cores). */
  sendSgi(core: number, sgi: number): void;
}
