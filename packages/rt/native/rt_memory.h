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
