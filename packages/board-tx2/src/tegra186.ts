/**
 * The TX2's (Tegra186) fixed addresses, as the original Unishyper's table
 * gives them and the public sources confirm: Linux's tegra186.dtsi
 * (uarta: serial@3100000, reg <0x0 0x03100000 0x0 0x40>, reg-shift 2,
 * interrupts = <GIC_SPI 112 IRQ_TYPE_LEVEL_HIGH>; also TEGRA186_IRQ_UARTA
 * 112 in dt-bindings/interrupt/tegra186-irq.h) and u-boot's
 * arch-tegra186/tegra.h (GICD_BASE 0x03881000, GICC_BASE 0x03882000,
 * NV_PA_SDRAM_BASE 0x80000000). tx2-tree.ts checks them against the
 * device tree u-boot passes.
 */

/** UARTA, the Jetson TX2 developer kit's debug console (ttyS0). */
export const TX2_UART_BASE = 0x0310_0000;
export const TX2_UART_SIZE = 0x40;
/** Registers 4 bytes apart (the device tree's reg-shift). */
export const TX2_UART_REG_SHIFT = 2;
/** UARTA's interrupt: SPI 112, interrupt ID 32 + 112. */
export const TX2_UART_IRQ = 32 + 112;
/** GIC-400 (a GICv2): distributor and CPU interface. */
export const TX2_GICD_BASE = 0x0388_1000;
export const TX2_GICC_BASE = 0x0388_2000;
/** The EL1 virtual timer's PPI (the architected timer's, as on every GIC board). */
export const TX2_TIMER_IRQ = 27;
export const TX2_RAM_BASE = 0x8000_0000;
/** Where boot.S's identity map ends (native/memory-map.S): RAM above it is not used. */
export const TX2_MAPPED_END = 0x1_0000_0000;
/**
 * RAM assumed without a device tree: a conservative 256 MiB from
 * 0x8000_0000, because without the tree the board cannot know which parts
 * of the first bank the firmware's carve-outs hold. u-boot always passes one.
 */
export const TX2_DEFAULT_RAM_SIZE = 0x1000_0000;
/** Where u-boot loads the image (package.json "unishyper.loadAddress"). */
export const TX2_LOAD_ADDRESS = 0x8008_0000;
/** The cores the kernel uses: the boot core's cluster of Cortex-A57s (tx2-tree.ts), at most 4. */
export const TX2_MAX_CORES = 4;
/** MPIDR of the A57 cluster's core 0 (Aff1 = 1), when the tree does not say. */
export const TX2_A57_CLUSTER = 0x100;
