/*
 * The NS16550 the guest sees at GUEST_UART_IPA (registers 4 bytes apart,
 * as on the TX2 the original ran on): every access is a stage-2 data abort
 * whose syndrome describes it (ISV = 1: ESR_EL2.ISS gives the width, the
 * register and the direction), served from the PL011:
 *   THR (write)  -> the PL011's data register
 *   RBR (read)   <- the PL011's receive FIFO
 *   LSR          THRE | TEMT always (the PL011 transmits polled), DR when
 *                the PL011 holds a byte
 *   IER          kept; its ERBFI turns the PL011's receive interrupts on,
 *                which reach the guest as the PL011's own GIC interrupt
 *                (SPI 1): the shyper board names that as its UART's
 *   IIR          "receive data available" while ERBFI and DR, else none
 *   LCR, MCR, SCR  kept; FCR, MSR and the rest: writes ignored, reads 0.
 * An access without a valid syndrome (a pair, a writeback) cannot be
 * emulated and ends the run with a message.
 */
#include "stub.h"

#define UARTDR   0x00
#define UARTFR   0x18
#define UARTIMSC 0x38
#define UARTICR  0x44
#define FR_RXFE  (1u << 4)
#define FR_TXFF  (1u << 5)
#define INT_RX   (1u << 4)
#define INT_RT   (1u << 6)

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IER_ERBFI 0x01

static uint32_t ier, lcr, mcr, scr;

static volatile uint32_t *pl011(uint64_t off) { return (volatile uint32_t *)(PL011_BASE + off); }

static int rx_ready(void) { return (*pl011(UARTFR) & FR_RXFE) == 0; }

static uint64_t uart_read(unsigned r) {
  switch (r) {
  case RBR_THR:
    if (!rx_ready()) return 0;
    {
      uint32_t b = *pl011(UARTDR) & 0xff;
      if (!rx_ready()) *pl011(UARTICR) = INT_RT; /* drained: no timeout interrupt left behind */
      return b;
    }
  case IER: return ier;
  case IIR_FCR: return (ier & IER_ERBFI) && rx_ready() ? 0x04 : 0x01;
  case LCR: return lcr;
  case MCR: return mcr;
  case LSR: return LSR_THRE | LSR_TEMT | (rx_ready() ? LSR_DR : 0);
  case SCR: return scr;
  default: return 0;
  }
}

static void uart_write(unsigned r, uint64_t v) {
  switch (r) {
  case RBR_THR:
    while (*pl011(UARTFR) & FR_TXFF) {
    }
    *pl011(UARTDR) = (uint32_t)(v & 0xff);
    break;
  case IER:
    ier = (uint32_t)(v & 0x0f);
    *pl011(UARTICR) = INT_RX | INT_RT;
    *pl011(UARTIMSC) = (ier & IER_ERBFI) ? (INT_RX | INT_RT) : 0;
    break;
  case LCR: lcr = (uint32_t)(v & 0xff); break;
  case MCR: mcr = (uint32_t)(v & 0xff); break;
  case SCR: scr = (uint32_t)(v & 0xff); break;
  default: break; /* FCR and the read-only ones */
  }
}

/* 1 when `ipa` was the UART's and the access is done (ELR advanced), 0 when it is not the UART's. */
int uart_emulate(struct frame *f, uint64_t esr, uint64_t ipa) {
  if (ipa < GUEST_UART_IPA || ipa >= GUEST_UART_IPA + GUEST_UART_SIZE) return 0;
  uint64_t iss = esr & 0x1ffffff;
  if (!(iss & (1UL << 24))) stub_fatal("NS16550 access without a valid syndrome (ISV = 0) at", ipa);
  unsigned srt = (iss >> 16) & 0x1f;
  int write = (iss >> 6) & 1;
  unsigned reg = (unsigned)((ipa - GUEST_UART_IPA) >> 2);
  if (write) uart_write(reg, srt == 31 ? 0 : f->x[srt]);
  else if (srt != 31) f->x[srt] = uart_read(reg);
  uint64_t elr;
  __asm__ volatile("mrs %0, elr_el2" : "=r"(elr));
  __asm__ volatile("msr elr_el2, %0" ::"r"(elr + 4));
  return 1;
}
