/*
 * What the shyper hypervisor gives its guest, for boot.S's identity map:
 * the GIC's 2 MiB, the NS16550's 2 MiB block (its page traps to the
 * hypervisor), and the guest's RAM. Nothing else is mapped.
 * Entries: {base, end, kind}, kind 1 = RAM, 0 = device; ended by end 0.
 */
    .section .rodata.hal_memory_map, "a"
    .balign 8
    .global hal_memory_map
hal_memory_map:
    .quad   0x08000000, 0x08200000, 0
    .quad   0x0c200000, 0x0c400000, 0
    .quad   0x40000000, 0x80000000, 1
    .quad   0, 0, 0
