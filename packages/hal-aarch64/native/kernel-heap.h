/*
 * The kernel heap's size: this much RAM right after the image (page
 * aligned) is the heap `new` allocates from (kernel-rt.c), and the RAM
 * nothing claimed at boot begins after it (free-ram.c). 32 MiB holds a
 * flagship's 256 HTTP connections with their buffers beside its file
 * systems and packet pool.
 */
#ifndef UNISHYPER_KERNEL_HEAP_H
#define UNISHYPER_KERNEL_HEAP_H
#define KERNEL_HEAP_BYTES (32u << 20)
#endif
