/*
 * Run-time page table maintenance for src/page-table.ts: the translation
 * table root, TLB maintenance and the page table lock.
 *
 * TLB maintenance is broadcast to the inner shareable domain (every core),
 * with the barriers the ARM ARM asks for around it (D5.10.2, "TLB
 * maintenance"): dsb ishst makes the table writes visible to every walker
 * before the invalidation, dsb ish waits for the invalidation to finish on
 * all cores, isb resynchronises this core's instruction stream.
 */

    .section .text.hal_l1_table_address, "ax"
    .global hal_l1_table_address
    .type hal_l1_table_address, %function
    /* int64_t hal_l1_table_address(void): the level-1 table (boot.S) in TTBR0_EL1. */
hal_l1_table_address:
    ldr     x0, =hal_l1_table
    ret
    .size hal_l1_table_address, . - hal_l1_table_address

    .section .text.hal_tlb_flush_page, "ax"
    .global hal_tlb_flush_page
    .type hal_tlb_flush_page, %function
    /*
     * void hal_tlb_flush_page(int64_t va): after an entry mapping va was
     * changed or removed, drops every cached translation of va on every
     * core. tlbi vae1is (not vale1is) also drops walk-cache entries of the
     * upper levels, and a block entry covering va, so it serves both for a
     * page and for the 2 MiB block a split replaces.
     */
hal_tlb_flush_page:
    dsb     ishst
    lsr     x0, x0, #12
    tlbi    vae1is, x0
    dsb     ish
    isb
    ret
    .size hal_tlb_flush_page, . - hal_tlb_flush_page

    .section .text.hal_tlb_publish, "ax"
    .global hal_tlb_publish
    .type hal_tlb_publish, %function
    /*
     * void hal_tlb_publish(void): after an invalid entry became valid. Invalid
     * entries are never held in a TLB, so no invalidation: the barriers make
     * the new entry visible to every walker before anything that follows.
     */
hal_tlb_publish:
    dsb     ishst
    isb
    ret
    .size hal_tlb_publish, . - hal_tlb_publish

    .section .text.hal_pt_lock, "ax"
    .global hal_pt_lock
    .type hal_pt_lock, %function
    /*
     * int64_t hal_pt_lock(void): masks IRQs on this core, then takes the page
     * table lock (0 free, 1 held), sleeping in wfe while another core holds
     * it (the holder's store clears this core's exclusive monitor, which
     * wakes it). Returns the DAIF value to give hal_pt_unlock.
     */
hal_pt_lock:
    mrs     x0, daif
    msr     daifset, #2
    ldr     x1, =hal_pt_lock_word
    mov     x2, #1
    sevl
1:  wfe
2:  ldaxr   x3, [x1]
    cbnz    x3, 1b
    stxr    w3, x2, [x1]
    cbnz    w3, 2b
    ret
    .size hal_pt_lock, . - hal_pt_lock

    .section .text.hal_pt_unlock, "ax"
    .global hal_pt_unlock
    .type hal_pt_unlock, %function
    /* void hal_pt_unlock(int64_t daif): frees the lock, restores the IRQ mask. */
hal_pt_unlock:
    ldr     x1, =hal_pt_lock_word
    stlr    xzr, [x1]
    msr     daif, x0
    ret
    .size hal_pt_unlock, . - hal_pt_unlock

    .section .bss.hal_pt_lock_word, "aw", %nobits
    .balign 8
hal_pt_lock_word:
    .space  8
