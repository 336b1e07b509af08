/*
 * The one atomic routine that is not an rt intrinsic (src/atomics.ts):
 * waiting in wfe for a word to change, which needs the exclusive monitor
 * armed by ldaxr and so cannot be written with gcc's __atomic builtins.
 * Loads, stores, compare-and-swap, swap and fetch-add are rt's inline
 * atomics (packages/rt/native/rt_atomic.h): LL/SC, not LSE, because the
 * cores we run on (Cortex-A53, the TX2's Cortex-A57) are ARMv8.0.
 */

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
