/**
 * Helpers for the Node tests (not kernel code, not exported from the
 * package): the seeded random generator and byte patterns that detect
 * overlapping allocations.
 */
import { readMemory, writeMemory } from '@unishyper/rt/sim';

/** The seeded generator (xorshift32) shared with the other packages' tests. */
export { Rng } from '@unishyper/codegen/testing';

/** Fills [addr, addr + len) with a pattern derived from `tag`. */
export function fillPattern(addr: number, len: number, tag: number): void {
  if (len === 0) return;
  const bytes = new Uint8Array(len);
  for (let i = 0; i < len; i++) bytes[i] = (tag * 31 + i * 7) & 0xff;
  writeMemory(addr, bytes);
}

/** Whether [addr, addr + len) still holds the pattern of `tag`. */
export function hasPattern(addr: number, len: number, tag: number): boolean {
  if (len === 0) return true;
  const bytes = readMemory(addr, len);
  for (let i = 0; i < len; i++) if (bytes[i] !== ((tag * 31 + i * 7) & 0xff)) return false;
  return true;
}

export function hex(n: number): string {
  return '0x' + n.toString(16);
}
