/*
 * Entry, vectors and firmware calls of the EL2 stub (stub.h).
 *
 * QEMU `virt` with virtualization=on starts core 0 here at EL2 (the other
 * cores stay off until PSCI CPU_ON). Core 0 takes its stack, clears .bss and
 * calls stub_main(), which prepares stage 2 and enters the guest. A core
 * the guest starts comes to stub_secondary_entry with x0 = its index (psci.c
 * asked for it), takes its stack and calls guest_start_core(index).
 *
 * Traps from the guest (HVC, data aborts on the emulated UART) arrive at the
 * "lower EL, AArch64, synchronous" vector: x0-x30 are saved in a struct
 * frame on this core's stub stack, stub_trap(frame) runs, they are restored
 * (with whatever the handler changed: return values) and eret resumes the
 * guest at ELR_EL2.
 */
#define STACK_SIZE 8192
#define MAX_CORES 8

    .section .text.entry, "ax"
    .global stub_start
stub_start:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    cbnz    x1, 9f                      /* only core 0 comes here */
    bl      set_stack
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  ldr     x0, =stub_vectors
    msr     vbar_el2, x0
    isb
    bl      stub_main
9:  wfe
    b       9b

    .global stub_secondary_entry
stub_secondary_entry:
    mov     x19, x0                     /* core index */
    mov     x1, x0
    bl      set_stack_for
    ldr     x0, =stub_vectors
    msr     vbar_el2, x0
    isb
    mov     x0, x19
    bl      guest_start_core
    b       9b

/* sp = top of the stack of core MPIDR.Aff0 (set_stack) or of core x1 (set_stack_for). */
set_stack:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
set_stack_for:
    ldr     x2, =stub_stacks
    add     x1, x1, #1
    mov     x3, #STACK_SIZE
    madd    x2, x1, x3, x2
    mov     sp, x2
    ret

/* ---- firmware calls ---- */
    .global stub_smc
stub_smc:
    smc     #0
    ret

    .global stub_semihost
stub_semihost:                          /* w0 = operation, x1 = argument block */
    hlt     #0xf000
    ret

/* ---- EL2 vectors: 16 entries of 0x80 bytes ---- */
    .macro unexpected kind
    .balign 0x80
    mov     x0, #\kind
    b       stub_unexpected
    .endm

    .balign 0x800
    .global stub_vectors
stub_vectors:
    unexpected 0                        /* current EL, SP0 */
    unexpected 1
    unexpected 2
    unexpected 3
    unexpected 4                        /* current EL, SPx */
    unexpected 5
    unexpected 6
    unexpected 7
    .balign 0x80                        /* lower EL, AArch64: synchronous */
    b       guest_sync
    unexpected 9
    unexpected 10
    unexpected 11
    unexpected 12                       /* lower EL, AArch32 */
    unexpected 13
    unexpected 14
    unexpected 15

guest_sync:
    sub     sp, sp, #256
    stp     x0, x1, [sp, #0]
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
    str     x30, [sp, #240]
    mov     x0, sp
    bl      stub_trap
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #256
    eret

    .section .bss.stub_stacks, "aw", %nobits
    .balign 16
stub_stacks:
    .space  STACK_SIZE * MAX_CORES
