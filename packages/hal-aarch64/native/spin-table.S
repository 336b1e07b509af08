/*
 * Starting secondary cores from a spin table (the arm64 "spin-table" enable
 * method, Documentation/arch/arm64/booting.rst): the firmware parks each
 * core in a loop that waits in wfe until the core's release address holds
 * non-zero, then jumps there with the MMU and caches off and x0 = 0. The
 * Raspberry Pi's firmware does this (QEMU's raspi3b boot stub too, at
 * 0xd8 + 8 * core), where other boards have PSCI.
 *
 * hal_spin_table_release(core, stack_top, release_addr) leaves the core's
 * stack top in hal_spin_stacks, then writes hal_spin_table_entry to the
 * release address. Both stores are cleaned to the point of coherency: the
 * waiting core reads memory with its caches off. dsb, then sev wakes it.
 */
#define SPIN_TABLE_CORES 8

    .section .text.hal_spin_table_release, "ax"
    .global hal_spin_table_release
    .type hal_spin_table_release, %function
hal_spin_table_release:
    ldr     x3, =hal_spin_stacks
    add     x3, x3, x0, lsl #3
    str     x1, [x3]
    dc      cvac, x3
    ldr     x4, =hal_spin_table_entry
    str     x4, [x2]
    dc      cvac, x2
    dsb     sy
    sev
    ret
    .size hal_spin_table_release, . - hal_spin_table_release

    /* Where a released core starts: its stack top from hal_spin_stacks, then boot.S's secondary path. */
    .section .text.hal_spin_table_entry, "ax"
    .global hal_spin_table_entry
    .type hal_spin_table_entry, %function
hal_spin_table_entry:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    ldr     x2, =hal_spin_stacks
    ldr     x0, [x2, x1, lsl #3]
    b       hal_secondary_entry
    .size hal_spin_table_entry, . - hal_spin_table_entry

    .section .bss.hal_spin_stacks, "aw", %nobits
    .balign 64
    .global hal_spin_stacks
hal_spin_stacks:
    .space  8 * SPIN_TABLE_CORES
