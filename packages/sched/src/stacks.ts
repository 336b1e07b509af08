/** Thread stacks (to be replaced by guarded stacks from stack-pool.ts). */
import { allocBytes, freeBytes } from '@unishyper/rt';

export const STACK_BYTES = 16384;

export function allocThreadStack(): number {
  return allocBytes(STACK_BYTES, 16);
}

export function freeThreadStack(base: number): void {
  freeBytes(base);
}
