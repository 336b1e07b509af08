import { beforeEach, describe, expect, it } from 'vitest';
import { allocBytes, load64, store64, u64 } from '@unishyper/rt';
import { catchPanic, resetMachine } from '@unishyper/rt/sim';
import {
  BLOCK_BYTES, PAGE_BYTES, entryAddress, isBlockEntry, isMapped, isTableEntry, isValidEntry, l1Index, l2Index, l3Index,
  mapPage, ramBlockEntry, ramPageEntry, setSimTranslationRoot, simTlbFlushCount, splitBlock, tableEntry, translationRoot, unmapPage,
} from './page-table';

/** boot.S's tables in simulated RAM: GiB 0 unmapped here, GiB 1 through a level-2 table of RAM blocks. */
function bootTables(): { l1: number; l2: number } {
  const l1 = allocBytes(PAGE_BYTES, PAGE_BYTES);
  const l2 = allocBytes(PAGE_BYTES, PAGE_BYTES);
  for (let i = 0; i < 512; i++) {
    store64(l1 + 8 * i, u64(0));
    store64(l2 + 8 * i, ramBlockEntry(0x4000_0000 + i * BLOCK_BYTES));
  }
  store64(l1 + 8, tableEntry(l2));
  setSimTranslationRoot(l1);
  return { l1, l2 };
}

describe('descriptor encoding', () => {
  it('matches boot.S: AF, inner shareable, MAIR attr1, and the type bits', () => {
    expect(ramBlockEntry(0x4000_0000)).toBe(0x4000_0705n);
    expect(ramPageEntry(0x4020_3000)).toBe(0x4020_3707n);
    expect(tableEntry(0x4021_0000)).toBe(0x4021_0003n);
    expect(entryAddress(ramPageEntry(0x4020_3000))).toBe(0x4020_3000);
    expect(entryAddress(u64(0x0060_0000_4020_3707n))).toBe(0x4020_3000); // upper attributes are not address
    expect(isBlockEntry(ramBlockEntry(0x4000_0000))).toBe(true);
    expect(isTableEntry(tableEntry(0x1000))).toBe(true);
    expect(isValidEntry(u64(0))).toBe(false);
  });

  it('splits an address into the walk indices', () => {
    const va = 0x4000_0000 + 5 * BLOCK_BYTES + 7 * PAGE_BYTES + 0x123;
    expect([l1Index(va), l2Index(va), l3Index(va)]).toEqual([1, 5, 7]);
    expect([l1Index(0xffff_ffff), l2Index(0xffff_ffff), l3Index(0xffff_ffff)]).toEqual([3, 511, 511]);
  });
});

describe('splitting a block and changing pages (simulated tables)', () => {
  let t = { l1: 0, l2: 0 };
  beforeEach(() => {
    resetMachine();
    t = bootTables();
  });

  it('gives a block a level-3 table with holes, in one break-before-make', () => {
    expect(translationRoot()).toBe(t.l1);
    const blk = 0x4000_0000 + 3 * BLOCK_BYTES;
    splitBlock(blk, 0x8000);
    const e2 = load64(t.l2 + 3 * 8);
    expect(isTableEntry(e2)).toBe(true);
    const l3 = entryAddress(e2);
    expect(load64(l3)).toBe(0n); // first page of the first 32 KiB: a hole
    expect(load64(l3 + 8)).toBe(ramPageEntry(blk + PAGE_BYTES));
    expect(load64(l3 + 8 * 8)).toBe(0n);
    expect(load64(l3 + 8 * 511)).toBe(ramPageEntry(blk + 511 * PAGE_BYTES));
    expect(simTlbFlushCount()).toBe(1);
    expect(isMapped(blk)).toBe(false);
    expect(isMapped(blk + 0x8000 - 1)).toBe(true);
    expect(isMapped(blk + 0x8000)).toBe(false);
    expect(isMapped(blk + BLOCK_BYTES)).toBe(true); // the next block is untouched
    expect(load64(t.l2 + 4 * 8)).toBe(ramBlockEntry(blk + BLOCK_BYTES));
  });

  it('unmaps and maps single pages; only an unmap invalidates', () => {
    const blk = 0x4000_0000 + 8 * BLOCK_BYTES;
    splitBlock(blk, 0);
    const page = blk + 17 * PAGE_BYTES;
    expect(isMapped(page)).toBe(true);
    unmapPage(page);
    expect(isMapped(page)).toBe(false);
    expect(isMapped(page - 1)).toBe(true);
    expect(isMapped(page + PAGE_BYTES)).toBe(true);
    expect(simTlbFlushCount()).toBe(2);
    unmapPage(page); // already unmapped: nothing to do
    expect(simTlbFlushCount()).toBe(2);
    mapPage(page + 5);
    expect(isMapped(page)).toBe(true);
    expect(simTlbFlushCount()).toBe(2);
  });

  it('refuses what would break break-before-make or is not a 2 MiB block', () => {
    const blk = 0x4000_0000 + 2 * BLOCK_BYTES;
    expect(catchPanic(() => splitBlock(blk + PAGE_BYTES, 0))).toBe('page table: split of an address that is not 2 MiB aligned at 0x40401000');
    expect(catchPanic(() => splitBlock(blk, 3 * PAGE_BYTES))).toMatch(/hole stride that does not tile 2 MiB/);
    splitBlock(blk, 0);
    expect(catchPanic(() => splitBlock(blk, 0))).toBe('page table: split of an entry that is not a 2 MiB block at 0x40400000');
    expect(catchPanic(() => unmapPage(blk + BLOCK_BYTES))).toBe('page table: 2 MiB block not split into pages at 0x40600000');
    expect(catchPanic(() => splitBlock(0x8000_0000, 0))).toBe('page table: GiB not mapped through a level-2 table at 0x80000000');
    expect(catchPanic(() => splitBlock(0x1_0000_0000, 0))).toBe('page table: address outside the identity map at 0x100000000');
  });

  it('keeps the attributes of the block it splits', () => {
    const blk = 0x4000_0000 + 9 * BLOCK_BYTES;
    store64(t.l2 + 9 * 8, u64(0x0040_0000_0000_0000n | ramBlockEntry(blk))); // PXN set
    splitBlock(blk, 0);
    const l3 = entryAddress(load64(t.l2 + 9 * 8));
    expect(load64(l3 + 8 * 2)).toBe(0x0040_0000_0000_0000n | ramPageEntry(blk + 2 * PAGE_BYTES));
  });
});
