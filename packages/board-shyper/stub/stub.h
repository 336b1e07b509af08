/*
 * The EL2 stub: a small stand-in for the Rust-Shyper hypervisor, so that
 * board-shyper runs on QEMU `virt` with virtualization=on. It is a test
 * fixture, not a product: one guest, identity stage-2 translation, the
 * physical GIC and timer passed through. What it does for the guest is what
 * shyper does for Unishyper: an NS16550 console (emulated on a trapped page,
 * bytes forwarded to the PL011), PSCI over HVC, and the unilib calls (HVC
 * function 0x12) served from a host directory through semihosting.
 *
 * It runs with the EL2 MMU off (QEMU does not model caches; on hardware
 * the guest's cached writes would have to be cleaned first), hence
 * -mstrict-align.
 */
#ifndef SHYPER_STUB_H
#define SHYPER_STUB_H

#include <stdint.h>

#ifndef STUB_LAYOUT_TX2
/* What the guest sees (the shyper table in packages/board-shyper/README.md). */
#define GUEST_RAM_BASE   0x40000000UL
#define GUEST_RAM_SIZE   0x40000000UL
#define GUEST_ENTRY      0x40200000UL   /* board-shyper's load address: the image header branches to _start */
#define GUEST_UART_IPA   0x0c280000UL   /* the NS16550 the guest sees (not mapped: every access traps) */
#define GUEST_DTB        0x40000000UL   /* where QEMU leaves its device tree for an ELF kernel */
#else
/*
 * The TX2's layout instead (board-tx2's test boots its image through this):
 * RAM from 0x8000_0000, the image at 0x8008_0000, UARTA's NS16550 at
 * 0x0310_0000, the GIC-400's distributor and CPU interface at 0x0388_1000
 * and 0x0388_2000 (stage 2 maps them onto QEMU's GICv2). The stub itself
 * then lives at 0x4000_0000 (stub.ld, STUB_BASE). No device tree is passed.
 * The guest makes its PSCI calls with SMC, which QEMU's firmware serves
 * directly: a core it starts comes up without this stub, so one core only.
 */
#define GUEST_RAM_BASE   0x80000000UL
#define GUEST_RAM_SIZE   0x40000000UL
#define GUEST_ENTRY      0x80080000UL
#define GUEST_UART_IPA   0x03100000UL
#define GUEST_GICD_IPA   0x03881000UL
#define GUEST_GICC_IPA   0x03882000UL
#endif
#define GUEST_UART_SIZE  0x1000UL
#define GIC_BASE         0x08000000UL   /* QEMU virt's GICv2 */
#define GICC_BASE        0x08010000UL

/* The machine's own console. */
#define PL011_BASE       0x09000000UL

#define MAX_CORES 8

/* One saved register set: x0-x30 as the guest left them (entry.S). */
struct frame {
  uint64_t x[31];
  uint64_t pad;
};

/* entry.S */
uint64_t stub_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
int64_t stub_semihost(uint64_t op, uint64_t arg);
void stub_secondary_entry(void);
extern char stub_vectors[];

/* console.c */
void stub_putc(int c);
void stub_puts(const char *s);
void stub_puthex(uint64_t v);
_Noreturn void stub_fatal(const char *what, uint64_t value);

/* stage2.c */
void stage2_init(void);
void el2_enable_guest(void);

/* uart-emu.c */
int uart_emulate(struct frame *f, uint64_t esr, uint64_t ipa);

/* psci.c */
int psci_call(struct frame *f);
void guest_start_core(uint64_t core);

/* unilib.c */
void unilib_init(void);
int64_t unilib_call(uint64_t event, uint64_t block);

#endif
