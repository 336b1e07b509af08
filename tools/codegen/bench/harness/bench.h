/*
 * The contract between the harness and one benchmark's glue.
 *
 * Each kernel has one glue file (bench/glue/<kernel>.c) shared by both
 * variants (hand-written C and the dialect lowered to C). The glue prepares
 * the input deterministically and calls the kernel once per bench_run(); the
 * variants differ only in the object that defines the kernel.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stddef.h>

/* Provided by the glue. */
extern const char bench_name[];
void bench_setup(void);
uint64_t bench_run(void);

/* Provided by the harness (nop.c): same call shape as bench_run, no work.
 * Its instruction count is the measurement baseline. */
uint64_t bench_nop(void);

/* Provided by the harness, usable by glue and kernels. */
void harness_puts(const char *s);
void harness_put_u64(uint64_t v);
void harness_put_hex(uint64_t v);
void harness_exit(int status) __attribute__((noreturn));

#endif
