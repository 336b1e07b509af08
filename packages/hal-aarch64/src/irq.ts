/**
 * Interrupt dispatch: one handler per interrupt ID, called from the IRQ
 * exception with the interrupt acknowledged at the controller; the end of
 * interrupt is signalled when the handler returns. Handlers run with IRQs
 * masked at the CPU (no nesting) and must not allocate or block.
 *
 * Policy: an interrupt that arrives without a handler is disabled at the
 * controller and reported once, so a stray level-sensitive line cannot
 * storm. One exception handles up to MAX_PER_EXCEPTION interrupts before
 * returning, which saves the exception round trip under load.
 *
 * Also here: masking IRQs at the CPU (PSTATE.I through DAIF).
 */
import { FixedArray, kprint, num, panic, readSysreg, release, u32, u64, writeSysreg } from '@unishyper/rt';
import { SPURIOUS_IRQ, type IrqController } from './irq-controller';
import { setIrqHandler } from './trap';

/** A handler gets the interrupt ID it was registered for. */
export type IrqHandler = (irq: number) => void;

const MAX_PER_EXCEPTION = 16;
/** DAIF.I: IRQs masked. */
const DAIF_I = 0x80;

let controller: IrqController | null = null;
let handlers: FixedArray<IrqHandler | null> | null = null;
let counts: FixedArray<u32> | null = null;
let spurious = 0;
let unhandled = 0;

/**
 * Brings up `c` (its init() on the boot core), creates the handler table and
 * installs dispatchIrq as the exception vectors' interrupt handler. IRQs stay
 * masked at the CPU until irqEnable().
 */
export function initInterrupts(c: IrqController): void {
  if (controller !== null) panic('initInterrupts: interrupts are already initialised');
  c.init();
  const lines = c.lineCount();
  handlers = new FixedArray<IrqHandler | null>(lines, null);
  counts = new FixedArray<u32>(lines, u32(0));
  spurious = 0;
  unhandled = 0;
  controller = c;
  setIrqHandler(dispatchIrq);
}

/**
 * A secondary core's share of initInterrupts: its CPU interface (and GICv3
 * redistributor), then every per-core interrupt (SGI or PPI, ids below 32)
 * that has a handler is enabled on this core too, so the timer and
 * inter-processor interrupts registered on the boot core reach it. IRQs stay
 * masked at the CPU.
 */
export function initCpuInterrupts(): void {
  const c = irqController();
  const t = table();
  c.initCpu();
  for (let irq = 0; irq < 32 && irq < t.length; irq++) {
    if (t.get(irq) !== null) c.enable(irq);
  }
}

/** Whether initInterrupts has run (false under Node tests that skip it). */
export function interruptsReady(): boolean {
  return controller !== null;
}

/** The controller initInterrupts brought up; panics before that. */
export function irqController(): IrqController {
  const c = controller;
  if (c === null) return panic('irqController: interrupts are not initialised');
  return c;
}

function table(): FixedArray<IrqHandler | null> {
  const t = handlers;
  if (t === null) return panic('interrupts are not initialised');
  return t;
}

/**
 * Installs `handler` for interrupt `irq` and enables it at the controller.
 * An interrupt has at most one handler: registering a second panics. The
 * table keeps the closure until unregisterIrq hands it back.
 */
export function registerIrq(irq: number, handler: IrqHandler): void {
  const t = table();
  if (irq < 0 || irq >= t.length) {
    kprint`registerIrq: interrupt ${irq} is not in 0-${t.length - 1}\n`;
    panic('registerIrq: interrupt id out of range');
  }
  if (t.get(irq) !== null) {
    kprint`registerIrq: interrupt ${irq} already has a handler\n`;
    panic('registerIrq: interrupt already has a handler');
  }
  t.set(irq, handler);
  irqController().enable(irq);
}

/**
 * Disables `irq` at the controller and removes its handler, which is
 * returned to the caller (who releases it if it was an escaping closure);
 * null when it had none.
 */
export function unregisterIrq(irq: number): IrqHandler | null {
  const t = table();
  if (irq < 0 || irq >= t.length) return null;
  irqController().disable(irq);
  const h = t.get(irq);
  t.set(irq, null);
  return h;
}

/**
 * The interrupt exception (installed with setIrqHandler): acknowledge, call
 * the handler, end of interrupt, until the controller has nothing pending.
 * Allocates nothing.
 */
export function dispatchIrq(frame: number): void {
  const c = controller;
  const t = handlers;
  const n = counts;
  if (c === null || t === null || n === null) return;
  for (let i = 0; i < MAX_PER_EXCEPTION; i++) {
    const irq = c.acknowledge();
    if (irq === SPURIOUS_IRQ) {
      if (i === 0) spurious++;
      return;
    }
    if (irq < t.length) {
      n.set(irq, u32(n.get(irq) + 1));
      const h = t.get(irq);
      if (h !== null) h(irq);
      else noHandler(c, irq);
    }
    c.endOfInterrupt(irq);
  }
}

function noHandler(c: IrqController, irq: number): void {
  c.disable(irq);
  unhandled++;
  kprint`irq: interrupt ${irq} has no handler; disabled it\n`;
}

/** Interrupts `irq` delivered to a handler (or found without one) since init, modulo 2^32. */
export function irqCount(irq: number): number {
  const n = counts;
  if (n === null || irq < 0 || irq >= n.length) return 0;
  return n.get(irq);
}

/** Interrupt exceptions that found nothing pending at the controller. */
export function spuriousIrqCount(): number {
  return spurious;
}

/** Interrupts that arrived without a handler (each was then disabled). */
export function unhandledIrqCount(): number {
  return unhandled;
}

/**
 * Forgets the controller and the handler table (the handlers are not
 * released: their owners hold them). For tests, and for a kernel handing
 * the machine over; masks IRQs at the CPU first.
 */
export function resetInterrupts(): void {
  irqDisable();
  const t = handlers;
  const n = counts;
  handlers = null;
  counts = null;
  controller = null;
  if (t !== null) release(t);
  if (n !== null) release(n);
}

// ---- PSTATE.I -----------------------------------------------------------------

// DAIF is read and written as a u64 and masked before num(), so gcc can see
// the value is in range and drops num()'s check: these run on every
// critical section.

/** The DAIF bits (D, A, I, F: bits 9..6). */
function daif(): number {
  return num(u64(readSysreg('DAIF') & 0x3c0n));
}

/** Unmasks IRQs at this core (FIQs stay masked: nothing is routed to FIQ). */
export function irqEnable(): void {
  writeSysreg('DAIF', u64(readSysreg('DAIF') & ~u64(DAIF_I)));
}

/** Masks IRQs at this core. */
export function irqDisable(): void {
  writeSysreg('DAIF', u64(readSysreg('DAIF') | u64(DAIF_I)));
}

/** True when IRQs are unmasked at this core. */
export function irqsEnabled(): boolean {
  return (daif() & DAIF_I) === 0;
}

/** Masks IRQs and returns the previous state for irqRestore (nests). */
export function irqSave(): number {
  const old = readSysreg('DAIF');
  writeSysreg('DAIF', u64(old | u64(DAIF_I)));
  return num(u64(old & u64(DAIF_I)));
}

/** Restores the IRQ mask irqSave returned. */
export function irqRestore(saved: number): void {
  writeSysreg('DAIF', u64((readSysreg('DAIF') & ~u64(DAIF_I)) | u64(saved & DAIF_I)));
}
