/*
 * rt_memory.h - memory, MMIO and barrier intrinsics.
 *
 * Loads and stores: little-endian, any alignment, through __builtin_memcpy
 * (one plain access after optimisation, never undefined for misaligned
 * addresses). memcpy handles overlap like memmove, as the Node side does.
 *
 * MMIO: single accesses of exactly the given width; the address must be
 * naturally aligned (the Node side panics otherwise). On AArch64 they are
 * inline `ldr/str` with a plain base register (no writeback forms, which a
 * hypervisor cannot emulate); elsewhere volatile pointers.
 */
#ifndef UNISHYPER_RT_MEMORY_H
#define UNISHYPER_RT_MEMORY_H

#include "rt_base.h"

/* ---- loads and stores ---------------------------------------------------- */

static inline uint8_t rt_load8(int64_t addr) {
  uint8_t v;
  __builtin_memcpy(&v, rt__ptr(addr), sizeof v);
  return v;
}

static inline uint16_t rt_load16(int64_t addr) {
  uint16_t v;
  __builtin_memcpy(&v, rt__ptr(addr), sizeof v);
  return v;
}

static inline uint32_t rt_load32(int64_t addr) {
  uint32_t v;
  __builtin_memcpy(&v, rt__ptr(addr), sizeof v);
  return v;
}

static inline uint64_t rt_load64(int64_t addr) {
  uint64_t v;
  __builtin_memcpy(&v, rt__ptr(addr), sizeof v);
  return v;
}

static inline void rt_store8(int64_t addr, int64_t v) {
  uint8_t b = (uint8_t)v;
  __builtin_memcpy(rt__ptr(addr), &b, sizeof b);
}

static inline void rt_store16(int64_t addr, int64_t v) {
  uint16_t b = (uint16_t)v;
  __builtin_memcpy(rt__ptr(addr), &b, sizeof b);
}

static inline void rt_store32(int64_t addr, int64_t v) {
  uint32_t b = (uint32_t)v;
  __builtin_memcpy(rt__ptr(addr), &b, sizeof b);
}

static inline void rt_store64(int64_t addr, uint64_t v) {
  __builtin_memcpy(rt__ptr(addr), &v, sizeof v);
}

/* len <= 0 does nothing; overlapping ranges are fine. */
static inline void rt_memcpy(int64_t dst, int64_t src, int64_t len) {
  if (len > 0) __builtin_memmove(rt__ptr(dst), rt__ptr(src), (size_t)len);
}

static inline void rt_memset(int64_t dst, int64_t byte, int64_t len) {
  if (len > 0) __builtin_memset(rt__ptr(dst), (int)(uint8_t)byte, (size_t)len);
}

/* x + w with the carry out added back in (end-around carry). */
static inline uint64_t rt__ones_add(uint64_t x, uint64_t w) {
  x += w;
  return x + (x < w);
}

/* RFC 1071's sum of len bytes as big-endian 16-bit words, folded to 16 bits
 * (memory.ts onesSum16). Summed as little-endian 64-bit words with
 * end-around carry: 2^16 = 1 modulo 0xffff, so a 64-bit word is the sum of
 * its four 16-bit ones, and the little-endian sum, byte-swapped, is the
 * big-endian one (RFC 1071 section 2(B)). The zero-padded tail makes an odd
 * last byte the high octet of its word. */
static inline int64_t rt_onesSum16(int64_t addr, int64_t len) {
  if (len <= 0) return 0;
  const unsigned char *p = (const unsigned char *)rt__ptr(addr);
  size_t n = (size_t)len;
  uint64_t s = 0;
#if defined(__aarch64__)
  if (n >= 64) {
    /* 64 bytes a turn: four ldp and one adds/adcs chain, the carry folded in once (16 instructions). */
    uint64_t blocks = n / 64, a, b, c, d, e, f, g, h;
    __asm__("1: ldp %[a], %[b], [%[p]]\n\t"
            "ldp %[c], %[d], [%[p], #16]\n\t"
            "ldp %[e], %[f], [%[p], #32]\n\t"
            "ldp %[g], %[h], [%[p], #48]\n\t"
            "adds %[s], %[s], %[a]\n\t"
            "adcs %[s], %[s], %[b]\n\t"
            "adcs %[s], %[s], %[c]\n\t"
            "adcs %[s], %[s], %[d]\n\t"
            "adcs %[s], %[s], %[e]\n\t"
            "adcs %[s], %[s], %[f]\n\t"
            "adcs %[s], %[s], %[g]\n\t"
            "adcs %[s], %[s], %[h]\n\t"
            "adc %[s], %[s], xzr\n\t"
            "add %[p], %[p], #64\n\t"
            "subs %[k], %[k], #1\n\t"
            "b.ne 1b"
            : [s] "+r"(s), [p] "+r"(p), [k] "+r"(blocks), [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [d] "=&r"(d),
              [e] "=&r"(e), [f] "=&r"(f), [g] "=&r"(g), [h] "=&r"(h)
            :
            : "cc", "memory");
    n %= 64;
  }
#endif
  while (n >= 8) {
    uint64_t w;
    __builtin_memcpy(&w, p, 8);
    s = rt__ones_add(s, w);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    /* The last 1-7 bytes as one zero-padded little-endian word, in at most three loads (a memcpy of a
     * variable length would be a call, on every IPv4 and TCP header). */
    uint64_t w = 0;
    unsigned at = 0;
    if (n & 4) {
      uint32_t v;
      __builtin_memcpy(&v, p, 4);
      w = v;
      at = 4;
    }
    if (n & 2) {
      uint16_t v;
      __builtin_memcpy(&v, p + at, 2);
      w |= (uint64_t)v << (8 * at);
      at += 2;
    }
    if (n & 1) w |= (uint64_t)p[at] << (8 * at);
    s = rt__ones_add(s, w);
  }
  s = (s & 0xffffffffu) + (s >> 32);
  s = (s & 0xffffffffu) + (s >> 32);
  s = (s & 0xffffu) + (s >> 16);
  s = (s & 0xffffu) + (s >> 16);
  return (int64_t)(((s & 0xffu) << 8) | (s >> 8));
}

/* ---- MMIO ------------------------------------------------------------------ */

#if defined(__aarch64__)

static inline uint8_t rt_mmioRead8(int64_t addr) {
  uint32_t v;
  __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(rt__ptr(addr)) : "memory");
  return (uint8_t)v;
}

static inline uint16_t rt_mmioRead16(int64_t addr) {
  uint32_t v;
  __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(rt__ptr(addr)) : "memory");
  return (uint16_t)v;
}

static inline uint32_t rt_mmioRead32(int64_t addr) {
  uint32_t v;
  __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(rt__ptr(addr)) : "memory");
  return v;
}

static inline uint64_t rt_mmioRead64(int64_t addr) {
  uint64_t v;
  __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(rt__ptr(addr)) : "memory");
  return v;
}

static inline void rt_mmioWrite8(int64_t addr, int64_t v) {
  __asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)(uint8_t)v), "r"(rt__ptr(addr)) : "memory");
}

static inline void rt_mmioWrite16(int64_t addr, int64_t v) {
  __asm__ volatile("strh %w0, [%1]" : : "r"((uint32_t)(uint16_t)v), "r"(rt__ptr(addr)) : "memory");
}

static inline void rt_mmioWrite32(int64_t addr, int64_t v) {
  __asm__ volatile("str %w0, [%1]" : : "r"((uint32_t)v), "r"(rt__ptr(addr)) : "memory");
}

static inline void rt_mmioWrite64(int64_t addr, uint64_t v) {
  __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(rt__ptr(addr)) : "memory");
}

#else /* not AArch64: volatile accesses */

static inline uint8_t rt_mmioRead8(int64_t addr) { return *(volatile const uint8_t *)rt__ptr(addr); }
static inline uint16_t rt_mmioRead16(int64_t addr) { return *(volatile const uint16_t *)rt__ptr(addr); }
static inline uint32_t rt_mmioRead32(int64_t addr) { return *(volatile const uint32_t *)rt__ptr(addr); }
static inline uint64_t rt_mmioRead64(int64_t addr) { return *(volatile const uint64_t *)rt__ptr(addr); }
static inline void rt_mmioWrite8(int64_t addr, int64_t v) { *(volatile uint8_t *)rt__ptr(addr) = (uint8_t)v; }
static inline void rt_mmioWrite16(int64_t addr, int64_t v) { *(volatile uint16_t *)rt__ptr(addr) = (uint16_t)v; }
static inline void rt_mmioWrite32(int64_t addr, int64_t v) { *(volatile uint32_t *)rt__ptr(addr) = (uint32_t)v; }
static inline void rt_mmioWrite64(int64_t addr, uint64_t v) { *(volatile uint64_t *)rt__ptr(addr) = v; }

#endif

/* ---- barriers and hints ------------------------------------------------------ */

#if defined(__aarch64__)
#define RT__INSN(text) __asm__ volatile(text ::: "memory")
#else
/* A compiler barrier only: the host build runs one thread on ordinary memory. */
#define RT__INSN(text) __asm__ volatile("" ::: "memory")
#endif

static inline void rt_dmb(void) { RT__INSN("dmb sy"); }
static inline void rt_dsb(void) { RT__INSN("dsb sy"); }
static inline void rt_isb(void) { RT__INSN("isb"); }
static inline void rt_dmbIsh(void) { RT__INSN("dmb ish"); }
static inline void rt_dsbIsh(void) { RT__INSN("dsb ish"); }
static inline void rt_wfi(void) { RT__INSN("wfi"); }
static inline void rt_wfe(void) { RT__INSN("wfe"); }
static inline void rt_sev(void) { RT__INSN("sev"); }

#endif /* UNISHYPER_RT_MEMORY_H */
