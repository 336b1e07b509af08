/* The stub's start (core 0) and its trap handler (stub.h). */
#include "stub.h"

#define EC_HVC64 0x16
#define EC_DABT_LOWER 0x24
#define UNILIB_FN 0x12

_Noreturn void guest_start_boot_core(void);

void stub_main(void) {
  stub_puts("shyper-stub: EL2, stage 2 for the guest at ");
  stub_puthex(GUEST_RAM_BASE);
  stub_puts(" (1 GiB), NS16550 at ");
  stub_puthex(GUEST_UART_IPA);
  stub_puts(" emulated\n");
  stage2_init();
  unilib_init();
  guest_start_boot_core();
}

void stub_trap(struct frame *f) {
  uint64_t esr, far, hpfar;
  __asm__ volatile("mrs %0, esr_el2" : "=r"(esr));
  uint64_t ec = (esr >> 26) & 0x3f;
  if (ec == EC_HVC64) {
    if (psci_call(f)) return;
    if ((f->x[0] & 0xffffffffUL) == UNILIB_FN) {
      f->x[0] = (uint64_t)unilib_call(f->x[1], f->x[2]);
      return;
    }
    f->x[0] = (uint64_t)-1; /* SMCCC: unknown function */
    return;
  }
  if (ec == EC_DABT_LOWER) {
    __asm__ volatile("mrs %0, far_el2" : "=r"(far));
    __asm__ volatile("mrs %0, hpfar_el2" : "=r"(hpfar));
    uint64_t ipa = ((hpfar >> 4) << 12) | (far & 0xfff);
    if (uart_emulate(f, esr, ipa)) return;
    stub_puts("\nshyper-stub: the guest touched an address it has no mapping for: ");
    stub_puthex(ipa);
    stub_fatal("ESR_EL2", esr);
  }
  stub_fatal("unexpected trap from the guest, ESR_EL2", esr);
}
