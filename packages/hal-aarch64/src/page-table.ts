/**
 * Run-time changes to the identity map at 4 KiB granularity.
 *
 * boot.S maps each GiB of the low 4 GiB through a level-2 table of 2 MiB
 * blocks, RAM or device as the board's memory map says (hal_memory_map). `splitBlock` gives one 2 MiB block a level-3 table
 * of 4 KiB pages (some of them left unmapped: guard pages), after which
 * `unmapPage`/`mapPage` change single pages.
 *
 * Break-before-make (ARM ARM D5.10.1): a valid block entry may not be
 * replaced by a valid table entry directly, or a core could hold both
 * translations in its TLB (a TLB conflict abort, or either one used). So a
 * split writes the invalid entry, invalidates the block on every core
 * (tlbi vae1is + dsb ish), and only then writes the table entry. In between,
 * the 2 MiB are unmapped: an access from any core would fault. Hence the
 * rule: split only a block that nothing uses (the stack arena's fresh
 * chunks), never one holding code, the heap or a running stack; this is why
 * boot.S does not map RAM with one 1 GiB block, which could never be split
 * while the kernel runs from it. Unmapping a page (valid to invalid) and
 * mapping one (invalid to valid) need no break.
 *
 * Costs: a split allocates a 4 KiB table from the kernel heap (0.2% of the
 * 2 MiB it maps), writes 512 entries, and does one broadcast TLB
 * invalidation; an unmap one invalidation, a map none. Changes are
 * serialised by a spinlock taken with IRQs masked (native/mmu.S).
 *
 * Under Node the same code edits a table in simulated RAM chosen with
 * setSimTranslationRoot; the TLB operations count themselves instead.
 */
import { allocBytes, freeBytes, idiv, load64, num, panic, StrBuf, store64, u64 } from '@unishyper/rt';

/** Bytes in a page (level 3) and in a block (level 2). */
export const PAGE_BYTES = 4096;
export const BLOCK_BYTES = 0x20_0000;
const GIB = 0x4000_0000;
const ENTRIES = 512;
/** Where the identity map ends (32-bit VA, TCR_EL1.T0SZ = 32). */
const MAP_END = 0x1_0000_0000;

/** Output address bits [47:12] of a descriptor. */
const ADDR_MASK = 0xffff_ffff_f000n;
/** Normal write-back memory (MAIR attr1), inner shareable, access flag set: boot.S's RAM attributes. */
const RAM_ATTRS = 0x704n;

// ---- descriptors (ARM ARM D5.3: bits [1:0] = 00 invalid, 01 block, 11 table or page) ----

/** A level-2 entry mapping the 2 MiB block at `pa` as RAM. */
export function ramBlockEntry(pa: number): u64 {
  return u64(u64(pa) | RAM_ATTRS | 1n);
}

/** A level-3 entry mapping the page at `pa` as RAM. */
export function ramPageEntry(pa: number): u64 {
  return u64(u64(pa) | RAM_ATTRS | 3n);
}

/** A level-1 or level-2 entry pointing to the next-level table at `pa`. */
export function tableEntry(pa: number): u64 {
  return u64(u64(pa) | 3n);
}

/** The output (or next-table) address of a descriptor. */
export function entryAddress(e: u64): number {
  return num(u64(e & ADDR_MASK));
}

export function isValidEntry(e: u64): boolean {
  return u64(e & 1n) === 1n;
}

/** Whether a level-1/2 entry is a block (at level 3 the same bits mean "reserved"). */
export function isBlockEntry(e: u64): boolean {
  return u64(e & 3n) === 1n;
}

/** Whether a level-1/2 entry points to a table (at level 3: a page). */
export function isTableEntry(e: u64): boolean {
  return u64(e & 3n) === 3n;
}

/** Index of `va` in the level-1, level-2 and level-3 tables of the walk. */
export function l1Index(va: number): number {
  return idiv(va, GIB);
}

export function l2Index(va: number): number {
  return idiv(va % GIB, BLOCK_BYTES);
}

export function l3Index(va: number): number {
  return idiv(va % BLOCK_BYTES, PAGE_BYTES);
}

// ---- the live tables and the native primitives ----

let simRoot = 0;
let simFlushes = 0;

/**
 * The level-1 table in TTBR0_EL1 (boot.S's hal_l1_table); under Node, the
 * table given to setSimTranslationRoot.
 * @native hal_l1_table_address
 */
export function translationRoot(): number {
  return simRoot;
}

/** Node tests: make the level-1 table at `root` (in simulated RAM) the one this module edits. */
export function setSimTranslationRoot(root: number): void {
  simRoot = root;
  simFlushes = 0;
}

/** Node tests: TLB invalidations since setSimTranslationRoot (always 0 natively). */
export function simTlbFlushCount(): number {
  return simFlushes;
}

/**
 * Drops every core's cached translations of `va` (and walk entries above
 * it): dsb ishst; tlbi vae1is; dsb ish; isb.
 * @native hal_tlb_flush_page
 */
function tlbFlushPage(va: number): void {
  simFlushes++;
}

/**
 * Makes a new valid entry visible to every walker: dsb ishst; isb.
 * @native hal_tlb_publish
 */
function tlbPublish(): void {}

/**
 * Masks IRQs and takes the page table lock; returns the mask to restore.
 * @native hal_pt_lock
 */
function ptLock(): number {
  return 0;
}

/** @native hal_pt_unlock */
function ptUnlock(saved: number): void {}

function fail(what: string, va: number): never {
  const b = new StrBuf(128);
  b.push('page table: ');
  b.push(what);
  b.push(' at ');
  b.pushHex(va);
  return panic(b.toString());
}

/** Address of the level-2 entry for `va`; panics unless its GiB is mapped through a level-2 table. */
function l2Slot(va: number): number {
  if (va < 0 || va >= MAP_END) fail('address outside the identity map', va);
  const e1 = load64(translationRoot() + 8 * l1Index(va));
  if (!isTableEntry(e1)) fail('GiB not mapped through a level-2 table', va);
  return entryAddress(e1) + 8 * l2Index(va);
}

/** Address of the level-3 entry for `va`; panics unless its 2 MiB block was split. */
function l3Slot(va: number): number {
  const e2 = load64(l2Slot(va));
  if (!isTableEntry(e2)) fail('2 MiB block not split into pages', va);
  return entryAddress(e2) + 8 * l3Index(va);
}

/**
 * Maps the 2 MiB block at `addr` with 4 KiB pages instead, with the same
 * attributes, except that the first page of every `holeStride` bytes
 * (a multiple of 4 KiB dividing 2 MiB; 0 = none) is left unmapped. The block
 * must be unused by every core during the call (see the file comment);
 * a block already split panics.
 */
export function splitBlock(addr: number, holeStride: number): void {
  if (addr % BLOCK_BYTES !== 0) fail('split of an address that is not 2 MiB aligned', addr);
  if (holeStride < 0 || holeStride % PAGE_BYTES !== 0 || (holeStride !== 0 && BLOCK_BYTES % holeStride !== 0)) {
    fail('split with a hole stride that does not tile 2 MiB', holeStride);
  }
  const slot = l2Slot(addr);
  const block = load64(slot);
  if (!isBlockEntry(block) || entryAddress(block) !== addr) fail('split of an entry that is not a 2 MiB block', addr);
  // The pages keep the block's attributes (bits [11:2] and [63:52]).
  const attrs = u64(block & ~ADDR_MASK & ~3n);
  const table = allocBytes(PAGE_BYTES, PAGE_BYTES);
  for (let i = 0; i < ENTRIES; i++) {
    const off = i * PAGE_BYTES;
    const hole = holeStride !== 0 && off % holeStride === 0;
    store64(table + 8 * i, hole ? u64(0) : u64(u64(addr + off) | attrs | 3n));
  }
  const saved = ptLock();
  if (load64(slot) !== block) {
    ptUnlock(saved);
    freeBytes(table);
    fail('block changed during its split (split twice at once?)', addr);
  }
  // Break: no core may keep the block once the table is in place.
  store64(slot, u64(0));
  tlbFlushPage(addr); // its dsb ishst also publishes the table's entries
  // Make.
  store64(slot, tableEntry(table));
  tlbPublish();
  ptUnlock(saved);
}

/** Unmaps the page at `va` (in a split block) on every core; no effect if it is unmapped. */
export function unmapPage(va: number): void {
  const slot = l3Slot(va);
  const saved = ptLock();
  if (isValidEntry(load64(slot))) {
    store64(slot, u64(0));
    tlbFlushPage(va);
  }
  ptUnlock(saved);
}

/** Maps the page at `va` (in a split block) again, as RAM; no effect if it is mapped. */
export function mapPage(va: number): void {
  const page = va - (va % PAGE_BYTES);
  const slot = l3Slot(page);
  const saved = ptLock();
  if (!isValidEntry(load64(slot))) {
    store64(slot, ramPageEntry(page));
    tlbPublish();
  }
  ptUnlock(saved);
}

/** Whether `va` is mapped, by walking the tables. */
export function isMapped(va: number): boolean {
  if (va < 0 || va >= MAP_END) return false;
  const e1 = load64(translationRoot() + 8 * l1Index(va));
  if (!isValidEntry(e1)) return false;
  if (isBlockEntry(e1)) return true;
  const e2 = load64(entryAddress(e1) + 8 * l2Index(va));
  if (!isValidEntry(e2)) return false;
  if (isBlockEntry(e2)) return true;
  return isValidEntry(load64(entryAddress(e2) + 8 * l3Index(va)));
}
