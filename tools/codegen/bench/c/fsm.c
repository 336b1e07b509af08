/* A small lexer as a switch state machine: the twin of ts/fsm.ts. */
#include <stdint.h>

enum state { IDLE, NUMBER, WORD, COMMENT };

static inline int class_of(uint8_t b) { return b & 15; }

int64_t fsm_bench(const uint8_t *buf, int64_t len, int64_t n)
{
	int64_t words = 0, numbers = 0, ops = 0, lines = 0, sum = 0;
	for (int64_t round = 0; round < n; round++) {
		enum state state = IDLE;
		int64_t value = 0;
		for (int64_t i = 0; i < len; i++) {
			int c = class_of(buf[i]);
			switch (state) {
			case IDLE:
				if (c <= 9) {
					state = NUMBER;
					value = c;
				} else if (c <= 12)
					state = WORD;
				else if (c == 14)
					ops++;
				else if (c == 15)
					lines++;
				break;
			case NUMBER:
				if (c <= 9)
					value = (value * 10 + c) % 1000003;
				else {
					numbers++;
					sum = (sum + value) % 0x100000000;
					state = c == 15 ? COMMENT : IDLE;
				}
				break;
			case WORD:
				if (c > 12) {
					words++;
					if (c == 14)
						ops++;
					state = c == 15 ? COMMENT : IDLE;
				}
				break;
			case COMMENT:
				if (c == 15) {
					lines++;
					state = IDLE;
				}
				break;
			}
		}
	}
	return ((words * 31 + numbers) * 31 + ops) * 31 + lines + sum * 0x10000;
}
