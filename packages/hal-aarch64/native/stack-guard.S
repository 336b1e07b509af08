/*
 * The per-core registers of the stack overflow check in vectors.S (see
 * there): TPIDRRO_EL0 holds the running thread's stack limit, SP_EL0 the
 * top of this core's overflow stack. Both are EL0 state, unused by this
 * EL1-only kernel, and per core for free, so the scheduler sets the limit on
 * every switch with one msr.
 */

    .section .text.hal_set_stack_limit, "ax"
    .global hal_set_stack_limit
    .type hal_set_stack_limit, %function
    /* void hal_set_stack_limit(int64_t limit) */
hal_set_stack_limit:
    msr     tpidrro_el0, x0
    ret
    .size hal_set_stack_limit, . - hal_set_stack_limit

    .section .text.hal_stack_limit, "ax"
    .global hal_stack_limit
    .type hal_stack_limit, %function
    /* int64_t hal_stack_limit(void) */
hal_stack_limit:
    mrs     x0, tpidrro_el0
    ret
    .size hal_stack_limit, . - hal_stack_limit

    .section .text.hal_set_overflow_stack, "ax"
    .global hal_set_overflow_stack
    .type hal_set_overflow_stack, %function
    /* void hal_set_overflow_stack(int64_t top); the kernel runs on SP_EL1, so SP_EL0 is writable */
hal_set_overflow_stack:
    msr     sp_el0, x0
    ret
    .size hal_set_overflow_stack, . - hal_set_overflow_stack

    .section .text.hal_overflow_stack, "ax"
    .global hal_overflow_stack
    .type hal_overflow_stack, %function
    /* int64_t hal_overflow_stack(void) */
hal_overflow_stack:
    mrs     x0, sp_el0
    ret
    .size hal_overflow_stack, . - hal_overflow_stack
