/**
 * A fixed byte ring: a connection's send buffer or receive buffer. The
 * memory is one `allocBytes` block made when the connection is made and
 * freed when it ends; nothing is allocated per segment.
 *
 * Send buffer: the bytes from SND.UNA on (unacknowledged, then unsent);
 * acknowledged bytes leave at the head (`skip`), segments are copied out
 * at an offset (`peek`) as often as they are (re)transmitted.
 * Receive buffer: in-order bytes not yet read, followed by free space where
 * out-of-order segments are written in place at their offset from RCV.NXT
 * (`writeAt`) until the hole before them fills (ooo.ts).
 */
import { allocBytes, bswap16, freeBytes, memcpy } from '@unishyper/rt';
import { copyOnesSum16 } from '@unishyper/hal-aarch64';

export class ByteRing {
  readonly base: number;
  readonly size: number;
  head = 0;
  used = 0;

  /** `size` bytes from the kernel heap. */
  constructor(size: number) {
    this.size = size;
    this.base = allocBytes(size, 64);
  }

  free(): number {
    return this.size - this.used;
  }

  /** Appends up to `n` bytes from `src`; returns how many fitted. */
  write(src: number, n: number): number {
    const k = n < this.size - this.used ? n : this.size - this.used;
    this.writeAt(0, src, k);
    this.used += k;
    return k;
  }

  /** Copies `n` bytes from `src` to `off` bytes past the end of the data (free space; no bounds beyond size - used). */
  writeAt(off: number, src: number, n: number): void {
    let pos = this.head + this.used + off;
    if (pos >= this.size) pos -= this.size;
    if (pos >= this.size) pos -= this.size;
    const first = this.size - pos < n ? this.size - pos : n;
    memcpy(this.base + pos, src, first);
    if (n > first) memcpy(this.base, src + first, n - first);
  }

  /**
   * writeAt that also returns the bytes' one's complement sum (folded, 16
   * bits, as onesSum16 of `src`): the receive path's copy and checksum in
   * one pass. A piece after a wrap that starts at an odd byte of `src` has
   * its sum byte-swapped (RFC 1071 §2(B)).
   */
  writeAtSum(off: number, src: number, n: number): number {
    let pos = this.head + this.used + off;
    if (pos >= this.size) pos -= this.size;
    if (pos >= this.size) pos -= this.size;
    const first = this.size - pos < n ? this.size - pos : n;
    let sum = copyOnesSum16(this.base + pos, src, first);
    if (n > first) {
      const rest = copyOnesSum16(this.base, src + first, n - first);
      sum += (first & 1) !== 0 ? bswap16(rest) : rest;
    }
    return sum;
  }

  /** Makes `n` bytes already written past the end (writeAt) part of the data. */
  commit(n: number): void {
    this.used += n;
  }

  /** Copies `n` bytes starting `off` bytes after the head to `dst`, leaving them. */
  peek(dst: number, off: number, n: number): void {
    let pos = this.head + off;
    if (pos >= this.size) pos -= this.size;
    const first = this.size - pos < n ? this.size - pos : n;
    memcpy(dst, this.base + pos, first);
    if (n > first) memcpy(dst + first, this.base, n - first);
  }

  /** Takes up to `n` bytes into `dst`; returns how many. */
  read(dst: number, n: number): number {
    const k = n < this.used ? n : this.used;
    this.peek(dst, 0, k);
    this.skip(k);
    return k;
  }

  /** Drops `n` bytes (<= used) from the head. */
  skip(n: number): void {
    this.head += n;
    if (this.head >= this.size) this.head -= this.size;
    this.used -= n;
  }

  /** Moves the head of an empty ring past `n` bytes that went elsewhere (straight to a reader), so offsets past the end stay where they were. */
  advanceEmpty(n: number): void {
    this.head += n;
    while (this.head >= this.size) this.head -= this.size;
  }

  /** Moves an empty ring's head to the start so later copies stay in one piece (only when nothing lies past the end). */
  rewindIfEmpty(): void {
    if (this.used === 0) this.head = 0;
  }

  dispose(): void {
    if (this.base !== 0) freeBytes(this.base);
  }
}
