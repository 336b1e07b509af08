/**
 * @node-only
 * Helpers for the Node tests: a fresh machine with the scheduler (the vfs
 * locks need a current thread), bytes in simulated RAM, and a leak check
 * against a baseline (the scheduler's own allocations are live from the
 * start, so rt's expectNoLeaks cannot be used as is).
 */
import { allocBytes, freeBytes } from '@unishyper/rt';
import { liveAllocations, readMemory, resetMachine, writeMemory } from '@unishyper/rt/sim';
import { initScheduler, resetScheduler } from '@unishyper/sched';

export function freshMachine(): void {
  resetMachine();
  resetScheduler();
  initScheduler();
}

/** The heap allocations live now, as "addr:size" strings. */
export function heapSnapshot(): string[] {
  return liveAllocations().map((a) => `${a.addr.toString(16)}:${a.size}`);
}

/** Throws unless exactly the allocations of `baseline` are live. */
export function expectNoLeaksSince(baseline: string[]): void {
  const now = heapSnapshot();
  const before = new Set(baseline);
  const extra = now.filter((a) => !before.has(a));
  const gone = baseline.filter((a) => !now.includes(a));
  if (extra.length > 0 || gone.length > 0) throw new Error(`leak check failed: new ${extra.join(', ')}; freed ${gone.join(', ')}`);
}

/** A heap buffer holding the UTF-8 bytes of `s` (free it with freeBytes). */
export function bufOf(s: string): { addr: number; len: number } {
  const bytes = new TextEncoder().encode(s);
  const addr = allocBytes(Math.max(bytes.length, 1), 1);
  writeMemory(addr, bytes);
  return { addr, len: bytes.length };
}

export function textAt(addr: number, len: number): string {
  return new TextDecoder().decode(readMemory(addr, len));
}

export { allocBytes, freeBytes };
