/*
 * Thread context switch. Kernel code is compiled -mgeneral-regs-only, so a
 * thread's state at a call boundary is exactly the AAPCS64 callee-saved
 * registers x19-x28, the frame pointer x29, the link register x30 and sp:
 * 12 registers pushed on the old stack, sp saved, sp loaded, 12 popped.
 * Caller-saved registers are already saved by the compiler around the call,
 * and no FP/SIMD register can hold live kernel state.
 *
 *   void hal_context_switch(int64_t save_sp_at, int64_t load_sp_from, int64_t stack_limit)
 *   int64_t hal_context_init(int64_t stack_top, int64_t arg)
 *
 * The switch also sets the stack limit the exception vector checks
 * (TPIDRRO_EL0, stack-guard.S) to the next thread's, last before sp moves
 * to its stack, so no instruction runs on one stack checked against the
 * other's limit.
 *
 * A new context's first switch "returns" into hal_context_trampoline, which
 * calls hal_thread_start(arg) (an @export'ed TypeScript function, e.g. the
 * scheduler's) and never returns.
 */
#define SWITCH_FRAME 96

    .text
    .global hal_context_switch
hal_context_switch:
    stp     x19, x20, [sp, #-SWITCH_FRAME]!
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    mov     x9, sp
    str     x9, [x0]
    ldr     x9, [x1]
    msr     tpidrro_el0, x2
    mov     sp, x9
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    ldp     x19, x20, [sp], #SWITCH_FRAME
    ret

/* Builds the first switch frame of a new context below stack_top (16-byte aligned). */
    .global hal_context_init
hal_context_init:
    and     x0, x0, #~15
    sub     x0, x0, #SWITCH_FRAME
    mov     x2, #0
    mov     x3, #0
    stp     x1, x2, [x0, #0]            /* x19 = arg */
    stp     x2, x3, [x0, #16]
    stp     x2, x3, [x0, #32]
    stp     x2, x3, [x0, #48]
    stp     x2, x3, [x0, #64]
    adr     x4, hal_context_trampoline
    stp     x2, x4, [x0, #80]           /* x29 = 0 (end of frame chain), x30 = trampoline */
    ret

hal_context_trampoline:
    mov     x0, x19
    bl      hal_thread_start
1:  wfi
    b       1b
