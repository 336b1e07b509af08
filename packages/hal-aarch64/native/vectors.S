/*
 * Exception vectors (VBAR_EL1). Every entry saves the interrupted context in
 * a trap frame on the current stack and calls the TypeScript handler
 *     hal_trap(frame, kind)      (packages/hal-aarch64/src/trap.ts)
 * with kind = the vector slot: 0-3 current EL with SP_EL0, 4-7 current EL
 * with SP_ELx, 8-11 lower EL AArch64, 12-15 lower EL AArch32; within each
 * group sync, irq, fiq, serror. When hal_trap returns, the (possibly edited)
 * frame is restored and execution resumes with eret.
 *
 * Frame layout (bytes): x0..x30 at 8*n, elr 248, spsr 256, esr 264,
 * far 272, sp at the trap 280. 288 bytes, 16-byte aligned.
 *
 * Stack overflow (slot 4 only: a synchronous exception at EL1, which is
 * what a store into a thread's unmapped guard page raises). Before anything
 * is written to the stack, sp is compared with this core's stack limit
 * (TPIDRRO_EL0, set by setStackLimit on every context switch; 0 = no
 * check). If sp < limit + CHECK_MARGIN, pushing the frame there would fault
 * again, forever; instead the frame is built on this core's overflow stack
 * (SP_EL0, set by initOverflowStack), with the overflowing sp in its sp
 * slot, and hal_trap(frame, 16) reports a stack overflow. x0 is parked in
 * TPIDR_EL0 for the check, the only way to free a register without memory.
 * The three registers are EL0 state that this EL1-only kernel never uses.
 * The check costs six instructions on synchronous exceptions; the other
 * slots (IRQ above all) are unchanged.
 */
#define FRAME_SIZE 288
#define FRAME_SP 280
#define KIND_STACK_OVERFLOW 16
/*
 * The frame, plus 512 bytes: the farthest a pre-indexed store
 * (stp x29, x30, [sp, #-512]!) reaches below sp. Such a store that hits the
 * guard page faults before its writeback, leaving sp up to 512 bytes above
 * the limit; it is still recognised.
 */
#define CHECK_MARGIN (FRAME_SIZE + 512)

    .macro ventry kind
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #\kind
    b       hal_trap_common
    .endm

/* Slot 4 with the stack limit check (see above); 10 of its 32 instructions. */
    .macro ventry_checked kind
    .balign 0x80
    msr     tpidr_el0, x0
    mrs     x0, tpidrro_el0
    add     x0, x0, #CHECK_MARGIN
    cmp     sp, x0
    b.lo    hal_stack_overflow
    mrs     x0, tpidr_el0
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #\kind
    b       hal_trap_common
    .endm

/* Saves x2-x30, elr, spsr and esr into the frame at sp (x2, x3 clobbered); far and sp are the caller's. */
    .macro save_frame_rest
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x2, elr_el1
    stp     x30, x2, [sp, #240]
    mrs     x2, spsr_el1
    mrs     x3, esr_el1
    stp     x2, x3, [sp, #256]
    .endm

    .text
    .balign 2048
    .global hal_vectors
hal_vectors:
    ventry 0
    ventry 1
    ventry 2
    ventry 3
    ventry_checked 4
    ventry 5
    ventry 6
    ventry 7
    ventry 8
    ventry 9
    ventry 10
    ventry 11
    ventry 12
    ventry 13
    ventry 14
    ventry 15

hal_trap_common:
    save_frame_rest
    mrs     x2, far_el1
    add     x3, sp, #FRAME_SIZE
    stp     x2, x3, [sp, #272]
    mov     x0, sp
    bl      hal_trap
    ldp     x2, x3, [sp, #256]
    msr     spsr_el1, x2
    ldp     x30, x2, [sp, #240]
    msr     elr_el1, x2
    ldp     x28, x29, [sp, #224]
    ldp     x26, x27, [sp, #208]
    ldp     x24, x25, [sp, #192]
    ldp     x22, x23, [sp, #176]
    ldp     x20, x21, [sp, #160]
    ldp     x18, x19, [sp, #144]
    ldp     x16, x17, [sp, #128]
    ldp     x14, x15, [sp, #112]
    ldp     x12, x13, [sp, #96]
    ldp     x10, x11, [sp, #80]
    ldp     x8, x9, [sp, #64]
    ldp     x6, x7, [sp, #48]
    ldp     x4, x5, [sp, #32]
    ldp     x2, x3, [sp, #16]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME_SIZE
    eret

/*
 * From slot 4: sp is below the limit, x0 is in TPIDR_EL0, nothing is saved
 * yet. Switches to the overflow stack (sp and x0 swap values by arithmetic,
 * no memory and no other register needed), builds the frame there, clears
 * the limit (a fault while reporting is then reported plainly, on this
 * stack) and calls hal_trap(frame, 16), which does not return: it ends the
 * thread through the fault hook, or the run.
 */
hal_stack_overflow:
    mrs     x0, sp_el0                  /* this core's overflow stack */
    cbnz    x0, 1f
    ldr     x0, =hal_emergency_stack_top /* initOverflowStack never ran here: share a last-resort stack */
1:  add     sp, sp, x0                  /* sp = S + T */
    sub     x0, sp, x0                  /* x0 = S, the overflowing sp */
    sub     sp, sp, x0                  /* sp = T */
    sub     sp, sp, #FRAME_SIZE
    str     x0, [sp, #FRAME_SP]
    mrs     x0, tpidr_el0
    stp     x0, x1, [sp, #0]
    save_frame_rest
    mrs     x2, far_el1
    str     x2, [sp, #272]
    msr     tpidrro_el0, xzr
    mov     x0, sp
    mov     x1, #KIND_STACK_OVERFLOW
    bl      hal_trap
2:  wfi
    b       2b

    .section .bss.hal_emergency_stack, "aw", %nobits
    .balign 16
    .space  4096
hal_emergency_stack_top:
