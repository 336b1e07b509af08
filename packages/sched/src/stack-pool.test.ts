import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, store64, u64 } from '@unishyper/rt';
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import { isMapped } from '@unishyper/hal-aarch64';
// Node-only control of hal's page-table module (not part of its package API).
import { ramBlockEntry, setSimTranslationRoot, simTlbFlushCount, tableEntry } from '../../hal-aarch64/src/page-table';
import {
  allocStack, arenaSlots, arenaStart, freeStack, initStackPool, slotBase, slotOfBase, stackCapacity, stacksInUse,
  SLOTS_PER_CHUNK, STACK_CHUNK_BYTES, STACK_GUARD_BYTES, STACK_SLOT_BYTES, STACK_USABLE_BYTES,
} from './stack-pool';

const MiB = 1024 * 1024;

describe('stack slot arithmetic', () => {
  it('32 KiB slots: a 4 KiB guard page, then 28 KiB of stack; 64 slots per 2 MiB chunk', () => {
    expect(STACK_GUARD_BYTES + STACK_USABLE_BYTES).toBe(STACK_SLOT_BYTES);
    expect(SLOTS_PER_CHUNK * STACK_SLOT_BYTES).toBe(STACK_CHUNK_BYTES);
    expect(arenaStart(0x40a4_0000)).toBe(0x40c0_0000);
    expect(arenaStart(0x40c0_0000)).toBe(0x40c0_0000);
    expect(arenaSlots(0x40c0_0000, 0x4800_0000)).toBe(58 * 64);
    expect(arenaSlots(0x40c0_0000, 0x40df_ffff)).toBe(0);
    expect(slotBase(0x40c0_0000, 0)).toBe(0x40c0_1000);
    expect(slotBase(0x40c0_0000, 65)).toBe(0x40c0_0000 + 65 * 0x8000 + 0x1000);
    expect(slotOfBase(0x40c0_0000, 100, 0x40c0_0000 + 65 * 0x8000 + 0x1000)).toBe(65);
    expect(slotOfBase(0x40c0_0000, 65, 0x40c0_0000 + 65 * 0x8000 + 0x1000)).toBe(-1); // beyond the slots given
    expect(slotOfBase(0x40c0_0000, 100, 0x40c0_1010)).toBe(-1);
    expect(slotOfBase(0x40c0_0000, 100, 0x40c0_0000)).toBe(-1);
    expect(slotOfBase(0x40c0_0000, 100, 0x40bf_9000)).toBe(-1);
  });
});

describe('the stack pool over simulated page tables', () => {
  const arena = 0x4200_0000;
  beforeEach(() => {
    // RAM 0x4000_0000..0x4400_0000; heap 0x4100_0000..0x4200_0000; the arena: two chunks above it.
    resetMachine({ heapSize: 16 * MiB });
    const l1 = allocBytes(4096, 4096);
    const l2 = allocBytes(4096, 4096);
    for (let i = 0; i < 512; i++) {
      store64(l1 + 8 * i, u64(0));
      store64(l2 + 8 * i, ramBlockEntry(0x4000_0000 + i * STACK_CHUNK_BYTES));
    }
    store64(l1 + 8, tableEntry(l2));
    setSimTranslationRoot(l1);
    initStackPool(arena - 1 * MiB, arena + 5 * MiB);
  });

  it('hands out guarded stacks, preparing a chunk only when needed', () => {
    expect(stackCapacity()).toBe(2 * SLOTS_PER_CHUNK);
    expect(simTlbFlushCount()).toBe(0);
    const a = allocStack();
    const b = allocStack();
    expect(a).toBe(arena + STACK_GUARD_BYTES);
    expect(b).toBe(a + STACK_SLOT_BYTES);
    expect(simTlbFlushCount()).toBe(1); // one split for 64 stacks
    for (const base of [a, b]) {
      expect(isMapped(base - 1)).toBe(false);
      expect(isMapped(base - STACK_GUARD_BYTES)).toBe(false);
      expect(isMapped(base)).toBe(true);
      expect(isMapped(base + STACK_USABLE_BYTES - 1)).toBe(true);
    }
    expect(stacksInUse()).toBe(2);
  });

  it('reuses freed stacks first (their guard pages stay unmapped)', () => {
    const a = allocStack();
    const b = allocStack();
    freeStack(a);
    expect(stacksInUse()).toBe(1);
    expect(allocStack()).toBe(a);
    freeStack(b);
    freeStack(a);
    expect(allocStack()).toBe(a);
    expect(allocStack()).toBe(b);
    expect(allocStack()).toBe(b + STACK_SLOT_BYTES);
    expect(isMapped(a - 1)).toBe(false);
    expect(stacksInUse()).toBe(3);
  });

  it('panics on a double free or an address that is no stack of the pool, changing nothing', () => {
    const a = allocStack();
    freeStack(a);
    expect(catchPanic(() => freeStack(a))).toBe('freeStack: double free of the thread stack at 0x42001000');
    expect(catchPanic(() => freeStack(a + 16))).toBe('freeStack: not a thread stack of the pool: 0x42001010');
    expect(catchPanic(() => freeStack(a + STACK_SLOT_BYTES))).toBe('freeStack: not a thread stack of the pool: 0x42009000'); // never handed out
    expect(catchPanic(() => freeStack(0x4100_0000))).toBe('freeStack: not a thread stack of the pool: 0x41000000');
    expect(stacksInUse()).toBe(0);
    expect(allocStack()).toBe(a); // the lock was released and the state is intact
  });

  it('grows chunk by chunk and panics when the arena is exhausted', () => {
    const bases: number[] = [];
    for (let i = 0; i < 2 * SLOTS_PER_CHUNK; i++) bases.push(allocStack());
    expect(new Set(bases).size).toBe(2 * SLOTS_PER_CHUNK);
    expect(simTlbFlushCount()).toBe(2);
    expect(bases[SLOTS_PER_CHUNK]).toBe(arena + STACK_CHUNK_BYTES + STACK_GUARD_BYTES);
    expect(catchPanic(() => allocStack())).toBe('out of thread stacks: every slot of the arena is in use, arena at 0x42000000');
    freeStack(bases[7]!);
    expect(allocStack()).toBe(bases[7]);
  });

  it('detects a corrupted free-list link instead of following it', () => {
    const a = allocStack();
    const b = allocStack();
    freeStack(a);
    freeStack(b); // b's first word links to a
    store64(b, u64(100)); // a stray write: slot 99 was never handed out
    expect(catchPanic(() => allocStack())).toBe('stack pool corruption: bad free-list link in the stack at 0x42009000');
  });
});
