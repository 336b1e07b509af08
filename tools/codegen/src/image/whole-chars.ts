// QEMU writes the guest's console one byte at a time, so a reader can see a
// UTF-8 character (the shell's `☻ SHELL➜ ` prompt) split across two reads.
// nx reads a task's terminal output chunk by chunk and decodes each chunk on
// its own, printing a split character as garbage. `unishyper qemu` therefore
// passes the console on through this writer, which writes whole characters
// only, holding back the first bytes of one until the rest arrive.

/** How many leading bytes of `b` are whole characters (a trailing incomplete one is left out). */
export function wholeCharsEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    if (c < 0x80) return b.length;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return i + need <= b.length ? b.length : i;
  }
  return b.length; // no lead byte in reach: not UTF-8, nothing to wait for
}

/** A sink for console chunks that writes whole characters to `out`. */
export function wholeCharsWriter(out: { write(b: Uint8Array): unknown }): (chunk: Uint8Array) => void {
  let held: Uint8Array = new Uint8Array(0);
  return (chunk) => {
    const b = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
    const end = wholeCharsEnd(b);
    if (end > 0) out.write(b.subarray(0, end));
    held = Uint8Array.from(b.subarray(end));
  };
}
