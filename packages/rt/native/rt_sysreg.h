/*
 * rt_sysreg.h - system registers, for `readSysreg('X')`/`writeSysreg('X', v)`.
 *
 * rt_read_sysreg_X() and rt_write_sysreg_X(v) for every SysReg name; no
 * write function exists for the read-only CNTVCT_EL0, MPIDR_EL1, CurrentEL,
 * ID_AA64PFR0_EL1 and ICC_IAR1_EL1, and no read function for the write-only
 * ICC_EOIR1_EL1 and ICC_SGI1R_EL1 (the Node side panics on such accesses). On AArch64 they are
 * `mrs`/`msr`. Elsewhere (host builds) they read and write a plain register
 * file with the Node simulator's reset values, without the simulator's
 * timer behaviour.
 */
#ifndef UNISHYPER_RT_SYSREG_H
#define UNISHYPER_RT_SYSREG_H

#include "rt_base.h"

#if defined(__aarch64__)

#define RT__SYSREG_READ(name, index) \
  static inline uint64_t rt_read_sysreg_##name(void) { \
    uint64_t v; \
    __asm__ volatile("mrs %0, " #name : "=r"(v) : : "memory"); \
    return v; \
  }
#define RT__SYSREG_WRITE(name, index) \
  static inline void rt_write_sysreg_##name(uint64_t v) { \
    __asm__ volatile("msr " #name ", %0" : : "r"(v) : "memory"); \
  }

#else

enum { RT__SYSREG_COUNT = 34 };

extern uint64_t rt__host_sysregs[RT__SYSREG_COUNT];
RT_WEAK uint64_t rt__host_sysregs[RT__SYSREG_COUNT] = {
    [1] = 62500000u,   /* CNTFRQ_EL0 */
    [7] = 0x80000000u, /* MPIDR_EL1 */
    [8] = 0x4u,        /* CurrentEL: EL1 */
    [9] = 0x3c0u,      /* DAIF: all masked */
    [11] = 0x30d00800u, /* SCTLR_EL1 */
    [21] = 0x2222u      /* ID_AA64PFR0_EL1: Cortex-A53, no GIC system registers */
};

#define RT__SYSREG_READ(name, index) \
  static inline uint64_t rt_read_sysreg_##name(void) { return rt__host_sysregs[index]; }
#define RT__SYSREG_WRITE(name, index) \
  static inline void rt_write_sysreg_##name(uint64_t v) { rt__host_sysregs[index] = v; }

#endif

#define RT__SYSREG_RW(name, index) RT__SYSREG_READ(name, index) RT__SYSREG_WRITE(name, index)

RT__SYSREG_READ(CNTVCT_EL0, 0)
RT__SYSREG_RW(CNTFRQ_EL0, 1)
RT__SYSREG_RW(CNTV_CTL_EL0, 2)
RT__SYSREG_RW(CNTV_CVAL_EL0, 3)
RT__SYSREG_RW(CNTV_TVAL_EL0, 4)
RT__SYSREG_RW(TPIDR_EL0, 5)
RT__SYSREG_RW(TPIDR_EL1, 6)
RT__SYSREG_READ(MPIDR_EL1, 7)
RT__SYSREG_READ(CurrentEL, 8)
RT__SYSREG_RW(DAIF, 9)
RT__SYSREG_RW(VBAR_EL1, 10)
RT__SYSREG_RW(SCTLR_EL1, 11)
RT__SYSREG_RW(TCR_EL1, 12)
RT__SYSREG_RW(MAIR_EL1, 13)
RT__SYSREG_RW(TTBR0_EL1, 14)
RT__SYSREG_RW(ESR_EL1, 15)
RT__SYSREG_RW(FAR_EL1, 16)
RT__SYSREG_RW(ELR_EL1, 17)
RT__SYSREG_RW(SPSR_EL1, 18)
RT__SYSREG_RW(SP_EL0, 19)
RT__SYSREG_RW(CNTKCTL_EL1, 20)
RT__SYSREG_READ(ID_AA64PFR0_EL1, 21)
RT__SYSREG_RW(ICC_SRE_EL1, 22)
RT__SYSREG_RW(ICC_PMR_EL1, 23)
RT__SYSREG_RW(ICC_CTLR_EL1, 24)
RT__SYSREG_RW(ICC_IGRPEN1_EL1, 25)
RT__SYSREG_READ(ICC_IAR1_EL1, 26)
RT__SYSREG_WRITE(ICC_EOIR1_EL1, 27)
RT__SYSREG_WRITE(ICC_SGI1R_EL1, 28)
RT__SYSREG_RW(PMCR_EL0, 29)
RT__SYSREG_RW(PMCNTENSET_EL0, 30)
RT__SYSREG_RW(PMEVTYPER0_EL0, 31)
RT__SYSREG_RW(PMEVCNTR0_EL0, 32)
RT__SYSREG_RW(PMCCNTR_EL0, 33)

#endif /* UNISHYPER_RT_SYSREG_H */
