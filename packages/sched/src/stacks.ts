/**
 * Thread stacks: guarded slots from stack-pool.ts (an unmapped page below
 * each, so an overflow is reported as one). STACK_BYTES is what a thread
 * may use.
 */
import { allocStack, freeStack, STACK_USABLE_BYTES } from './stack-pool';

export const STACK_BYTES = STACK_USABLE_BYTES;

/** The lowest usable address of a new stack; it ends at + STACK_BYTES. */
export function allocThreadStack(): number {
  return allocStack();
}

export function freeThreadStack(base: number): void {
  freeStack(base);
}
