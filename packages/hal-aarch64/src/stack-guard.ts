/**
 * Stack overflow detection, the per-core half (native/vectors.S does the
 * check): the running thread's stack limit and this core's overflow stack.
 *
 * A synchronous exception whose sp is below limit + 800 bytes (the 288-byte
 * trap frame plus the 512 bytes a pre-indexed store can reach below sp)
 * cannot push its frame: it is a thread that ran into the unmapped guard
 * page below its stack. The vector then builds the frame on the core's
 * overflow stack instead and calls hal_trap(frame, KIND_STACK_OVERFLOW),
 * which reports "stack overflow" and ends the thread through the fault hook.
 * Without that, the fault handler's own first store would fault again, and
 * the core would loop on nested faults with nothing printed.
 *
 * The limit lives in TPIDRRO_EL0 and the overflow stack top in SP_EL0 (EL0
 * state this EL1-only kernel never uses; per core by construction), so a
 * context switch sets the limit with one msr. boot.S zeroes both on every
 * core: limit 0 = unchecked (boot and idle stacks).
 */
import { allocBytes } from '@unishyper/rt';

/** Bytes of each core's overflow stack: the report, the fault hook, and the switch away. */
export const OVERFLOW_STACK_BYTES = 4096;

let simLimit = 0;
let simOverflowTop = 0;

/**
 * Sets this core's stack limit: the lowest address the running thread's
 * stack may use (a guarded stack's base), or 0 for no check.
 * @native hal_set_stack_limit
 */
export function setStackLimit(limit: number): void {
  simLimit = limit;
}

/**
 * This core's stack limit (0 = unchecked).
 * @native hal_stack_limit
 */
export function stackLimit(): number {
  return simLimit;
}

/** @native hal_set_overflow_stack */
function setOverflowStackTop(top: number): void {
  simOverflowTop = top;
}

/**
 * Top of this core's overflow stack, 0 before initOverflowStack.
 * @native hal_overflow_stack
 */
export function overflowStackTop(): number {
  return simOverflowTop;
}

/**
 * Gives the calling core its overflow stack (OVERFLOW_STACK_BYTES from the
 * kernel heap); call once on each core, boot and secondary, before threads
 * with a stack limit run there. Again on the same core: nothing happens.
 */
export function initOverflowStack(): void {
  if (overflowStackTop() !== 0) return;
  const bottom = allocBytes(OVERFLOW_STACK_BYTES, 16);
  setOverflowStackTop(bottom + OVERFLOW_STACK_BYTES);
}
