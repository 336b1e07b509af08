/**
 * The generic timer (ARM ARM D11): the virtual counter CNTVCT_EL0 is the
 * kernel's clock, and the EL1 virtual timer (CNTV_CVAL_EL0/CNTV_CTL_EL0) is
 * a one-shot deadline whose interrupt (the board's timerIrq(), PPI 27 on GIC
 * boards) calls the handler the kernel installed.
 *
 * Policy: one-shot. When the deadline passes, the interrupt handler turns
 * the timer off (CNTV_CTL_EL0.IMASK, so the level-sensitive PPI drops before
 * the end of interrupt) and then calls the handler, which may set the next
 * deadline. A periodic tick is a handler that re-arms.
 *
 * Times are `number`s: ticks below 2^53 (4.5 years at 62.5 MHz), and
 * nanoseconds below 2^53 (104 days of uptime) where converted.
 */
import { divu64, hex, idiv, isb, kprint, num, panic, readSysreg, u64, writeSysreg } from '@unishyper/rt';
import { irqRestore, irqSave, irqEnable, registerIrq } from './irq';

const CTL_ENABLE = 1;
const CTL_IMASK = 2;
const CTL_ISTATUS = 4;
const NS_PER_S = 1_000_000_000;

let frequency = 0;
let timerIrqId = -1;
let handler: (() => void) | null = null;
let fired = 0;
let lastFiredAt = 0;

/**
 * Reads the counter frequency, turns the virtual timer off and takes
 * interrupt `irq` (the board's timerIrq()) for it. Needs initInterrupts.
 */
export function initTimer(irq: number): void {
  frequency = num(u64(readSysreg('CNTFRQ_EL0') & 0xffff_ffffn));
  if (frequency === 0) panic('timer: CNTFRQ_EL0 is 0 (the firmware did not set the counter frequency)');
  writeSysreg('CNTV_CTL_EL0', u64(CTL_IMASK));
  isb();
  fired = 0;
  lastFiredAt = 0;
  timerIrqId = irq;
  registerIrq(irq, timerInterrupt);
}

/** Counter ticks per second (CNTFRQ_EL0); 0 before initTimer. */
export function timerFrequency(): number {
  return frequency;
}

/** The interrupt ID the timer uses; -1 before initTimer. */
export function timerIrq(): number {
  return timerIrqId;
}

/** The virtual counter now, in ticks. The isb keeps the read from being hoisted or speculated early. */
export function nowTicks(): number {
  isb();
  return num(readSysreg('CNTVCT_EL0'));
}

function freq(): number {
  if (frequency === 0) return panic('timer: not initialised (initTimer)');
  return frequency;
}

/** `ticks` (>= 0) in nanoseconds, rounded down; exact (the sub-second part is computed in 64 bits). */
export function ticksToNs(ticks: number): number {
  const f = freq();
  const s = idiv(ticks, f);
  const rest = ticks - s * f;
  return s * NS_PER_S + num(divu64(u64(u64(rest) * 1_000_000_000n), u64(f)));
}

/** `ticks` (>= 0) in microseconds, rounded down. */
export function ticksToUs(ticks: number): number {
  const f = freq();
  const s = idiv(ticks, f);
  const rest = ticks - s * f;
  return s * 1_000_000 + num(divu64(u64(u64(rest) * 1_000_000n), u64(f)));
}

/** `ns` (>= 0) nanoseconds in ticks, rounded up, so a deadline never comes early. */
export function nsToTicks(ns: number): number {
  const f = freq();
  const s = idiv(ns, NS_PER_S);
  const rest = ns - s * NS_PER_S;
  return s * f + num(divu64(u64(u64(rest) * u64(f) + 999_999_999n), u64(NS_PER_S)));
}

/** Time since the counter started, in nanoseconds. */
export function nowNs(): number {
  return ticksToNs(nowTicks());
}

/** Time since the counter started, in microseconds. */
export function nowUs(): number {
  return ticksToUs(nowTicks());
}

/**
 * Time since the counter started, in milliseconds (rounded down): one
 * division when the frequency is a whole number of kHz (62.5 MHz on QEMU
 * virt), which the network stack's clock reads on every socket call.
 */
export function nowMs(): number {
  const f = freq();
  const ticks = nowTicks();
  if (f % 1000 === 0) return idiv(ticks, idiv(f, 1000));
  return idiv(ticksToUs(ticks), 1000);
}

/**
 * Arms the one-shot timer for counter value `ticks` (absolute). A deadline in
 * the past fires at once. Replaces any earlier deadline.
 */
export function timerSetDeadline(ticks: number): void {
  writeSysreg('CNTV_CVAL_EL0', u64(ticks));
  writeSysreg('CNTV_CTL_EL0', u64(CTL_ENABLE));
  isb();
}

/** Arms the one-shot timer `ns` nanoseconds from now. */
export function timerSetAfterNs(ns: number): void {
  timerSetDeadline(nowTicks() + nsToTicks(ns));
}

/** Turns the timer off; a pending expiry is dropped. */
export function timerCancel(): void {
  writeSysreg('CNTV_CTL_EL0', u64(CTL_IMASK));
  isb();
}

/** The function the timer interrupt calls after a deadline passed (null: none). Runs with IRQs masked. */
export function setTimerHandler(h: (() => void) | null): void {
  handler = h;
}

/** Deadlines that have fired since initTimer. */
export function timerFiredCount(): number {
  return fired;
}

function timerInterrupt(irq: number): void {
  const ctl = num(readSysreg('CNTV_CTL_EL0'));
  // The deadline may have been moved or cancelled since the GIC latched the line.
  if ((ctl & CTL_ENABLE) === 0 || (ctl & CTL_ISTATUS) === 0) return;
  writeSysreg('CNTV_CTL_EL0', u64(CTL_IMASK));
  isb();
  fired++;
  lastFiredAt = nowTicks();
  const h = handler;
  if (h !== null) h();
}

/** Deadline of the boot self-test, and how long it waits before declaring the timer broken. */
export const SELF_TEST_DELAY_US = 1000;
const SELF_TEST_LIMIT_US = 200_000;

/**
 * Proves that timer interrupts are delivered: arms a deadline
 * SELF_TEST_DELAY_US ahead with IRQs unmasked, waits for the interrupt, and
 * prints `timer: irq 27 delivered after N us ...`. False (after printing
 * why) when no interrupt came within SELF_TEST_LIMIT_US or it came early.
 * Meant for boot, before a timer handler is installed (one installed is
 * called for this deadline too). Leaves the timer off and the IRQ mask as
 * it found it.
 */
export function timerSelfTest(): boolean {
  const before = fired;
  const start = nowTicks();
  const deadline = start + nsToTicks(SELF_TEST_DELAY_US * 1000);
  const limit = start + nsToTicks(SELF_TEST_LIMIT_US * 1000);
  const saved = irqSave();
  timerSetDeadline(deadline);
  irqEnable();
  while (fired === before && nowTicks() < limit) {
    // polled rather than wfi: a broken timer must not hang the boot
  }
  irqRestore(saved);
  if (fired === before) {
    const ctl = num(readSysreg('CNTV_CTL_EL0'));
    timerCancel();
    kprint`timer: irq ${timerIrqId} NOT delivered within ${SELF_TEST_LIMIT_US} us (CNTV_CTL_EL0 ${hex(ctl)})\n`;
    return false;
  }
  kprint`timer: irq ${timerIrqId} delivered after ${ticksToUs(lastFiredAt - start)} us (deadline ${SELF_TEST_DELAY_US} us, counter ${frequency} Hz)\n`;
  if (lastFiredAt < deadline) {
    kprint`timer: the interrupt came before its deadline\n`;
    return false;
  }
  return true;
}

/** Forgets the timer state (tests); the interrupt registration is reset with resetInterrupts. */
export function resetTimer(): void {
  frequency = 0;
  timerIrqId = -1;
  handler = null;
  fired = 0;
  lastFiredAt = 0;
}
