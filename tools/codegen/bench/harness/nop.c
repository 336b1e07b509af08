/* The baseline call: kept in its own translation unit so it is a real call. */
#include "bench.h"

uint64_t bench_nop(void)
{
	return 0;
}
