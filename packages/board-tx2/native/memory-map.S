/*
 * The TX2's (Tegra186) memory map for boot.S's identity map: everything
 * below 0x8000_0000 is MMIO (UARTA at 0x0310_0000, the GIC-400 at
 * 0x0388_1000), RAM starts at 0x8000_0000. The identity map covers only the
 * low 4 GiB, so of the TX2's 8 GiB only 0x8000_0000-0x1_0000_0000 is
 * mapped; the board reports no more than that (tx2-board.ts).
 * Entries: {base, end, kind}, kind 1 = RAM, 0 = device; ended by end 0.
 */
    .section .rodata.hal_memory_map, "a"
    .balign 8
    .global hal_memory_map
hal_memory_map:
    .quad   0x00000000, 0x80000000, 0
    .quad   0x80000000, 0x100000000, 1
    .quad   0, 0, 0
