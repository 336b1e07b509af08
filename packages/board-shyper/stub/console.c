/* The stub's own messages: straight to the PL011, polled. */
#include "stub.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define FR_TXFF (1u << 5)

static volatile uint32_t *reg(uint64_t off) { return (volatile uint32_t *)(PL011_BASE + off); }

void stub_putc(int c) {
  while (*reg(UARTFR) & FR_TXFF) {
  }
  *reg(UARTDR) = (uint32_t)(c & 0xff);
}

void stub_puts(const char *s) {
  for (; *s; s++) {
    if (*s == '\n') stub_putc('\r');
    stub_putc(*s);
  }
}

void stub_puthex(uint64_t v) {
  stub_puts("0x");
  for (int i = 60; i >= 0; i -= 4) stub_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

/* Something the stub cannot go on from: say what, and end the run (semihosting SYS_EXIT, status 98). */
_Noreturn void stub_fatal(const char *what, uint64_t value) {
  static uint64_t block[2];
  stub_puts("\nshyper-stub: ");
  stub_puts(what);
  stub_puts(" ");
  stub_puthex(value);
  stub_puts("\n");
  block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
  block[1] = 98;
  stub_semihost(0x18, (uint64_t)(uintptr_t)block);
  for (;;) __asm__ volatile("wfi");
}

void stub_unexpected(uint64_t kind) {
  uint64_t esr;
  __asm__ volatile("mrs %0, esr_el2" : "=r"(esr));
  stub_puts("\nshyper-stub: unexpected exception at EL2, vector ");
  stub_puthex(kind);
  stub_fatal("ESR_EL2", esr);
}
