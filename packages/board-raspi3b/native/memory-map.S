/*
 * The BCM2837's memory map for boot.S's identity map: RAM from 0 up to the
 * peripherals (the VideoCore's share at the top is RAM too; the kernel uses
 * only what the board reports), the peripherals at 0x3f00_0000 and the
 * ARM-local block at 0x4000_0000 as devices. Nothing else is mapped.
 * Entries: {base, end, kind}, kind 1 = RAM, 0 = device; ended by end 0.
 */
    .section .rodata.hal_memory_map, "a"
    .balign 8
    .global hal_memory_map
hal_memory_map:
    .quad   0x00000000, 0x3f000000, 1
    .quad   0x3f000000, 0x40000000, 0
    .quad   0x40000000, 0x40200000, 0
    .quad   0, 0, 0
