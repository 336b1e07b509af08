/**
 * The TypeScript side of the exception vectors (native/vectors.S): every
 * exception arrives here with its trap frame. Interrupts go to the handler
 * the kernel registered; anything else is an unexpected exception: a decoded
 * report, then the run ends (later, with threads: only the faulting thread).
 */
import { hex, idiv, kprint, load64, num, u64 } from '@unishyper/rt';
import { exceptionClassName, faultStatusName, isAbort } from './exception';
import { sourceFileName, sourceLineInfo } from './source-lines';
import { kernelExit, powerOffNow, isExiting } from './kernel';

/** Frame layout shared with vectors.S. */
export const FRAME_ELR = 248;
export const FRAME_SPSR = 256;
export const FRAME_ESR = 264;
export const FRAME_FAR = 272;
export const FRAME_SP = 280;

/** Status a run ends with after an unexpected exception. */
export const FAULT_EXIT_STATUS = 3;
/**
 * `kind` native/vectors.S passes when a synchronous exception found the
 * stack pointer below the running thread's stack limit (a stack overflow
 * into the guard page); the frame is then on the core's overflow stack and
 * its sp slot holds the overflowing sp.
 */
export const KIND_STACK_OVERFLOW = 16;

let irqHandler: ((frame: number) => void) | null = null;

/** Installs the interrupt handler (the interrupt controller's dispatch). */
export function setIrqHandler(h: (frame: number) => void): void {
  irqHandler = h;
}

let afterIrq: (() => void) | null = null;

/**
 * Installs a hook that runs after an interrupt has been handled and
 * acknowledged (end of interrupt done), still with IRQs masked, before the
 * interrupted code resumes: where a scheduler preempts (it may switch to
 * another thread here; the trap frame stays on the preempted thread's stack).
 */
export function setAfterIrqHook(h: (() => void) | null): void {
  afterIrq = h;
}

let faultHook: ((frame: number, kind: number) => void) | null = null;

/**
 * Installs a hook that runs after an unexpected exception has been reported,
 * before the run ends: where a scheduler ends only the faulting thread (the
 * hook then switches away and never returns). If it returns, the run ends
 * with FAULT_EXIT_STATUS.
 */
export function setFaultHook(h: ((frame: number, kind: number) => void) | null): void {
  faultHook = h;
}

let panicHook: (() => void) | null = null;

/**
 * Installs a hook that runs after a panic has printed its message and
 * source line, before the run ends: where a scheduler ends only the
 * panicking thread (the hook then never returns).
 */
export function setPanicHook(h: (() => void) | null): void {
  panicHook = h;
}

/**
 * Called by native/kernel-rt.c when a panic is about to end the run.
 * @export hal_on_panic
 */
export function onPanic(): void {
  const h = panicHook;
  if (h !== null) h();
}

/**
 * Entry from the vectors: kind = vector slot (0-15), or KIND_STACK_OVERFLOW.
 * @export hal_trap
 */
export function halTrap(frame: number, kind: number): void {
  // A trap while ending the run (semihosting absent: hlt is undefined) powers off.
  if (isExiting()) powerOffNow();
  const type = kind & 3; // 0 sync, 1 irq, 2 fiq, 3 serror
  if (type === 1 || type === 2) {
    const h = irqHandler;
    if (h !== null) {
      h(frame);
      const after = afterIrq;
      if (after !== null) after();
      return;
    }
  }
  if (kind === KIND_STACK_OVERFLOW) reportStackOverflow(frame);
  else reportException(frame, kind);
  const hook = faultHook;
  if (hook !== null) hook(frame, kind);
  kernelExit(FAULT_EXIT_STATUS);
}

function reportStackOverflow(frame: number): void {
  const elr = load64(frame + FRAME_ELR);
  kprint`\n*** stack overflow: sp ${hex(load64(frame + FRAME_SP))} ran into the guard page below the stack (FAR ${hex(load64(frame + FRAME_FAR))})\n`;
  const where = sourceLineInfo(num(u64(elr & 0xffffffffn)));
  if (where >= 0) kprint`    at ${sourceFileName(idiv(where, 1048576))}:${where % 1048576}\n`;
}

function reportException(frame: number, kind: number): void {
  const esr = load64(frame + FRAME_ESR);
  const ec = num(u64((esr >> 26n) & 0x3fn));
  const iss = num(u64(esr & 0x1ffffffn));
  const type = kind & 3;
  const typeName = type === 0 ? 'synchronous' : type === 1 ? 'IRQ' : type === 2 ? 'FIQ' : 'SError';
  kprint`\n*** unexpected ${typeName} exception (vector ${kind}): ${exceptionClassName(ec)} (EC ${hex(ec)}, ISS ${hex(iss)})\n`;
  if (isAbort(ec)) {
    kprint`    ${faultStatusName(iss & 0x3f)} ${(iss & 0x40) !== 0 ? 'writing' : 'reading'} address ${hex(load64(frame + FRAME_FAR))}\n`;
  }
  const elr = load64(frame + FRAME_ELR);
  kprint`    ELR ${hex(elr)}  SPSR ${hex(load64(frame + FRAME_SPSR))}  SP ${hex(load64(frame + FRAME_SP))}\n`;
  const where = sourceLineInfo(num(u64(elr & 0xffffffffn)));
  if (where >= 0) kprint`    at ${sourceFileName(idiv(where, 1048576))}:${where % 1048576}\n`;
  for (let r = 0; r < 31; r += 2) {
    if (r === 30) kprint`    x30 ${hex(load64(frame + 240))}\n`;
    else kprint`    x${r} ${hex(load64(frame + r * 8))}  x${r + 1} ${hex(load64(frame + r * 8 + 8))}\n`;
  }
}
