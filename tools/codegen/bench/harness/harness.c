/*
 * Benchmark harness: measures one kernel call in guest instructions.
 *
 * Run under `qemu-system-aarch64 -M virt -cpu cortex-a53 -icount shift=4`.
 * With -icount (precise mode) QEMU implements the PMU event INST_RETIRED
 * (0x08) as the exact count of executed guest instructions, and the virtual
 * clock advances 2^shift ns per instruction, so at shift=4 the generic timer
 * (CNTFRQ 62.5 MHz, 16 ns per tick) advances exactly one tick per
 * instruction and the PMU cycle counter (1 GHz in QEMU) 16 per instruction.
 * We read all three around each call: the host side uses INST_RETIRED and
 * checks that the other two agree.
 *
 * Output, one line each, parsed by bench/lib/qemu.ts:
 *   BENCH_START name=<n> cntfrq=<hz>
 *   BENCH_SAMPLE kind=<nop|run> rep=<i> result=<hex> insns=<n> ticks=<n> cycles=<n>
 *   BENCH_END
 * then a semihosting exit with status 0.
 */
#include "bench.h"

#define UART_BASE 0x09000000UL
#define UART_DR   0x00
#define UART_FR   0x18
#define UART_FR_TXFF (1u << 5)

#define REPS 3

static void uart_putc(char c)
{
	volatile uint32_t *fr = (volatile uint32_t *)(UART_BASE + UART_FR);
	volatile uint32_t *dr = (volatile uint32_t *)(UART_BASE + UART_DR);
	while (*fr & UART_FR_TXFF)
		;
	*dr = (uint8_t)c;
}

void harness_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

void harness_put_u64(uint64_t v)
{
	char buf[21];
	int i = 20;
	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	harness_puts(&buf[i]);
}

void harness_put_hex(uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[19];
	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < 16; i++)
		buf[2 + i] = digits[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = 0;
	harness_puts(buf);
}

/* The target's console for code lowered from the dialect (rt.h contract). */
void rt_console_write(const uint8_t *p, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		uart_putc((char)p[i]);
}

struct counters {
	uint64_t insns, ticks, cycles;
};

/* The isb keeps the reads ordered against the measured code on hardware;
 * under QEMU it is just one more (constant) instruction in the baseline. */
static inline __attribute__((always_inline)) void read_counters(struct counters *c)
{
	uint64_t i, t, y;
	__asm__ volatile("isb\n\t"
			 "mrs %0, pmevcntr0_el0\n\t"
			 "mrs %1, cntvct_el0\n\t"
			 "mrs %2, pmccntr_el0"
			 : "=r"(i), "=r"(t), "=r"(y)
			 :
			 : "memory");
	c->insns = i;
	c->ticks = t;
	c->cycles = y;
}

static void report(const char *kind, int rep, uint64_t result,
		   const struct counters *a, const struct counters *b)
{
	harness_puts("BENCH_SAMPLE kind=");
	harness_puts(kind);
	harness_puts(" rep=");
	harness_put_u64((uint64_t)rep);
	harness_puts(" result=");
	harness_put_hex(result);
	harness_puts(" insns=");
	/* PMEVCNTR0 is a 32-bit counter: take the difference modulo 2^32. */
	harness_put_u64((uint32_t)(b->insns - a->insns));
	harness_puts(" ticks=");
	harness_put_u64(b->ticks - a->ticks);
	harness_puts(" cycles=");
	harness_put_u64(b->cycles - a->cycles);
	harness_puts("\n");
}

int harness_main(void)
{
	uint64_t cntfrq;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(cntfrq));

	harness_puts("BENCH_START name=");
	harness_puts(bench_name);
	harness_puts(" cntfrq=");
	harness_put_u64(cntfrq);
	harness_puts("\n");

	bench_setup();

	for (int rep = 0; rep < REPS; rep++) {
		struct counters a, b;
		read_counters(&a);
		uint64_t r = bench_nop();
		read_counters(&b);
		report("nop", rep, r, &a, &b);
	}
	for (int rep = 0; rep < REPS; rep++) {
		struct counters a, b;
		read_counters(&a);
		uint64_t r = bench_run();
		read_counters(&b);
		report("run", rep, r, &a, &b);
	}

	harness_puts("BENCH_END\n");
	return 0;
}

void harness_fault(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	harness_puts("BENCH_FAULT vector=");
	harness_put_u64(kind);
	harness_puts(" esr=");
	harness_put_hex(esr);
	harness_puts(" elr=");
	harness_put_hex(elr);
	harness_puts(" far=");
	harness_put_hex(far);
	harness_puts("\n");
	harness_exit(3);
}
