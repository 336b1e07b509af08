/**
 * The kernel heap's lock. Every core allocates (the dialect's `new` calls
 * mm_heap_alloc), and @unishyper/mm's heap is single-threaded by design,
 * so the image entry wraps each heap call in lockKernelHeap/unlockKernelHeap.
 * It lives here, below packages/sync, because the heap exists before
 * anything else.
 *
 * The lock word sits in the first bytes of the heap's memory (set by
 * useKernelHeapLockWord before the first allocation), a lock-word.ts lock
 * tagged with the holder's core number + 1. Taken with IRQs masked: an interrupt on the
 * holding core would otherwise spin on it forever. Nothing is locked inside
 * it, so it can be part of no lock cycle.
 */
import { panic, u64 } from '@unishyper/rt';
import { atomicStore } from './atomics';
import { irqRestore, irqSave } from './irq';
import { acquireLockWord, coreNumber, lockWordHolder, releaseLockWord } from './lock-word';

let word = 0;

/** Makes the 8 bytes at `addr` the heap lock (free). */
export function useKernelHeapLockWord(addr: number): void {
  word = addr;
  atomicStore(word, u64(0));
}

/** Masks IRQs and takes the heap lock; returns the IRQ mask for unlockKernelHeap. */
export function lockKernelHeap(): number {
  const saved = irqSave();
  if (word === 0) return saved;
  if (!acquireLockWord(word, coreNumber() + 1)) {
    releaseLockWord(word);
    panic('kernel heap used re-entrantly on one core (from an interrupt handler?)');
  }
  return saved;
}

export function unlockKernelHeap(saved: number): void {
  if (word !== 0) releaseLockWord(word);
  irqRestore(saved);
}

/**
 * After a panic inside a heap operation on this core (a double free or a
 * corrupt block, detected before anything changed), frees the lock so the
 * rest of the kernel can go on allocating. True if this core held it.
 */
export function releaseKernelHeapAfterPanic(): boolean {
  if (word === 0 || lockWordHolder(word) !== coreNumber() + 1) return false;
  releaseLockWord(word);
  return true;
}

/** Whether some core holds the heap lock (tests). */
export function kernelHeapLocked(): boolean {
  return word !== 0 && lockWordHolder(word) !== 0;
}
