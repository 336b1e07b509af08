/*
 * Bare-metal entry for the benchmark harness on QEMU `virt` (EL1, one core).
 *
 * QEMU loads the ELF at its link address and enters `_start` at EL1 with the
 * MMU off. We set up a stack, exception vectors (any fault prints and exits
 * with status 3), an identity map (first GiB device, second GiB normal
 * write-back memory, so unaligned loads behave as on a real kernel), enable
 * the PMU instruction counter, zero .bss and call `harness_main`. Its return
 * value becomes the semihosting exit status.
 */

    .section .text.boot, "ax"
    .global _start
_start:
    /* Only core 0 runs (-smp 1 anyway); park others. */
    mrs     x0, mpidr_el1
    and     x0, x0, #0xff
    cbz     x0, 1f
0:  wfe
    b       0b
1:
    ldr     x0, =__stack_top
    mov     sp, x0

    ldr     x0, =vectors
    msr     vbar_el1, x0

    /* FP/SIMD access on (the benchmark code is general-regs-only; this only
       keeps a stray libgcc routine from trapping). */
    mov     x0, #(3 << 20)
    msr     cpacr_el1, x0

    /* Zero .bss (QEMU zero-fills it too; do not rely on the loader). */
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
2:  cmp     x0, x1
    b.hs    3f
    str     xzr, [x0], #8
    b       2b
3:
    /* MMU: MAIR attr0 = Device-nGnRnE, attr1 = Normal WB RA/WA. */
    mov     x0, #0xff00
    msr     mair_el1, x0
    /* TCR: T0SZ=32 (4 GiB, walk starts at level 1), 4K granule, inner/outer
       WB WA, inner shareable, TTBR1 walks disabled (EPD1), IPS=32 bits. */
    ldr     x0, =((32 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (0 << 14) | (1 << 23))
    msr     tcr_el1, x0
    ldr     x0, =l1_table
    msr     ttbr0_el1, x0
    tlbi    vmalle1
    dsb     nsh
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #(1 << 0)      /* M */
    orr     x0, x0, #(1 << 2)      /* C */
    orr     x0, x0, #(1 << 12)     /* I */
    bic     x0, x0, #(1 << 1)      /* A: unaligned accesses allowed */
    msr     sctlr_el1, x0
    isb

    /* PMU: counter 0 counts INST_RETIRED (0x08) at EL1; cycle counter on. */
    mov     x0, #0x08
    msr     pmevtyper0_el0, x0
    mov     x0, #0
    msr     pmccfiltr_el0, x0
    ldr     x0, =((1 << 31) | 1)
    msr     pmcntenset_el0, x0
    mov     x0, #((1 << 0) | (1 << 1) | (1 << 2))   /* E, reset events, reset cycles */
    msr     pmcr_el0, x0
    isb

    bl      harness_main
    /* fall through: exit with w0 as the status */
    .global harness_exit
harness_exit:
    /* Semihosting SYS_EXIT (0x18), AArch64 form: x1 -> {reason, subcode}. */
    ldr     x1, =exit_block
    mov     x2, #1
    str     x2, [x1, #16]          /* exiting: a trap from here means no semihosting */
    mov     w2, w0
    str     x2, [x1, #8]
    ldr     x2, =0x20026           /* ADP_Stopped_ApplicationExit */
    str     x2, [x1]
    mov     w0, #0x18
    hlt     #0xf000
    /* Without -semihosting the hlt traps to fault_common, which powers off. */
4:  wfi
    b       4b

/* PSCI SYSTEM_OFF. QEMU virt advertises the "hvc" conduit when
   virtualization=off (it is "smc" with virtualization=on). The exit status is
   lost this way: run with -semihosting. */
psci_off:
    ldr     x0, =0x84000008
    hvc     #0
6:  wfi
    b       6b

/* Exception vectors: every entry saves nothing (we never return) and reports. */
    .macro vent kind
    .balign 0x80
    mov     x0, #\kind
    b       fault_common
    .endm

    .balign 2048
vectors:
    vent 0
    vent 1
    vent 2
    vent 3
    vent 4
    vent 5
    vent 6
    vent 7
    vent 8
    vent 9
    vent 10
    vent 11
    vent 12
    vent 13
    vent 14
    vent 15

fault_common:
    ldr     x1, =exit_block
    ldr     x1, [x1, #16]
    cbnz    x1, psci_off
    ldr     x1, =__stack_top
    mov     sp, x1
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    bl      harness_fault          /* does not return */
5:  b       5b

    .section .data
    .balign 8
exit_block:
    .quad   0, 0, 0                /* reason, subcode, exiting flag */

    /* Level-1 table: 1 GiB blocks. [0] device (UART, GIC), [1] normal RAM. */
    .balign 4096
l1_table:
    .quad   0x00000000 | (1 << 10) | (0 << 2) | (3 << 53) | 0x1
    .quad   0x40000000 | (1 << 10) | (3 << 8) | (1 << 2) | 0x1
    .quad   0
    .quad   0
