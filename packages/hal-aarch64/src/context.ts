/**
 * Thread contexts (native/context.S): a context is the stack pointer of a
 * suspended thread; its callee-saved registers sit in a 96-byte frame on its
 * own stack. Switching saves the running context's sp at an address and
 * resumes another. Native only: under Node there is one stack, so the
 * scheduler's policy is tested there and switching in QEMU.
 */
import { panic, store64, u64 } from '@unishyper/rt';
import { setStackLimit } from './stack-guard';

/** Bytes a context keeps on its stack while suspended. */
export const CONTEXT_FRAME_BYTES = 96;

/**
 * Saves the running context (its sp goes to `saveSpAt`) and resumes the one
 * whose sp is stored at `loadSpFrom`, with `stackLimit` as the stack limit
 * (stack-guard.ts; 0 = unchecked); returns when something switches back.
 * @native hal_context_switch
 */
export function contextSwitch(saveSpAt: number, loadSpFrom: number, stackLimit: number): void {
  if (saveSpAt !== loadSpFrom) panic('context switching runs natively only (QEMU)');
  setStackLimit(stackLimit);
}

/**
 * Prepares a new context on the stack ending at `stackTop`: its first resume
 * calls the image's `hal_thread_start(arg)`. Returns its sp.
 * @native hal_context_init
 */
export function contextInit(stackTop: number, arg: number): number {
  // The same frame the assembly builds, so Node tests see the same layout.
  const top = stackTop - (stackTop % 16);
  const sp = top - CONTEXT_FRAME_BYTES;
  for (let off = 0; off < CONTEXT_FRAME_BYTES; off += 8) store64(sp + off, u64(0));
  store64(sp, u64(arg));
  return sp;
}
