/*
 * Calibration "kernel": a loop of exactly 2*CALIB_N + 2 instructions
 * (mov; CALIB_N x (subs; b.ne); the mov-to-result is included below), used
 * to check that the harness counts guest instructions exactly.
 */
#include "../harness/bench.h"

#ifndef CALIB_N
#define CALIB_N 1000
#endif

const char bench_name[] = "calib";

void bench_setup(void)
{
}

uint64_t __attribute__((noinline)) bench_run(void)
{
	uint64_t n;
	__asm__ volatile("ldr %0, =%1\n\t"
			 "1: subs %0, %0, #1\n\t"
			 "b.ne 1b"
			 : "=&r"(n)
			 : "i"(CALIB_N)
			 : "cc");
	return n;
}
