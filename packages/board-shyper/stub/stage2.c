/*
 * Stage-2 translation (ARM ARM D5.2, "The VMSAv8-64 translation table
 * format" for stage 2): the guest's intermediate physical addresses are the
 * physical ones (identity), but only for what the guest may touch:
 *   0x0800_0000  2 MiB, Device-nGnRE: the GIC (distributor, CPU interface)
 *   0x4000_0000  1 GiB, Normal write-back: the guest's RAM
 * Everything else is unmapped, so the NS16550 page the guest believes in
 * (0x0c28_0000), the real PL011 and the stub's own memory (0x8000_0000 up)
 * fault to EL2. 4 KiB granule, 32-bit IPA space (VTCR_EL2.T0SZ = 32), the
 * walk starting at level 1 (SL0 = 1): four level-1 entries.
 */
#include "stub.h"

#define S2_BLOCK       0x1UL
#define S2_TABLE       0x3UL
#define S2_AF          (1UL << 10)
#define S2_SH_INNER    (3UL << 8)
#define S2_AP_RW       (3UL << 6)
#define S2_MEM_NORMAL  (0xfUL << 2)  /* MemAttr 1111: outer and inner write-back */
#define S2_MEM_DEVICE  (0x1UL << 2)  /* MemAttr 0001: Device-nGnRE */
#define S2_XN          (2UL << 53)   /* XN[1:0] = 10: never executable */

#define S2_PAGE        0x3UL
#define S2_DEVICE      (S2_AF | S2_AP_RW | S2_MEM_DEVICE | S2_XN)

static uint64_t l1[4] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096)));
#ifdef GUEST_GICD_IPA
static uint64_t l3_gic[512] __attribute__((aligned(4096)));
#endif

void stage2_init(void) {
#ifndef GUEST_GICD_IPA
  l2_low[GIC_BASE >> 21] = GIC_BASE | S2_BLOCK | S2_DEVICE;
#else
  /* The GIC-400 where the TX2 has it, on QEMU's GICv2: the distributor's first
     4 KiB (every register the kernel uses) and the CPU interface's 8 KiB. */
  l3_gic[(GUEST_GICD_IPA >> 12) & 511] = GIC_BASE | S2_PAGE | S2_DEVICE;
  l3_gic[(GUEST_GICC_IPA >> 12) & 511] = GICC_BASE | S2_PAGE | S2_DEVICE;
  l3_gic[((GUEST_GICC_IPA >> 12) + 1) & 511] = (GICC_BASE + 0x1000) | S2_PAGE | S2_DEVICE;
  l2_low[GUEST_GICD_IPA >> 21] = (uint64_t)(uintptr_t)l3_gic | S2_TABLE;
#endif
  l1[0] = (uint64_t)(uintptr_t)l2_low | S2_TABLE;
  l1[GUEST_RAM_BASE >> 30] = GUEST_RAM_BASE | S2_BLOCK | S2_AF | S2_SH_INNER | S2_AP_RW | S2_MEM_NORMAL;
}

/*
 * This core's EL2 state for running the guest at EL1: stage 2 on, EL1 in
 * AArch64, interrupts left to EL1 (HCR_EL2.IMO/FMO clear: the GIC is the
 * guest's), the timer and counter open to EL1, MPIDR as the hardware's.
 */
void el2_enable_guest(void) {
  uint64_t vtcr = 32 | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | (0UL << 14) | (2UL << 16) | (1UL << 31);
  uint64_t hcr = (1UL << 31) | (1UL << 0); /* RW, VM */
  uint64_t mpidr, cnthctl;
  __asm__ volatile("msr vtcr_el2, %0" ::"r"(vtcr));
  __asm__ volatile("msr vttbr_el2, %0" ::"r"((uint64_t)(uintptr_t)l1));
  __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
  __asm__ volatile("msr vmpidr_el2, %0" ::"r"(mpidr));
  __asm__ volatile("mrs %0, cnthctl_el2" : "=r"(cnthctl));
  __asm__ volatile("msr cnthctl_el2, %0" ::"r"(cnthctl | 3));
  __asm__ volatile("msr cntvoff_el2, xzr");
  __asm__ volatile("msr sctlr_el1, %0" ::"r"(0x30d00800UL)); /* RES1 bits; MMU and caches off */
  __asm__ volatile("dsb ishst; tlbi vmalls12e1is; dsb ish; isb");
  __asm__ volatile("msr hcr_el2, %0; isb" ::"r"(hcr));
}
