/**
 * Critical sections on scheduler state for code outside the scheduler
 * (packages/sync): `const saved = schedLock(); ...; schedUnlock(saved)`.
 * schedLock masks IRQs and takes the scheduler lock; schedUnlock drops both
 * and, when the section made a more urgent thread ready on this core and
 * IRQs were on before, lets it run at once instead of at the next interrupt.
 */
import { irqDisable, irqEnable, irqRestore, irqSave, irqsEnabled } from '@unishyper/hal-aarch64';
import { reschedPending } from './cores';
import { preemptLocal } from './dispatch';
import { lockSched, unlockSched } from './sched-lock';

/** DAIF.I in the mask irqSave returns. */
const DAIF_I = 0x80;

/** Masks IRQs and takes the scheduler lock; returns the IRQ mask to restore. */
export function schedLock(): number {
  const saved = irqSave();
  lockSched();
  return saved;
}

/**
 * Gives up the core now if a more urgent thread or a kill is waiting for
 * it and nothing prevents that (IRQs on, no spinlock held): for the end of
 * a section that held preemption off, e.g. sync's SpinLock.unlock.
 */
export function preemptIfPending(): void {
  if (!reschedPending() || !irqsEnabled()) return;
  irqDisable();
  preemptLocal();
  irqEnable();
}

export function schedUnlock(saved: number): void {
  unlockSched();
  if ((saved & DAIF_I) === 0 && reschedPending()) preemptLocal();
  irqRestore(saved);
}
