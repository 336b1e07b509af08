/* RFC 1071 Internet checksum: sum 16-bit words into a wide accumulator,
 * fold the carries, complement. Summing in host (little-endian) order is
 * valid because the one's-complement sum is byte-order independent. */
#include "kernels.h"

uint16_t inet_checksum(const void *buf, size_t len)
{
	const uint16_t *w = buf;
	uint64_t sum = 0;

	while (len > 1) {
		sum += *w++;
		len -= 2;
	}
	if (len)
		sum += *(const uint8_t *)w;

	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
