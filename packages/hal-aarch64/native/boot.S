/*
 * Kernel entry on AArch64 (hal-aarch64). Small on purpose: everything that
 * can be TypeScript is.
 *
 * The loader (QEMU -kernel, u-boot, the shyper hypervisor) enters `_start`
 * with the MMU off, at EL2 or EL1, x0 = device-tree address (0 when the
 * loader passed none). The image starts with the arm64 Linux image header
 * (Documentation/arch/arm64/booting.rst), so loaders that boot Linux (u-boot's
 * booti, QEMU's -kernel with a raw image, which then parks the secondary
 * cores in its spin table) boot it too; its first word branches to _start.
 * Core 0:
 *   1. drops from EL2 to EL1 if needed (AArch64 EL1, timer and GICv3
 *      system registers opened to EL1),
 *   2. takes its boot stack, installs the exception vectors,
 *   3. clears .bss, fills the level-2 tables from the board's memory map
 *      (hal_memory_map in the board's native/memory-map.S: 2 MiB-aligned
 *      ranges of RAM, normal write-back, and of devices, nGnRE; the rest of
 *      the low 4 GiB unmapped), enables the MMU with that identity map and
 *      the caches,
 *   4. calls rt_kernel_entry(dtb), which runs the lowered TypeScript.
 * Other cores that enter _start park in wfe. The board starts each at
 * `hal_secondary_entry` with x0 = the top of a stack the scheduler allocated
 * (PSCI CPU_ON), or releases it from the firmware's spin table to
 * `hal_spin_table_entry` (spin-table.S), which finds its stack and goes on
 * there; that core drops to EL1 the same way, enables the MMU with the
 * shared table and calls hal_secondary_main(core id), so no core needs a
 * boot stack reserved here.
 */
#define BOOT_STACK_SIZE 16384

    .section .text.boot, "ax"
    .global _image_header
_image_header:
    b       _start                      /* code0 */
    .long   0                           /* code1 */
    .quad   __text_offset               /* load offset from a 2 MiB-aligned base (kernel.ld) */
    .quad   __image_size                /* bytes from the image start to the end of .bss */
    .quad   0x2                         /* flags: little endian, 4 KiB pages, base near the start of RAM */
    .quad   0, 0, 0                     /* res2-res4 */
    .ascii  "ARM\x64"                   /* magic */
    .long   0                           /* res5 (no PE header) */

    .global _start
_start:
    mov     x19, x0                     /* device tree */
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    cbz     x1, 1f
0:  wfe                                 /* secondary core: park */
    b       0b
1:
    adr     x4, el1_entry
    b       drop_to_el1

/* Enters EL1 at x4: directly when already at EL1, else configures EL2 and erets. */
drop_to_el1:
    mrs     x2, CurrentEL
    lsr     x2, x2, #2
    cmp     x2, #2
    b.eq    el2_setup
    br      x4
el2_setup:

    /* ---- at EL2: configure EL1 and drop to it ---- */
    mov     x3, #(1 << 31)              /* HCR_EL2.RW: EL1 is AArch64; no traps */
    msr     hcr_el2, x3
    mrs     x3, cnthctl_el2
    orr     x3, x3, #3                  /* EL1 may use the physical counter and timer */
    msr     cnthctl_el2, x3
    msr     cntvoff_el2, xzr            /* virtual count = physical count */
    mrs     x3, id_aa64pfr0_el1         /* GIC system registers implemented? */
    ubfx    x3, x3, #24, #4
    cbz     x3, 2f
    mrs     x3, S3_4_C12_C9_5           /* ICC_SRE_EL2 */
    orr     x3, x3, #0xf                /* SRE, DFB, DIB, Enable (EL1 may use ICC_SRE_EL1) */
    msr     S3_4_C12_C9_5, x3
    isb
2:  ldr     x3, =0x30d00800             /* SCTLR_EL1 RES1 bits, MMU and caches off */
    msr     sctlr_el1, x3
    mov     x3, #0x3c5                  /* SPSR: EL1h, D A I F masked */
    msr     spsr_el2, x3
    msr     elr_el2, x4
    eret

el1_entry:
    ldr     x0, =__boot_stack_top
    mov     sp, x0
    bl      hal_cpu_setup
    ldr     x0, =__bss_start            /* clear .bss (do not trust the loader) */
    ldr     x1, =__bss_end
3:  cmp     x0, x1
    b.hs    4f
    str     xzr, [x0], #8
    b       3b
4:
    bl      hal_fill_l2_tables
    bl      hal_mmu_enable
    mov     x0, x19
    bl      rt_kernel_entry             /* does not return */
5:  wfi
    b       5b

/*
 * Per-core EL1 state: exception vectors, no FP/SIMD traps, no stack limit
 * or overflow stack yet (vectors.S), and no per-core block (TPIDR_EL1: the
 * scheduler sets it; until then rt and sched read 0 as "none"). Their
 * reset values are UNKNOWN.
 */
hal_cpu_setup:
    ldr     x0, =hal_vectors
    msr     vbar_el1, x0
    msr     tpidrro_el0, xzr
    msr     tpidr_el1, xzr
    msr     sp_el0, xzr
    mov     x0, #(3 << 20)              /* CPACR_EL1.FPEN */
    msr     cpacr_el1, x0
    isb
    ret

/* Secondary cores (PSCI CPU_ON): x0 = top of the stack the kernel gave this core. */
    .global hal_secondary_entry
hal_secondary_entry:
    mov     x19, x0
    adr     x4, secondary_el1
    b       drop_to_el1
secondary_el1:
    mov     sp, x19
    bl      hal_cpu_setup
    bl      hal_mmu_enable
    mrs     x0, mpidr_el1
    and     x0, x0, #0xff
    bl      hal_secondary_main
6:  wfi
    b       6b

/*
 * Identity map (4 KiB granule, 32-bit VA, so the walk starts at level 1):
 * each of the four level-1 entries points to a level-2 table of 512 2 MiB
 * blocks, filled from the board's hal_memory_map. The 2 MiB level is there so that src/page-table.ts
 * can later give one unused 2 MiB block 4 KiB pages (guard pages) without
 * touching a live entry that maps running code: replacing a block by a
 * table needs break-before-make, and the 1 GiB block holding the kernel can
 * never be broken while the kernel runs from it (ARM ARM D5.10.1).
 * MAIR attr0 = Device-nGnRE (0x04), attr1 = Normal inner/outer WB RA/WA (0xff).
 */
#define RAM_BLOCK_ATTRS ((1 << 10) | (3 << 8) | (1 << 2) | 0x1)  /* AF, inner shareable, attr1, block */
#define DEVICE_BLOCK_ATTRS ((3 << 53) | (1 << 10) | (0 << 2) | 0x1) /* UXN, PXN, AF, attr0, block */
#define TABLE_DESC 0x3

/*
 * Fills the level-2 tables from hal_memory_map (core 0, MMU off, after .bss
 * is cleared): entries of three quads {base, end, kind}, kind 1 = RAM and
 * 0 = device, ended by an entry whose end is 0. The four tables are
 * contiguous, so block n of the low 4 GiB is entry n. Clobbers x0-x8.
 */
hal_fill_l2_tables:
    ldr     x0, =hal_memory_map
    ldr     x6, =hal_l2_tables
    ldr     x4, =RAM_BLOCK_ATTRS
    ldr     x5, =DEVICE_BLOCK_ATTRS
7:  ldp     x1, x2, [x0], #16           /* base, end */
    ldr     x3, [x0], #8                /* kind */
    cbz     x2, 9f
    cmp     x3, #1
    csel    x7, x4, x5, eq
8:  cmp     x1, x2
    b.hs    7b
    lsr     x8, x1, #21
    orr     x3, x1, x7
    str     x3, [x6, x8, lsl #3]
    add     x1, x1, #0x200000
    b       8b
9:  dsb     ish
    ret

    .global hal_mmu_enable
hal_mmu_enable:
    ldr     x0, =0xff04
    msr     mair_el1, x0
    /* TCR: T0SZ=32, IRGN0=ORGN0=WB WA, SH0=inner, TG0=4K, EPD1 (no TTBR1 walks), IPS=40 bits */
    ldr     x0, =((32 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
    msr     tcr_el1, x0
    ldr     x0, =hal_l1_table
    msr     ttbr0_el1, x0
    dsb     ishst
    tlbi    vmalle1
    dsb     ish
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #(1 << 0)           /* M: MMU on */
    orr     x0, x0, #(1 << 2)           /* C: data cache */
    orr     x0, x0, #(1 << 12)          /* I: instruction cache */
    bic     x0, x0, #(1 << 1)           /* A: unaligned access allowed on normal memory */
    msr     sctlr_el1, x0
    isb
    ret

    .section .data.boot, "aw"
    .balign 4096
    .global hal_l1_table
hal_l1_table:
    .quad   hal_l2_tables + 0x0000 + TABLE_DESC                             /* 0x0000_0000 */
    .quad   hal_l2_tables + 0x1000 + TABLE_DESC                             /* 0x4000_0000 */
    .quad   hal_l2_tables + 0x2000 + TABLE_DESC                             /* 0x8000_0000 */
    .quad   hal_l2_tables + 0x3000 + TABLE_DESC                             /* 0xc000_0000 */

    .section .bss.boot, "aw", %nobits
    .balign 4096
    .global hal_l2_tables
hal_l2_tables:                          /* four level-2 tables, filled at boot */
    .space  4 * 4096
    .balign 16
    .global __boot_stack_bottom
__boot_stack_bottom:
    .space  BOOT_STACK_SIZE
    .global __boot_stack_top
__boot_stack_top:
