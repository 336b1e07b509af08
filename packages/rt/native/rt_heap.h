/*
 * rt_heap.h - the kernel heap: first fit over one arena, with coalescing.
 *
 * Same algorithm, block layout and panics as ../src/heap.ts, so a sequence
 * of allocations gives the same offsets from the arena start in both worlds
 * (when the arena start is aligned at least as much as any request).
 *
 * The arena comes from the target's rt_target_heap(&base, &size), asked once
 * on first use and trimmed to 16-byte boundaries. It is tiled by blocks in
 * address order, each starting with a 16-byte header:
 *
 *   +0  u64 block size in bytes (header included, a multiple of 16, >= 32)
 *   +8  u32 tag: RT__TAG_USED or RT__TAG_FREE
 *   +12 u32 zero
 *
 * and the payload at +16 (so payloads are 16-aligned). No two free blocks
 * are adjacent: freeing merges with both neighbours. Allocation takes the
 * first free block that fits, leaves a free block in front of the payload
 * only when alignment needs a gap of 32 bytes or more, and splits off the
 * tail when 32 bytes or more remain. Freeing walks from the arena start, so
 * it knows whether an address is a live payload; if not it panics
 * "double free of 0x..." (the address lies in free memory) or
 * "invalid free of 0x..." (anything else). A header that is not sane panics
 * "heap corruption at 0x...".
 */
#ifndef UNISHYPER_RT_HEAP_H
#define UNISHYPER_RT_HEAP_H

/* Kernel images (RT_HEAP_EXTERNAL) allocate from the memory manager's heap
 * (@unishyper/mm, exported from TypeScript) instead of this allocator. */
#if defined(RT_HEAP_EXTERNAL)
int64_t mm_heap_alloc(int64_t size, int64_t align);
void mm_heap_free(int64_t addr);
#endif

#include "rt_base.h"
#include "rt_panic.h"

#define RT__HEAP_HEADER 16u
#define RT__HEAP_MIN_BLOCK 32u
#define RT__TAG_USED 0x44455355u /* "USED" in memory */
#define RT__TAG_FREE 0x45455246u /* "FREE" in memory */
/* Largest alignment rt_alloc accepts. */
#define RT_MAX_ALIGN (INT64_C(1) << 30)

typedef struct {
  bool ready;
  uint64_t base; /* first block */
  uint64_t end;  /* one past the last block; == base when the arena is too small */
  int64_t live_allocations;
  int64_t live_block_bytes; /* payload capacity of the live blocks */
} rt_heap_state;

extern rt_heap_state rt__heap;
RT_WEAK rt_heap_state rt__heap;

static inline uint64_t rt__heap_size_of(uint64_t b) {
  uint64_t v;
  __builtin_memcpy(&v, (const void *)(uintptr_t)b, sizeof v);
  return v;
}

static inline uint32_t rt__heap_tag_of(uint64_t b) {
  uint32_t v;
  __builtin_memcpy(&v, (const void *)(uintptr_t)(b + 8), sizeof v);
  return v;
}

static inline void rt__heap_write(uint64_t b, uint64_t size, uint32_t tag) {
  uint32_t zero = 0;
  __builtin_memcpy((void *)(uintptr_t)b, &size, sizeof size);
  __builtin_memcpy((void *)(uintptr_t)(b + 8), &tag, sizeof tag);
  __builtin_memcpy((void *)(uintptr_t)(b + 12), &zero, sizeof zero);
}

static inline uint64_t rt__round_up(uint64_t x, uint64_t a) {
  return (x + (a - 1)) & ~(a - 1);
}

static inline void rt__heap_init(void) {
  uint8_t *base = NULL;
  int64_t size = 0;
  rt_target_heap(&base, &size);
  uint64_t lo = rt__round_up((uint64_t)(uintptr_t)base, 16);
  uint64_t hi = ((uint64_t)(uintptr_t)base + (size > 0 ? (uint64_t)size : 0)) & ~(uint64_t)15;
  rt__heap.base = lo;
  rt__heap.end = lo;
  if (base != NULL && hi >= lo + RT__HEAP_MIN_BLOCK) {
    rt__heap.end = hi;
    rt__heap_write(lo, hi - lo, RT__TAG_FREE);
  }
  rt__heap.ready = true;
}

/* The size of the block at b, after checking its header. */
static inline uint64_t rt__heap_checked_size(uint64_t b, rt_str file, int64_t line) {
  uint64_t size = rt__heap_size_of(b);
  uint32_t tag = rt__heap_tag_of(b);
  if ((tag != RT__TAG_USED && tag != RT__TAG_FREE) || size < RT__HEAP_MIN_BLOCK || size % 16 != 0 ||
      size > rt__heap.end - b) {
    rt__panic_addr(RT_STR("heap corruption at "), rt__i64_from_bits(b), file, line);
  }
  return size;
}

/* size bytes aligned to align (a power of two up to 2^30). Never NULL. */
static inline void *rt_alloc_at(int64_t size, int64_t align, rt_str file, int64_t line) {
#if defined(RT_HEAP_EXTERNAL)
  (void)file; (void)line;
  return (void *)(uintptr_t)mm_heap_alloc(size, align);
#endif
  if (!rt__heap.ready) rt__heap_init();
  if (size < 0) rt__panic_num(RT_STR("invalid allocation size "), size, file, line);
  if (align < 1 || align > RT_MAX_ALIGN || (align & (align - 1)) != 0) {
    rt__panic_num(RT_STR("invalid alignment "), align, file, line);
  }
  if ((uint64_t)size > rt__heap.end - rt__heap.base) rt_panic(RT_STR("out of memory"), file, line);
  uint64_t a = align < 16 ? 16 : (uint64_t)align;
  uint64_t payload = rt__round_up(size == 0 ? 1 : (uint64_t)size, 16);
  uint64_t b = rt__heap.base;
  while (b < rt__heap.end) {
    uint64_t bs = rt__heap_checked_size(b, file, line);
    if (rt__heap_tag_of(b) == RT__TAG_FREE) {
      uint64_t p = rt__round_up(b + RT__HEAP_HEADER, a);
      if (p - RT__HEAP_HEADER - b != 0 && p - RT__HEAP_HEADER - b < RT__HEAP_MIN_BLOCK) {
        p = rt__round_up(b + RT__HEAP_HEADER + RT__HEAP_MIN_BLOCK, a);
      }
      uint64_t start = p - RT__HEAP_HEADER;
      uint64_t stop = p + payload;
      if (stop <= b + bs) {
        if (start > b) rt__heap_write(b, start - b, RT__TAG_FREE);
        uint64_t block_end = b + bs;
        if (b + bs - stop >= RT__HEAP_MIN_BLOCK) {
          rt__heap_write(stop, b + bs - stop, RT__TAG_FREE);
          block_end = stop;
        }
        rt__heap_write(start, block_end - start, RT__TAG_USED);
        rt__heap.live_allocations++;
        rt__heap.live_block_bytes += (int64_t)(block_end - p);
        return (void *)(uintptr_t)p;
      }
    }
    b += bs;
  }
  rt_panic(RT_STR("out of memory"), file, line);
}

enum { RT__FREE_BYTES, RT__RELEASE };

/* Frees the block whose payload is at addr; `how` picks the panic wording. */
static inline void rt__heap_free(uint64_t addr, int how, rt_str file, int64_t line) {
#if defined(RT_HEAP_EXTERNAL)
  (void)how; (void)file; (void)line;
  mm_heap_free((int64_t)addr);
  return;
#endif
  if (!rt__heap.ready) rt__heap_init();
  uint64_t prev = 0;
  bool has_prev = false;
  uint64_t b = rt__heap.base;
  while (b < rt__heap.end && b <= addr) {
    uint64_t bs = rt__heap_checked_size(b, file, line);
    if (addr < b + bs) {
      uint32_t tag = rt__heap_tag_of(b);
      if (tag == RT__TAG_FREE && addr % 16 == 0) {
        if (how == RT__RELEASE) rt_panic(RT_STR("double release"), file, line);
        rt__panic_addr(RT_STR("double free of "), rt__i64_from_bits(addr), file, line);
      }
      if (tag == RT__TAG_FREE || addr != b + RT__HEAP_HEADER) break;
      uint64_t start = b;
      uint64_t size = bs;
      if (b + bs < rt__heap.end && rt__heap_tag_of(b + bs) == RT__TAG_FREE) {
        size += rt__heap_checked_size(b + bs, file, line);
      }
      if (has_prev && rt__heap_tag_of(prev) == RT__TAG_FREE) {
        start = prev;
        size += b - prev;
      }
      rt__heap_write(b, bs, RT__TAG_FREE);
      rt__heap_write(start, size, RT__TAG_FREE);
      rt__heap.live_allocations--;
      rt__heap.live_block_bytes -= (int64_t)(bs - RT__HEAP_HEADER);
      return;
    }
    prev = b;
    has_prev = true;
    b += bs;
  }
  rt__panic_addr(how == RT__RELEASE ? RT_STR("invalid release of ") : RT_STR("invalid free of "),
                 rt__i64_from_bits(addr), file, line);
}

static inline void rt_free_at(void *p, rt_str file, int64_t line) {
  rt__heap_free((uint64_t)(uintptr_t)p, RT__FREE_BYTES, file, line);
}

#define rt_alloc(size, align) rt_alloc_at((size), (align), RT_HERE)
#define rt_free(p) rt_free_at((p), RT_HERE)

/* The dialect's allocBytes/freeBytes: the same heap, addresses as numbers. */
static inline int64_t rt_allocBytes_at(int64_t size, int64_t align, rt_str file, int64_t line) {
  void *p = rt_alloc_at(size, align, file, line);
  return (int64_t)(uintptr_t)p;
}

static inline void rt_freeBytes_at(int64_t addr, rt_str file, int64_t line) {
  rt__heap_free((uint64_t)addr, RT__FREE_BYTES, file, line);
}

#define rt_allocBytes(size, align) rt_allocBytes_at((size), (align), RT_HERE)
#define rt_freeBytes(addr) rt_freeBytes_at((addr), RT_HERE)

/* release(obj): gives an object's memory back; a second release panics "double release". */
static inline void rt_release_at(void *obj, rt_str file, int64_t line) {
  rt__heap_free((uint64_t)(uintptr_t)obj, RT__RELEASE, file, line);
}

#define rt_release(obj) rt_release_at((obj), RT_HERE)

/* Live allocations and their payload capacity in bytes, for leak checks. */
static inline void rt_heap_stats(int64_t *live_allocations, int64_t *live_block_bytes) {
  *live_allocations = rt__heap.live_allocations;
  *live_block_bytes = rt__heap.live_block_bytes;
}

#endif /* UNISHYPER_RT_HEAP_H */
