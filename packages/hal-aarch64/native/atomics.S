/*
 * Atomic operations on 64-bit words for the kernel (src/atomics.ts declares
 * them with `@native`). x0 = address of an 8-byte aligned word.
 *
 * LL/SC (ldaxr/stlxr loops), not LSE (cas, ldadd, swp): the cores we run on,
 * Cortex-A53 (QEMU's -cpu cortex-a53) and the TX2's Cortex-A57, are ARMv8.0,
 * which has no LSE; LSE instructions would be undefined there. Every
 * read-modify-write is acquire + release (ldaxr ... stlxr), loads are ldar,
 * stores stlr: acquire/release ordering for the surrounding plain accesses
 * (enough for locks: the critical section stays between lock and unlock),
 * and the acquire/release instructions are ordered among themselves (RCsc). Each routine is in its own section so --gc-sections keeps
 * only what an image uses.
 */

    .section .text.hal_atomic_load, "ax"
    .global hal_atomic_load
    .type hal_atomic_load, %function
    /* u64 hal_atomic_load(addr): load-acquire. */
hal_atomic_load:
    ldar    x0, [x0]
    ret
    .size hal_atomic_load, . - hal_atomic_load

    .section .text.hal_atomic_store, "ax"
    .global hal_atomic_store
    .type hal_atomic_store, %function
    /* void hal_atomic_store(addr, v): store-release. */
hal_atomic_store:
    stlr    x1, [x0]
    ret
    .size hal_atomic_store, . - hal_atomic_store

    .section .text.hal_atomic_cas, "ax"
    .global hal_atomic_cas
    .type hal_atomic_cas, %function
    /* u64 hal_atomic_cas(addr, expected, desired): stores desired if the word is expected; returns the old value. */
hal_atomic_cas:
1:  ldaxr   x3, [x0]
    cmp     x3, x1
    b.ne    2f
    stlxr   w4, x2, [x0]
    cbnz    w4, 1b
    mov     x0, x3
    ret
2:  clrex
    mov     x0, x3
    ret
    .size hal_atomic_cas, . - hal_atomic_cas

    .section .text.hal_atomic_fetch_add, "ax"
    .global hal_atomic_fetch_add
    .type hal_atomic_fetch_add, %function
    /* u64 hal_atomic_fetch_add(addr, delta): adds delta (mod 2^64); returns the old value. */
hal_atomic_fetch_add:
1:  ldaxr   x2, [x0]
    add     x3, x2, x1
    stlxr   w4, x3, [x0]
    cbnz    w4, 1b
    mov     x0, x2
    ret
    .size hal_atomic_fetch_add, . - hal_atomic_fetch_add

    .section .text.hal_atomic_swap, "ax"
    .global hal_atomic_swap
    .type hal_atomic_swap, %function
    /* u64 hal_atomic_swap(addr, v): stores v; returns the old value. */
hal_atomic_swap:
1:  ldaxr   x2, [x0]
    stlxr   w4, x1, [x0]
    cbnz    w4, 1b
    mov     x0, x2
    ret
    .size hal_atomic_swap, . - hal_atomic_swap

    .section .text.hal_atomic_wait_while, "ax"
    .global hal_atomic_wait_while
    .type hal_atomic_wait_while, %function
    /*
     * u64 hal_atomic_wait_while(addr, value): sleeps in wfe while the word
     * equals value; returns the value that differed (load-acquire). ldaxr
     * arms the exclusive monitor, so another core's store to the word
     * clears it and wakes this core even without a sev; sevl makes the
     * first wfe fall through.
     */
hal_atomic_wait_while:
    sevl
1:  wfe
    ldaxr   x2, [x0]
    cmp     x2, x1
    b.eq    1b
    clrex
    mov     x0, x2
    ret
    .size hal_atomic_wait_while, . - hal_atomic_wait_while
