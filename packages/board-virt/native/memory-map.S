/*
 * QEMU virt's memory map for boot.S's identity map (hw/arm/virt.c): the
 * first GiB is flash and devices (GIC, PL011, PL031, virtio-mmio), RAM
 * starts at 0x4000_0000 and is mapped up to 4 GiB whatever -m says (the
 * kernel uses only what the device tree reports).
 * Entries: {base, end, kind}, kind 1 = RAM, 0 = device; ended by end 0.
 */
    .section .rodata.hal_memory_map, "a"
    .balign 8
    .global hal_memory_map
hal_memory_map:
    .quad   0x00000000, 0x40000000, 0
    .quad   0x40000000, 0x100000000, 1
    .quad   0, 0, 0
