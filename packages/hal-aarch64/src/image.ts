/**
 * Facts about the running image, for banners and the `free` command.
 */

/**
 * Bytes of RAM the image occupies: code, read-only data, data, .bss with the
 * boot stacks and the boot page table (page-rounded). 0 under Node.
 * @native hal_image_footprint
 */
export function imageFootprint(): number {
  return 0;
}
