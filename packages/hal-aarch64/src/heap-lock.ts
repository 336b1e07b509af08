/**
 * The kernel heap's lock. Every core allocates (the dialect's `new` calls
 * mm_heap_alloc), and @unishyper/mm's heap is single-threaded by design,
 * so the image entry wraps each heap call in lockKernelHeap/unlockKernelHeap.
 * It lives here, below packages/sync, because the heap exists before
 * anything else.
 *
 * The lock word sits in the first bytes of the heap's memory (set by
 * useKernelHeapLockWord before the first allocation): 0 when free, else the
 * holder's MPIDR affinity + 1. Taken with IRQs masked: an interrupt on the
 * holding core would otherwise spin on it forever. Nothing is locked inside
 * it, so it can be part of no lock cycle.
 */
import { num, panic, readSysreg, u64 } from '@unishyper/rt';
import { atomicCas, atomicLoad, atomicStore, atomicWaitWhile } from './atomics';
import { irqRestore, irqSave } from './irq';

let word = 0;

/** Makes the 8 bytes at `addr` the heap lock (free). */
export function useKernelHeapLockWord(addr: number): void {
  word = addr;
  atomicStore(word, u64(0));
}

function holderTag(): u64 {
  return u64(u64(readSysreg('MPIDR_EL1') & 0xffffn) + 1n);
}

/** Masks IRQs and takes the heap lock; returns the IRQ mask for unlockKernelHeap. */
export function lockKernelHeap(): number {
  const saved = irqSave();
  if (word === 0) return saved;
  const mine = holderTag();
  for (;;) {
    const old = atomicCas(word, u64(0), mine);
    if (old === 0n) return saved;
    if (old === mine) {
      atomicStore(word, u64(0));
      panic('kernel heap used re-entrantly on one core (from an interrupt handler?)');
    }
    atomicWaitWhile(word, old);
  }
}

export function unlockKernelHeap(saved: number): void {
  if (word !== 0) atomicStore(word, u64(0));
  irqRestore(saved);
}

/**
 * After a panic inside a heap operation on this core (a double free or a
 * corrupt block, detected before anything changed), frees the lock so the
 * rest of the kernel can go on allocating. True if this core held it.
 */
export function releaseKernelHeapAfterPanic(): boolean {
  if (word === 0 || atomicLoad(word) !== holderTag()) return false;
  atomicStore(word, u64(0));
  return true;
}

/** Whether some core holds the heap lock (tests). */
export function kernelHeapLocked(): boolean {
  return word !== 0 && num(atomicLoad(word)) !== 0;
}
