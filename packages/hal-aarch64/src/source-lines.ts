/**
 * TypeScript source positions of code addresses, for fault reports. Natively
 * the image carries a line table (native/lines.c); under Node there is no
 * machine code, so nothing is found.
 */

/**
 * `(fileIndex << 20) | line` for the code at `addr`, or -1 when unknown.
 * @native hal_line_lookup
 */
export function sourceLineInfo(addr: number): number {
  return addr < 0 ? -1 : -1;
}

/**
 * The workspace-relative path of a file index from sourceLineInfo.
 * @native hal_line_file
 */
export function sourceFileName(index: number): string {
  return index < 0 ? '' : '';
}
