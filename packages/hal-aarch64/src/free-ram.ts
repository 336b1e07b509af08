/**
 * RAM that nothing claimed at boot: everything from the end of the kernel
 * heap (placed right after the image by native/kernel-rt.c) to the end of
 * the board's RAM. The thread stack pool takes its arena from here.
 */

/**
 * First address after the image and the kernel heap (0 under Node).
 * @native hal_free_ram_start
 */
export function freeRamStart(): number {
  return 0;
}
