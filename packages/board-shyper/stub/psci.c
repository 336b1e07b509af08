/*
 * PSCI for the guest over HVC (Arm DEN 0022): SYSTEM_OFF, SYSTEM_RESET and
 * PSCI_VERSION go on to QEMU's firmware (SMC); CPU_ON starts the core at
 * the stub's secondary entry, which sets up that core's EL2 state and only
 * then enters the guest at the address the guest asked for, with its
 * context in x0.
 */
#include "stub.h"

#define PSCI_VERSION     0x84000000UL
#define PSCI_CPU_ON_64   0xc4000003UL
#define PSCI_SYSTEM_OFF  0x84000008UL
#define PSCI_SYSTEM_RESET 0x84000009UL
#define PSCI_NOT_SUPPORTED ((uint64_t)-1)
#define PSCI_INVALID_PARAMETERS ((uint64_t)-2)

static uint64_t guest_entry[MAX_CORES];
static uint64_t guest_context[MAX_CORES];

/* Enters the guest at EL1h with every exception masked, at `entry` with x0 = `x0`. */
static _Noreturn void enter_guest(uint64_t entry, uint64_t x0) {
  el2_enable_guest();
  __asm__ volatile("msr spsr_el2, %0" ::"r"(0x3c5UL));
  __asm__ volatile("msr elr_el2, %0" ::"r"(entry));
  register uint64_t r0 __asm__("x0") = x0;
  __asm__ volatile("eret" ::"r"(r0));
  __builtin_unreachable();
}

#define FDT_MAGIC_LE 0xedfe0dd0u /* 0xd00dfeed, big-endian in memory */

/* Core 0, at boot: the guest's image entry, with QEMU's device tree (its cores) when there is one. */
_Noreturn void guest_start_boot_core(void) {
#ifdef GUEST_DTB
  uint64_t dtb = *(volatile uint32_t *)GUEST_DTB == FDT_MAGIC_LE ? GUEST_DTB : 0;
#else
  uint64_t dtb = 0;
#endif
  enter_guest(GUEST_ENTRY, dtb);
}

/* A core CPU_ON started (entry.S). */
void guest_start_core(uint64_t core) {
  enter_guest(guest_entry[core], guest_context[core]);
}

/* 1 when x0 was a PSCI function (handled; result in x0), 0 otherwise. */
int psci_call(struct frame *f) {
  uint64_t fn = f->x[0] & 0xffffffffUL;
  switch (fn) {
  case PSCI_VERSION:
  case PSCI_SYSTEM_OFF:
  case PSCI_SYSTEM_RESET:
    f->x[0] = stub_smc(fn, f->x[1], f->x[2], f->x[3]);
    return 1;
  case PSCI_CPU_ON_64: {
    uint64_t core = f->x[1] & 0xff;
    if (core >= MAX_CORES || (f->x[1] & ~0xffUL) != 0) {
      f->x[0] = PSCI_INVALID_PARAMETERS;
      return 1;
    }
    guest_entry[core] = f->x[2];
    guest_context[core] = f->x[3];
    __asm__ volatile("dsb sy");
    f->x[0] = stub_smc(PSCI_CPU_ON_64, f->x[1], (uint64_t)(uintptr_t)stub_secondary_entry, core);
    return 1;
  }
  default:
    if ((fn & 0xff000000UL) == 0x84000000UL || (fn & 0xff000000UL) == 0xc4000000UL) {
      f->x[0] = PSCI_NOT_SUPPORTED;
      return 1;
    }
    return 0;
  }
}
