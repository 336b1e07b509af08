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

/**
 * Entry from the vectors: kind = vector slot (0-15).
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
  reportException(frame, kind);
  kernelExit(FAULT_EXIT_STATUS);
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
