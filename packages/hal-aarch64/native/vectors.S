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
 */
#define FRAME_SIZE 288

    .macro ventry kind
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x1, #\kind
    b       hal_trap_common
    .endm

    .text
    .balign 2048
    .global hal_vectors
hal_vectors:
    ventry 0
    ventry 1
    ventry 2
    ventry 3
    ventry 4
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
