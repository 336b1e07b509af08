/*
 * rt.h - the native half of @unishyper/rt.
 *
 * Generated C includes this one header. Every intrinsic `foo` of the kernel
 * dialect is `rt_foo` here, with exactly the semantics of the Node
 * implementation in ../src (docs/lowering-contract.md is the contract).
 *
 * C11, freestanding: only <stdint.h>, <stdbool.h> and <stddef.h>. Free of
 * undefined behaviour for every input: shift counts are masked or guarded,
 * signed wrap-around is done in unsigned arithmetic, division checks zero and
 * the MIN / -1 case. AArch64 instructions (barriers, wfi, mrs/msr, MMIO) sit
 * under `#if defined(__aarch64__)`; elsewhere (the host sanitizer build) they
 * are no-ops or plain C equivalents.
 *
 * Intrinsics that can panic are macros over an `_at` function taking the
 * source location, e.g. `rt_idiv(a, b)` is
 * `rt_idiv_at(a, b, RT_STR(__FILE__), __LINE__)`, so when the generated C
 * carries `#line` directives a panic names the TypeScript source line.
 *
 * What the target provides (one definition each, in the target's C file):
 *
 *   void rt_console_write(const uint8_t *p, int64_t n);
 *       Writes n bytes to the console (Linux user mode: write(1)).
 *   _Noreturn void rt_target_exit(int64_t code);
 *       Ends the program: 0 or main's result normally, 101 after a panic.
 *   void rt_target_heap(uint8_t **base, int64_t *size);
 *       The heap arena: called once, on the first allocation. Any alignment
 *       and size; the allocator trims it to 16-byte boundaries.
 *
 * Shared state (the heap, the host system-register file) is defined with
 * weak linkage, so the header can be included by several translation units.
 *
 * Layout:
 *   rt_base.h     types, rt_str, target hooks, exact integer helpers
 *   rt_console.h  rt_put_str/i64/u64/bool/hex/hex_i64/hex_u64
 *   rt_panic.h    rt_panic, rt_index_check, rt_checkIndex
 *   rt_int.h      u8 ... i64 conversions, num
 *   rt_arith.h    mul32, division, shifts, bit counts, byte swaps, rotates
 *   rt_memory.h   loads, stores, memcpy, memset, MMIO, barriers
 *   rt_atomic.h   atomic load, store, compare-and-swap, swap, fetch-add
 *   rt_cleanup.h  clean-up records for `using` (run after a thread ends abnormally)
 *   rt_heap.h     first-fit allocator: rt_alloc/rt_free, allocBytes/freeBytes, release
 *   rt_string.h   strLen, strByteAt, strFromBytes, rt_str_eq
 *   rt_sysreg.h   rt_read_sysreg_<NAME>/rt_write_sysreg_<NAME>
 *   rt_libc.h     memcpy/memmove/memset/memcmp for freestanding links
 */
#ifndef UNISHYPER_RT_H
#define UNISHYPER_RT_H

#include "rt_base.h"
#include "rt_console.h"
#include "rt_panic.h"
#include "rt_int.h"
#include "rt_arith.h"
#include "rt_memory.h"
#include "rt_atomic.h"
#include "rt_cleanup.h"
#include "rt_heap.h"
#include "rt_string.h"
#include "rt_sysreg.h"
#include "rt_libc.h"

#endif /* UNISHYPER_RT_H */
