/* Harness self-test: bench_run() touches an unmapped address, so the image
 * must report BENCH_FAULT and exit with status 3. */
#include "../harness/bench.h"

const char bench_name[] = "fault";

void bench_setup(void)
{
}

uint64_t bench_run(void)
{
	return *(volatile uint32_t *)0x100000000ull; /* beyond the 4 GiB map */
}
